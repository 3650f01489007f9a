import ComplexModule
import CoulombCore
import HDF5

/// Reads cells from battdat's layout: PyTables tables whose compound members are the columns.
///
/// `raw_data` needs `test_time` (s), `voltage` (V), `current` (A); `cycle_number`, `step_index`,
/// `temperature` (°C), `cycle_capacity_charge` and `cycle_capacity_discharge` (A-hr) are read when present.
/// `eis_data` needs `test_id`, `frequency` (Hz), `z_real`, `z_imag` (Ohm); rows with one `test_id` make one
/// spectrum, in order of first appearance; its `test_time`, `temperature`, `cycle_number` and `potential`
/// (V) are taken from the spectrum's first row when present.
struct BattdatReader {
    let file: HDF5File
    /// Invalid spectra go to `rejectedSpectra` instead of failing the read.
    var keepInvalidSpectra = false

    func read(_ location: LayoutDetector.Location, defaultID: String, rootMetadata: JSONValue?) throws
        -> (cell: LoadedCell, warnings: [String]) {
        let group = try file.group(location.path)
        // A cell's id: the name in its own metadata, else its group's name; a cell at the root takes the
        // file's metadata name, else the file name. The root's name is shared by all groups, so it never
        // names a group.
        let ownMetadata = location.path == "/" || group.hasAttribute("metadata")
        var cell = Cell(id: ownMetadata ? "" : String(location.path.split(separator: "/").last!))
        let metadata = group.hasAttribute("metadata")
            ? try CellMetadata.parse(try group.stringAttribute("metadata"), file: file.path, object: group.path)
            : rootMetadata
        if let metadata { CellMetadata.apply(metadata, to: &cell) }
        if cell.id.isEmpty {
            cell.id = location.path == "/" ? defaultID : String(location.path.split(separator: "/").last!)
        }

        var loaded = LoadedCell(cell: cell, objectPath: location.path, cyclingColumns: [], spectrumColumns: [])
        var warnings: [String] = []
        if location.cyclingGroup != nil {
            let table = try group.dataset("raw_data")
            let (data, repairs) = try readCycling(table)
            loaded.cell.cycling = data
            loaded.cyclingColumns = try columns(of: table)
            warnings += repairs
        }
        if !location.spectrumGroups.isEmpty {
            let table = try group.dataset("eis_data")
            (loaded.cell.spectra, loaded.rejectedSpectra) = try readSpectra(table)
            loaded.spectrumColumns = try columns(of: table)
        }
        return (loaded, warnings)
    }

    private func readCycling(_ table: HDF5Dataset) throws -> (CyclingData, [String]) {
        let present = Set(table.fields.map(\.name))
        try requireColumns(["test_time", "voltage", "current"], in: table)
        let optional = [("cycle_number", true), ("step_index", true), ("temperature", false),
                        ("cycle_capacity_charge", false), ("cycle_capacity_discharge", false)]
            .filter { present.contains($0.0) }
        let requests = [("test_time", false), ("voltage", false), ("current", false)] + optional
        let values = try table.readFields(requests.map { (name: $0.0, asInteger: $0.1) })
        var byName: [String: HDF5Values] = [:]
        for (request, column) in zip(requests, values) { byName[request.0] = column }

        var columns = CyclingColumns()
        columns.time_s = byName["test_time"]!.doubles
        columns.voltage_V = byName["voltage"]!.doubles
        columns.current_A = byName["current"]!.doubles
        columns.cycleIndex = byName["cycle_number"]?.integers
        columns.stepIndex = byName["step_index"]?.integers
        columns.temperature_C = byName["temperature"]?.doubles
        columns.chargeCapacity_Ah = byName["cycle_capacity_charge"]?.doubles
        columns.dischargeCapacity_Ah = byName["cycle_capacity_discharge"]?.doubles
        columns.sourceNames = ["time_s": "test_time", "voltage_V": "voltage", "current_A": "current",
                               "cycleIndex": "cycle_number", "stepIndex": "step_index", "temperature_C": "temperature",
                               "chargeCapacity_Ah": "cycle_capacity_charge",
                               "dischargeCapacity_Ah": "cycle_capacity_discharge"]
        return try columns.makeData(file: file.path, object: table.path)
    }

