import CoulombCore
import HDF5

/// Reads a cellpy HDF5 file (cellpy file versions 5 to 8): pandas frames under `/CellpyData`.
///
/// - `raw` (table format): the record. Columns are found by cellpy's names in any case (`test_time`,
///   `voltage`, `current`, `cycle_index`, `step_index`, `charge_capacity`, `discharge_capacity`; v5–v7
///   wrote Arbin's `Test_Time`, …) and converted from the units in `info`'s `raw_unit_*` columns.
///   cellpy keeps the instrument's sign: current > 0 charges.
/// - `info` and `info_test_dependent` (fixed format, one row): cell name, active mass (`raw_unit_mass`),
///   electrode area (`raw_unit_area`) and `cycle_mode`, which becomes the cell type (cellpy's default
///   is "anode"; `--mode` overrides). Everything else goes into the cell's metadata under `cellpy`.
/// - `summary` (table format): cellpy's own per-cycle summary, kept as a stored table.
struct CellpyReader {
    let file: HDF5File

    static let root = "/CellpyData"

    func read(defaultID: String) throws -> (cell: LoadedCell, warnings: [String]) {
        let group = try file.group(Self.root)
        var info = try PandasFixedFrame.read(try group.group("info"))
        if group.contains("info_test_dependent") {
            info.merge(try PandasFixedFrame.read(try group.group("info_test_dependent"))) { first, _ in first }
        }
        var cell = Cell(id: Self.text(info["cell_name"]) ?? defaultID)
        if let mode = Self.text(info["cycle_mode"]) { cell.type = CellType(loosely: mode) }
        if let mass = Self.number(info["mass"]), mass > 0 {
            cell.activeMass_g = mass * (try factor(info, "mass", ["mg": 1e-3, "g": 1, "kg": 1e3, "ug": 1e-6]))
        }
        if let area = Self.number(info["active_electrode_area"]), area > 0 {
            cell.area_cm2 = area * (try factor(info, "area", ["cm**2": 1, "cm2": 1, "mm**2": 1e-2, "mm2": 1e-2, "m**2": 1e4]))
        }
        cell.metadata = .object(["cellpy": .object(info.compactMapValues(Self.json))])

        let raw = try PandasTable(try group.group("raw"))
        var columns = CyclingColumns()
        func find(_ name: String) -> String? { raw.columns.first { $0.lowercased() == name && raw.has($0) } }
        let required = try ["test_time", "voltage", "current"].map { name in
            guard let found = find(name) else {
                throw CoulombIOError(file: file.path, object: raw.table.path,
                                     problem: "no '\(name)' column (columns: \(raw.columns.joined(separator: ", ")))")
            }
            return found
        }
        let optional = ["cycle_index", "step_index", "charge_capacity", "discharge_capacity"].map(find)
        let values = try raw.read(required + optional.compactMap { $0 })
        let time = try factor(info, "time", ["sec": 1, "s": 1, "min": 60, "h": 3600, "hr": 3600])
        let voltage = try factor(info, "voltage", ["V": 1, "mV": 1e-3])
        let current = try factor(info, "current", ["A": 1, "mA": 1e-3, "uA": 1e-6, "µA": 1e-6])
        columns.time_s = values[required[0]]!.map { $0 * time }
        columns.voltage_V = values[required[1]]!.map { $0 * voltage }
        columns.current_A = values[required[2]]!.map { $0 * current }
        columns.cycleIndex = optional[0].map { values[$0]!.map { Int($0) } }
        columns.stepIndex = optional[1].map { values[$0]!.map { Int($0) } }
        if optional[2] != nil || optional[3] != nil {
            let charge = try factor(info, "charge", ["Ah": 1, "mAh": 1e-3, "uAh": 1e-6])
            columns.chargeCapacity_Ah = optional[2].map { values[$0]!.map { $0 * charge } }
            columns.dischargeCapacity_Ah = optional[3].map { values[$0]!.map { $0 * charge } }
        }
        columns.sourceNames = ["time_s": required[0], "voltage_V": required[1], "current_A": required[2],
                               "cycleIndex": optional[0] ?? "", "stepIndex": optional[1] ?? "",
                               "chargeCapacity_Ah": optional[2] ?? "", "dischargeCapacity_Ah": optional[3] ?? ""]
        let (data, warnings) = try columns.makeData(file: file.path, object: raw.table.path)
        cell.cycling = data

        let units = [required[0]: "time", required[1]: "voltage", required[2]: "current",
                     optional[2] ?? "": "charge", optional[3] ?? "": "charge"]
            .compactMapValues { Self.text(info["raw_unit_\($0)"]) }
        var loaded = LoadedCell(cell: cell, objectPath: Self.root,
                                cyclingColumns: raw.columns.map { ColumnDescription(name: $0, units: units[$0]) },
                                spectrumColumns: [])
        if group.contains("summary") {
            let summary = try PandasTable(try group.group("summary"))
            let names = summary.columns.filter(summary.has)
            let read = try summary.read(["index"] + names)
            loaded.storedTables.append(StoredTable(
                name: "cellpy summary", object: summary.table.path, indexName: summary.indexName ?? "index",
                index: read["index"]!, columns: names.map { (name: $0, values: read[$0]!) }))
        }
        return (loaded, warnings)
    }

    /// The factor from the unit cellpy recorded in `raw_unit_<quantity>` to Coulomb's; an unknown unit is
    /// an error rather than a guess. A file without the column uses cellpy's defaults (the first listed).
    private func factor(_ info: [String: PickleValue], _ quantity: String, _ known: KeyValuePairs<String, Double>) throws -> Double {
        guard let unit = Self.text(info["raw_unit_\(quantity)"]) else { return known.first!.value }
        guard let factor = known.first(where: { $0.key == unit })?.value else {
            throw CoulombIOError(file: file.path, object: Self.root + "/info", problem: """
                raw_unit_\(quantity) is '\(unit)'; Coulomb reads \(known.map { "'\($0.key)'" }.joined(separator: ", "))
                """)
        }
        return factor
    }

    /// A text value; cellpy wraps some in one-element lists (`info_test_dependent`).
    private static func text(_ value: PickleValue?) -> String? {
        switch value {
        case .string(let text)?: text.isEmpty ? nil : text
        case .list(let items)? where items.count == 1: text(items[0])
        default: nil
        }
    }

    private static func number(_ value: PickleValue?) -> Double? {
        switch value {
        case .float(let x)?: x.isFinite ? x : nil
        case .int(let n)?: Double(n)
        case .list(let items)? where items.count == 1: number(items[0])
        default: nil
        }
    }

    private static func json(_ value: PickleValue) -> JSONValue? {
        switch value {
        case .none: .null
        case .bool(let b): .bool(b)
        case .int(let n): .number(Double(n))
        case .float(let x): x.isFinite ? .number(x) : .null
        case .string(let s): .string(s)
        case .bytes: nil
        case .list(let items), .tuple(let items), .ndarray(_, let items):
            items.count == 1 ? json(items[0]) : .array(items.compactMap(json))
        case .dict: nil
        case .datetime(let time): .string(time.iso8601)
        case .date(let year, let month, let day):
            .string(String(PickleDateTime(year: year, month: month, day: day).iso8601.prefix { $0 != "T" }))
        case .timedelta(let seconds, let nanoseconds): .number(Double(seconds) + Double(nanoseconds) * 1e-9)
        }
    }
}
