/// Reads the cycling columns of a delimited export whose header names each quantity with its unit
/// (`Current(A)`, `Voltage / V`, `Test_Time`), given which names mean what in that format.
enum CyclingTableReader {
    /// The quantity names (before any unit) each model column goes by in one format, compared without
    /// regard to case.
    struct Schema {
        var time: [String]
        var voltage: [String]
        var current: [String]
        var cycle: [String] = []
        var step: [String] = []
        var temperature: [String] = []
        var chargeCapacity: [String] = []
        var dischargeCapacity: [String] = []
        /// Time written as `h:mm:ss` (Neware) rather than a number.
        var timeIsDuration = false
        /// A text column the format needs to interpret the others (a step type or mode); optional.
        var label: [String] = []
        /// The unit of a column whose name carries none, by model column; otherwise the model's own.
        var implicitUnits: [String: String] = [:]
    }

    /// The columns read: cycling columns in the model's units (current as written, before any sign
    /// convention of the format), the label column if any, and each row's line number.
    struct Reading {
        var columns: CyclingColumns
        var described: [ColumnDescription]
        var label: [String]?
        var labelName: String?
        var lines: [Int]
    }

    /// Reads the delimited `table`; `role` says which lines are rows.
    static func read(
        _ table: DelimitedTable, schema: Schema,
        role: @escaping (UnsafeBufferPointer<UInt8>, Range<Int>) -> DelimitedTable.LineRole
    ) throws -> Reading {
        try read(table.rows(where: role), schema: schema)
    }

    /// Reads `table`, delimited text or a sheet.
    static func read(_ table: some ExportTable, schema: Schema) throws -> Reading {
        let parsed = table.columns.map(CSVDialect.quantityAndUnit)
        let dimensions: [String: CSVDialect.Dimension] = [
            "time_s": .time, "voltage_V": .voltage, "current_A": .current, "temperature_C": .temperature,
            "chargeCapacity_Ah": .charge, "dischargeCapacity_Ah": .charge,
        ]
        /// The first column named any of `names` whose unit fits the model column (PEC writes `Charge
        /// Capacity (mAh)` and `Charge Capacity (mWh)`), else the first so named.
        func find(_ names: [String], model: String) -> Int? {
            let lowered = Set(names.map { $0.lowercased() })
            let named = parsed.indices.filter { lowered.contains(parsed[$0].quantity.lowercased()) }
            guard let dimension = dimensions[model] else { return named.first }
            return named.first { CSVDialect.scale(parsed[$0].unit, dimension: dimension) != nil } ?? named.first
        }
        var wanted: [(index: Int, kind: DelimitedTable.Kind)] = []
        var slots: [String: (slot: Int, index: Int)] = [:]
        func want(_ model: String, _ names: [String], kind: DelimitedTable.Kind, required: Bool) throws {
            guard let index = find(names, model: model) else {
                guard !required else {
                    throw table.headerError("""
                        no \(model.prefix { $0 != "_" }) column; looked for \(names.map { "'\($0)'" }.joined(separator: " or ")) \
                        (with or without a unit) among \(table.quotedColumns)
                        """)
                }
                return
            }
            slots[model] = (wanted.count, index)
            wanted.append((index, kind))
        }
        try want("time_s", schema.time, kind: schema.timeIsDuration ? .duration : .number, required: true)
        try want("voltage_V", schema.voltage, kind: .number, required: true)
        try want("current_A", schema.current, kind: .number, required: true)
        try want("cycleIndex", schema.cycle, kind: .integer, required: false)
        try want("stepIndex", schema.step, kind: .integer, required: false)
        try want("temperature_C", schema.temperature, kind: .number, required: false)
        try want("chargeCapacity_Ah", schema.chargeCapacity, kind: .number, required: false)
        try want("dischargeCapacity_Ah", schema.dischargeCapacity, kind: .number, required: false)
        try want("label", schema.label, kind: .label, required: false)

        let (values, lines) = try table.read(wanted)
        guard !lines.isEmpty else { throw table.headerError("no data rows after the column names") }

        var columns = CyclingColumns()
        var described: [ColumnDescription] = []
        func scaled(_ model: String) throws -> [Double]? {
            guard let (slot, index) = slots[model] else { return nil }
            // A duration is read into seconds whatever its header calls it (`Total Time (Hours in hh:mm:ss.xxx)`).
            let unit = schema.timeIsDuration && model == "time_s" ? "s" : parsed[index].unit ?? schema.implicitUnits[model]
            let dimension = dimensions[model]!
            guard let scale = CSVDialect.scale(unit, dimension: dimension) else {
                throw table.headerError("""
                    column '\(table.columns[index])': unit '\(unit ?? "")' is not one Coulomb knows for it \
                    (\(dimension.scales.keys.sorted().joined(separator: ", ")))
                    """)
            }
            columns.sourceNames[model] = table.columns[index]
            described.append(ColumnDescription(name: table.columns[index], units: unit ?? dimension.modelUnit))
            let numbers = values[slot].numbers
            return scale == 1 ? numbers : numbers.map { $0 * scale }
        }
        func counter(_ model: String) -> [Int]? {
            guard let (slot, index) = slots[model] else { return nil }
            columns.sourceNames[model] = table.columns[index]
            described.append(ColumnDescription(name: table.columns[index], units: nil))
            return values[slot].integers
        }
        columns.time_s = try scaled("time_s")!
        columns.voltage_V = try scaled("voltage_V")!
        columns.current_A = try scaled("current_A")!
        columns.cycleIndex = counter("cycleIndex")
        columns.stepIndex = counter("stepIndex")
        columns.temperature_C = try scaled("temperature_C")
        columns.chargeCapacity_Ah = try scaled("chargeCapacity_Ah")
        columns.dischargeCapacity_Ah = try scaled("dischargeCapacity_Ah")
        columns.rowLocations = table.rowLocations(lines)
        let label = slots["label"].map { values[$0.slot].labels }
        return Reading(columns: columns, described: described, label: label,
                       labelName: slots["label"].map { table.columns[$0.index] }, lines: lines)
    }
}

extension CyclingTableReader {
    /// The columns of a CSV export whose first non-blank line is the header.
    static func reading(of text: ExportText, schema: Schema) throws -> Reading {
        let header = try text.firstNonBlankLine()
        return try read(DelimitedTable(text: text, header: header, delimiter: CSVDialect.delimiter(of: text, line: header)),
                        schema: schema)
    }

    /// A CSV export whose first non-blank line is the header and whose current needs no re-signing.
    static func content(of text: ExportText, schema: Schema) throws -> ExportContent {
        try reading(of: text, schema: schema).content
    }
}

extension CyclingTableReader.Reading {
    /// An export holding these cycling columns and nothing else.
    var content: ExportContent {
        var content = ExportContent()
        content.cycling = columns
        content.cyclingColumns = described
        return content
    }
}