    private func readSpectra(_ table: HDF5Dataset) throws
        -> ([ImpedanceSpectrum], [(testID: Int, error: CoulombIOError)]) {
        let present = Set(table.fields.map(\.name))
        try requireColumns(["test_id", "frequency", "z_real", "z_imag"], in: table)
        let optional = [("test_time", false), ("temperature", false), ("cycle_number", true), ("potential", false)]
            .filter { present.contains($0.0) }
        let requests = [("test_id", true), ("frequency", false), ("z_real", false), ("z_imag", false)] + optional
        let values = try table.readFields(requests.map { (name: $0.0, asInteger: $0.1) })
        var byName: [String: HDF5Values] = [:]
        for (request, column) in zip(requests, values) { byName[request.0] = column }
        let ids = byName["test_id"]!.integers
        let frequency = byName["frequency"]!.doubles
        let real = byName["z_real"]!.doubles
        let imaginary = byName["z_imag"]!.doubles
        // Per-spectrum facts, converted once rather than once per spectrum.
        let time = byName["test_time"]?.doubles, temperature = byName["temperature"]?.doubles
        let cycle = byName["cycle_number"]?.integers, potential = byName["potential"]?.doubles

        var order: [Int] = []
        var rows: [Int: [Int]] = [:]
        for (row, id) in ids.enumerated() {
            if rows[id] == nil { order.append(id) }
            rows[id, default: []].append(row)
        }
        guard !order.isEmpty else {
            throw CoulombIOError(file: file.path, object: table.path, problem: "the table has no rows")
        }
        var spectra: [ImpedanceSpectrum] = []
        var rejected: [(testID: Int, error: CoulombIOError)] = []
        for id in order {
            let members = rows[id]!
            let first = members[0]
            let built = Result { () throws(DataValidationError) in
                try ImpedanceSpectrum(
                    frequency_Hz: members.map { frequency[$0] },
                    impedance_ohm: members.map { Complex(real[$0], imaginary[$0]) },
                    testID: id,
                    time_s: time?[first], temperature_C: temperature?[first], cycle: cycle?[first],
                    potential_V: potential?[first])
            }
            switch built {
            case .success(let spectrum): spectra.append(spectrum)
            case .failure(let error):
                let named = error.inFile(file.path, object: table.path,
                                         columnNames: ["frequency_Hz": "frequency", "impedance_ohm": "z_real/z_imag"],
                                         rows: members, prefix: "test_id \(id): ")
                guard keepInvalidSpectra else { throw named }
                rejected.append((id, named))
            }
        }
        return (spectra, rejected)
    }

    private func requireColumns(_ names: [String], in table: HDF5Dataset) throws {
        let present = Set(table.fields.map(\.name))
        let missing = names.filter { !present.contains($0) }
        guard missing.isEmpty else {
            let noun = missing.count == 1 ? "column" : "columns"
            throw CoulombIOError(
                file: file.path, object: table.path,
                problem: "missing required \(noun) \(missing.map { "'\($0)'" }.joined(separator: ", ")) "
                    + "(found: \(table.fields.map(\.name).joined(separator: ", ")))")
        }
    }

    /// The table's columns with units from its `metadata` schema attribute, when it has one.
    private func columns(of table: HDF5Dataset) throws -> [ColumnDescription] {
        var units: [String: String] = [:]
        if table.hasAttribute("metadata"),
           case .object(var schema) = try CellMetadata.parse(try table.stringAttribute("metadata"),
                                                               file: file.path, object: table.path) {
            if case .object(let extra)? = schema.removeValue(forKey: "extra_columns") {
                schema.merge(extra) { first, _ in first }
            }
            for (name, info) in schema {
                if let unit = info[path: "units"]?.string { units[name] = unit }
            }
        }
        return table.fields.map { ColumnDescription(name: $0.name, units: units[$0.name]) }
    }
}

extension HDF5Values {
    /// The values as doubles (integers converted exactly where they fit).
    var doubles: [Double] {
        switch self {
        case .doubles(let values): values
        case .integers(let values): values.map(Double.init)
        }
    }

    /// The values of a column requested as integers (``HDF5Dataset/readFields(_:)`` returns what was asked).
    var integers: [Int] {
        guard case .integers(let values) = self else { preconditionFailure("column was not requested as integers") }
        return values
    }
}
