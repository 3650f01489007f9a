import ComplexModule
import CoulombCore
import HDF5

/// Reads the layout people write by hand with h5py: one group per cell holding 1-D datasets named for
/// their quantity (see ``ColumnAliases``), and one group per spectrum.
///
/// Cell attributes read when present: `cell_type` (string), `area_cm2`, `active_mass_g`, `temperature_C`,
/// `stack_pressure_MPa` (numbers), and `metadata` (a JSON string, as in battdat). Spectrum group
/// attributes: `test_id`, `time_s`, `temperature_C`, `cycle`, `potential_V`.
struct SimpleLayoutReader {
    let file: HDF5File
    /// Invalid spectra go to `rejectedSpectra` instead of failing the read.
    var keepInvalidSpectra = false

    func read(_ location: LayoutDetector.Location, defaultID: String) throws -> (cell: LoadedCell, warnings: [String]) {
        let group = try file.group(location.path)
        var cell = Cell(id: location.path == "/" ? defaultID : String(location.path.split(separator: "/").last!))
        let id = cell.id
        if group.hasAttribute("metadata") {
            CellMetadata.apply(try CellMetadata.parse(try group.stringAttribute("metadata"), file: file.path,
                                                      object: group.path), to: &cell)
            cell.id = id
        }
        if group.hasAttribute("cell_type") {
            let text = try group.stringAttribute("cell_type")
            guard let type = CellType(loosely: text) else {
                throw CoulombIOError(file: file.path, object: group.path, problem: """
                    attribute 'cell_type' is '\(text)'; expected one of \
                    \(CellType.allCases.map(\.rawValue).joined(separator: ", "))
                    """)
            }
            cell.type = type
        }
        cell.area_cm2 = try number(group, "area_cm2") ?? cell.area_cm2
        cell.activeMass_g = try number(group, "active_mass_g") ?? cell.activeMass_g
        cell.temperature_C = try number(group, "temperature_C") ?? cell.temperature_C
        cell.stackPressure_MPa = try number(group, "stack_pressure_MPa") ?? cell.stackPressure_MPa

        var loaded = LoadedCell(cell: cell, objectPath: location.path, cyclingColumns: [], spectrumColumns: [])
        var warnings: [String] = []
        if location.cyclingGroup != nil {
            let (data, columns, repairs) = try readCycling(group)
            loaded.cell.cycling = data
            loaded.cyclingColumns = columns
            warnings = repairs
        }
        for (index, path) in location.spectrumGroups.enumerated() {
            let group = try file.group(path)
            do {
                let (spectrum, columns) = try readSpectrum(group, index: index)
                loaded.cell.spectra.append(spectrum)
                if loaded.spectrumColumns.isEmpty { loaded.spectrumColumns = columns }
            } catch let error as CoulombIOError where keepInvalidSpectra {
                loaded.rejectedSpectra.append((try integer(group, "test_id") ?? index, error))
            }
        }
        return (loaded, warnings)
    }

    private func readCycling(_ group: HDF5Group) throws -> (CyclingData, [ColumnDescription], [String]) {
        let names = Set(try group.datasetNames())
        var described: [ColumnDescription] = []
        var columns = CyclingColumns()
        func doubles(_ aliases: [ColumnAliases.Alias], model: String, required: Bool) throws -> [Double]? {
            guard let alias = ColumnAliases.find(aliases, in: names) else {
                guard !required else {
                    throw CoulombIOError(file: file.path, object: group.path,
                                         problem: "missing required dataset \(ColumnAliases.spelled(aliases))")
                }
                return nil
            }
            described.append(ColumnDescription(name: alias.name, units: alias.units))
            columns.sourceNames[model] = alias.name
            let values = try group.dataset(alias.name).readDoubles()
            return alias.scale == 1 ? values : values.map { $0 * alias.scale }
        }
        func integers(_ aliases: [ColumnAliases.Alias], model: String) throws -> [Int]? {
            guard let alias = ColumnAliases.find(aliases, in: names) else { return nil }
            described.append(ColumnDescription(name: alias.name, units: nil))
            columns.sourceNames[model] = alias.name
            return try group.dataset(alias.name).readIntegers()
        }
        columns.time_s = try doubles(ColumnAliases.time, model: "time_s", required: true)!
        columns.voltage_V = try doubles(ColumnAliases.voltage, model: "voltage_V", required: true)!
        columns.current_A = try doubles(ColumnAliases.current, model: "current_A", required: true)!
        columns.cycleIndex = try integers(ColumnAliases.cycle, model: "cycleIndex")
        columns.stepIndex = try integers(ColumnAliases.step, model: "stepIndex")
        columns.temperature_C = try doubles(ColumnAliases.temperature, model: "temperature_C", required: false)
        columns.chargeCapacity_Ah = try doubles(ColumnAliases.chargeCapacity, model: "chargeCapacity_Ah", required: false)
        columns.dischargeCapacity_Ah = try doubles(ColumnAliases.dischargeCapacity, model: "dischargeCapacity_Ah",
                                                   required: false)
        let (data, warnings) = try columns.makeData(file: file.path, object: group.path)
        return (data, described, warnings)
    }

    private func readSpectrum(_ group: HDF5Group, index: Int) throws -> (ImpedanceSpectrum, [ColumnDescription]) {
        let names = Set(try group.datasetNames())
        func column(_ aliases: [ColumnAliases.Alias]) throws -> (ColumnAliases.Alias, [Double]) {
            guard let alias = ColumnAliases.find(aliases, in: names) else {
                throw CoulombIOError(file: file.path, object: group.path,
                                     problem: "missing required dataset \(ColumnAliases.spelled(aliases))")
            }
            return (alias, try group.dataset(alias.name).readDoubles())
        }
        let (frequencyName, frequency) = try column(ColumnAliases.frequency)
        let (realName, real) = try column(ColumnAliases.zReal)
        let (imaginaryName, imaginary) = try column(ColumnAliases.zImag)
        guard real.count == imaginary.count else {
            throw CoulombIOError(file: file.path, object: group.path, problem: """
                dataset '\(imaginaryName.name)' has \(imaginary.count) rows but '\(realName.name)' has \(real.count)
                """)
        }
        do {
            let spectrum = try ImpedanceSpectrum(
                frequency_Hz: frequency, impedance_ohm: zip(real, imaginary).map { Complex($0, $1) },
                testID: try integer(group, "test_id") ?? index,
                time_s: try number(group, "time_s"), temperature_C: try number(group, "temperature_C"),
                cycle: try integer(group, "cycle"), potential_V: try number(group, "potential_V"))
            let columns = [frequencyName, realName, imaginaryName].map { ColumnDescription(name: $0.name, units: $0.units) }
            return (spectrum, columns)
        } catch let error as DataValidationError {
            throw error.inFile(file.path, object: group.path, columnNames: [
                "frequency_Hz": frequencyName.name, "impedance_ohm": "\(realName.name)/\(imaginaryName.name)",
            ])
        }
    }

    private func number(_ node: HDF5Node, _ name: String) throws -> Double? {
        guard node.hasAttribute(name) else { return nil }
        let value = try node.numberAttribute(name)
        guard value.isFinite else {
            throw CoulombIOError(file: file.path, object: node.path, problem: "attribute '\(name)' is \(value)")
        }
        return value
    }

    private func integer(_ node: HDF5Node, _ name: String) throws -> Int? {
        guard let value = try number(node, name) else { return nil }
        guard let whole = Int(exactly: value) else {
            throw CoulombIOError(file: file.path, object: node.path, problem: "attribute '\(name)' is \(value), expected a whole number")
        }
        return whole
    }
}
