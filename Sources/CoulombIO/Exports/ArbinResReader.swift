import CoulombCore

/// Reads Arbin MITS Pro result files (`.res`): MS Access databases, read through ``AccessDatabase``.
///
/// - `Channel_Normal_Table`: one row per data point — `Test_Time` and `Step_Time` [s], `Current` [A],
///   `Voltage` [V], `Cycle_Index`, `Step_Index`, `Charge_Capacity` / `Discharge_Capacity` [Ah] and
///   `Charge_Energy` / `Discharge_Energy` [Wh], the instrument's counters. Rows are taken in `Data_Point`
///   order (the order cellpy sorts them into); a file holding several tests (`Test_ID`) is read for the
///   first, with a warning.
/// - `Global_Table`: the test's name, channel, schedule, start time (an OLE date: days since 1899-12-30,
///   also kept as ISO 8601 `start_datetime`),
///   software version, and `MASS` in g (MITS Pro's unit; with `Specific_Capacity` in Ah/g their product
///   is the cell's nominal capacity), which becomes the active mass when it is above zero. Everything
///   is kept in the cell's metadata under `arbin`.
/// - `Auxiliary_Table` with `Aux_Global_Data_Table`, when they hold rows: auxiliary channels by
///   `Data_Type` (MITS Pro: 0 voltage, 1 temperature, 2 pressure, 3 pH, 4 flow rate, …). The first
///   temperature channel becomes the temperature column when it has a value for every data point; every
///   channel is listed in the metadata.
///
/// Sign: Arbin's current is positive on charge, as in the model (as in the CSV exports,
/// ``ArbinCSVReader``).
enum ArbinResReader {
    static let normalTable = "Channel_Normal_Table"

    /// Every column of `Channel_Normal_Table` the reader takes, in the model's units (the file's own).
    struct Record {
        var dataPoint: [Double] = []
        var testTime_s: [Double] = []
        var stepTime_s: [Double] = []
        var current_A: [Double] = []
        var voltage_V: [Double] = []
        var cycleIndex: [Int] = []
        var stepIndex: [Int] = []
        var chargeCapacity_Ah: [Double] = []
        var dischargeCapacity_Ah: [Double] = []
        var chargeEnergy_Wh: [Double] = []
        var dischargeEnergy_Wh: [Double] = []
        var temperature_C: [Double]?
    }

    /// Reads in a child process when ``AccessDatabaseParsing/helper`` names one, else in this process.
    static func read(_ text: ExportText) throws -> ExportContent {
        let reading = if let helper = AccessDatabaseParsing.helper {
            try AccessDatabaseParsing.readInChild(helper, path: text.file, size: text.bytes.count)
        } else {
            ArbinResReading(try read(AccessDatabase(file: text.file, bytes: text.bytes)))
        }
        if let error = reading.error { throw error }
        return content(reading)
    }

    /// The record, the global facts and the auxiliary channels, with warnings.
    static func read(_ database: AccessDatabase) throws -> (Record, [String: JSONValue], [JSONValue], [String]) {
        let file = database.file
        guard let normal = try database.table(normalTable) else {
            throw CoulombIOError(file: file, problem: """
                an MS Access database without a '\(normalTable)' table, so not an Arbin .res result file
                """)
        }
        func fail(_ problem: String) -> CoulombIOError { CoulombIOError(file: file, object: normalTable, problem: problem) }
        func column(_ name: String) throws -> [Double] {
            guard let values = normal.numbers[name] else {
                throw fail("no numeric '\(name)' column (columns: \(normal.columns.joined(separator: ", ")))")
            }
            return values
        }
        guard normal.rows > 0 else { throw fail("holds no rows") }
        var warnings: [String] = []
        if normal.rows != normal.declaredRows {
            warnings.append("\(file): \(normalTable): \(normal.rows) rows read where the table's definition counts "
                            + "\(normal.declaredRows) (a database still being written, or damaged)")
        }
        // One test: the rows of the first Test_ID, in Data_Point order.
        let testIDs = try column("Test_ID")
        let firstTest = testIDs[0]
        var rows = Array(testIDs.indices.filter { testIDs[$0] == firstTest })
        if rows.count < testIDs.count {
            let others = Set(testIDs).subtracting([firstTest]).sorted().map { $0.formatted }
            warnings.append("\(file): \(normalTable): holds tests \(([firstTest.formatted] + others).joined(separator: ", ")); read test \(firstTest.formatted)")
        }
        let dataPoints = try column("Data_Point")
        // A damaged row's unreadable Data_Point (NaN) has no place in an order: then the file's order is kept.
        if rows.allSatisfy({ dataPoints[$0].isFinite }), !zip(rows, rows.dropFirst()).allSatisfy({ dataPoints[$0] < dataPoints[$1] }) {
            rows.sort { (dataPoints[$0], $0) < (dataPoints[$1], $1) }
        }
        func take(_ name: String) throws -> [Double] {
            let values = try column(name)
            return rows.map { values[$0] }
        }
        func counter(_ name: String) throws -> [Int] {
            try take(name).enumerated().map { row, value in
                guard let whole = Int(exactly: value) else {
                    throw CoulombIOError(file: file, object: location(row, dataPoints[rows[row]]),
                                         problem: "'\(name)' is \(value), not a whole number")
                }
                return whole
            }
        }
        var record = Record()
        record.dataPoint = rows.map { dataPoints[$0] }
        record.testTime_s = try take("Test_Time")
        record.stepTime_s = try take("Step_Time")
        record.current_A = try take("Current")
        record.voltage_V = try take("Voltage")
        record.cycleIndex = try counter("Cycle_Index")
        record.stepIndex = try counter("Step_Index")
        record.chargeCapacity_Ah = try take("Charge_Capacity")
        record.dischargeCapacity_Ah = try take("Discharge_Capacity")
        record.chargeEnergy_Wh = try take("Charge_Energy")
        record.dischargeEnergy_Wh = try take("Discharge_Energy")

        let global = try globalFacts(database, test: firstTest)
        let (auxiliary, temperature) = try auxiliaryChannels(database, test: firstTest, dataPoints: record.dataPoint,
                                                             warnings: &warnings)
        record.temperature_C = temperature
        return (record, global, auxiliary, warnings)
    }

    /// The `Global_Table` row of the test, numbers and text, by column name.
    private static func globalFacts(_ database: AccessDatabase, test: Double) throws -> [String: JSONValue] {
        guard let global = try database.table("Global_Table"),
              let row = global.numbers["Test_ID"]?.firstIndex(of: test) ?? (global.rows > 0 ? 0 : nil) else { return [:] }
        var facts: [String: JSONValue] = [:]
        for name in global.columns {
            if let value = global.numbers[name]?[row], value.isFinite { facts[name] = .number(value) }
            if let value = global.texts[name]?[row] ?? nil, !value.isEmpty { facts[name] = .string(value) }
        }
        // An OLE date: days since 1899-12-30 (25,569 days before 1970-01-01), in the cycler's local time.
        if case .number(let days)? = facts["Start_DateTime"], abs(days) < 3e6 {
            let microseconds = ((days - 25_569) * 86_400e6).rounded()
            let seconds = Int((microseconds / 1e6).rounded(.down))
            facts["start_datetime"] = .string(PickleDateTime(sinceEpoch_s: seconds, nanoseconds: Int(microseconds - Double(seconds) * 1e6) * 1000).iso8601)
        }
        return facts
    }

    /// Every auxiliary channel of the test, and the first temperature channel as a column when it covers
    /// every data point.
    private static func auxiliaryChannels(
        _ database: AccessDatabase, test: Double, dataPoints: [Double], warnings: inout [String]
    ) throws -> ([JSONValue], [Double]?) {
        guard let table = try database.table("Auxiliary_Table"), table.rows > 0,
              let ids = table.numbers["Test_ID"], let points = table.numbers["Data_Point"],
              let indices = table.numbers["Auxiliary_Index"], let types = table.numbers["Data_Type"],
              let values = table.numbers["X"] else { return ([], nil) }
        let names = try database.table("Aux_Global_Data_Table")
        struct Channel: Hashable, Comparable {
            var type: Double, index: Double
            static func < (a: Channel, b: Channel) -> Bool { (a.type, a.index) < (b.type, b.index) }
        }
        var channels: [Channel: [Double: Double]] = [:]
        for row in 0..<table.rows where ids[row] == test {
            channels[Channel(type: types[row], index: indices[row]), default: [:]][points[row]] = values[row]
        }
        var listed: [JSONValue] = []
        var temperature: [Double]?
        for channel in channels.keys.sorted() {
            var entry: [String: JSONValue] = ["data_type": .number(channel.type), "auxiliary_index": .number(channel.index),
                                              "rows": .number(Double(channels[channel]!.count))]
            if let names, let types = names.numbers["Data_Type"], let indices = names.numbers["Auxiliary_Index"],
               let row = types.indices.first(where: { types[$0] == channel.type && indices[$0] == channel.index }) {
                if let nickname = names.texts["Nickname"]?[row] ?? nil { entry["nickname"] = .string(nickname) }
                if let unit = names.texts["Unit"]?[row] ?? nil { entry["unit"] = .string(unit) }
            }
            listed.append(.object(entry))
            guard channel.type == 1, temperature == nil else { continue }
            let byPoint = channels[channel]!
            let column = dataPoints.compactMap { byPoint[$0] }
            if column.count == dataPoints.count {
                temperature = column
            } else {
                warnings.append("\(database.file): Auxiliary_Table: temperature channel \(channel.index.formatted) has values for "
                                + "\(column.count) of \(dataPoints.count) data points; not read as the temperature column")
            }
        }
        return (listed, temperature)
    }

    /// The reading as the export model: cycling columns, the mass, the global facts in the metadata.
    static func content(_ reading: ArbinResReading) -> ExportContent {
        let record = reading.record
        var content = ExportContent()
        var columns = CyclingColumns()
        columns.time_s = record.testTime_s
        columns.voltage_V = record.voltage_V
        columns.current_A = record.current_A
        columns.cycleIndex = record.cycleIndex
        columns.stepIndex = record.stepIndex
        columns.chargeCapacity_Ah = record.chargeCapacity_Ah
        columns.dischargeCapacity_Ah = record.dischargeCapacity_Ah
        columns.temperature_C = record.temperature_C
        columns.sourceNames = ["time_s": "Test_Time", "voltage_V": "Voltage", "current_A": "Current",
                               "cycleIndex": "Cycle_Index", "stepIndex": "Step_Index",
                               "chargeCapacity_Ah": "Charge_Capacity", "dischargeCapacity_Ah": "Discharge_Capacity",
                               "temperature_C": "Auxiliary_Table X (temperature)"]
        let points = record.dataPoint
        columns.rowLocations = { location($0, points[$0]) }
        content.cycling = columns
        content.cyclingColumns = [
            ColumnDescription(name: "Test_Time", units: "s"), ColumnDescription(name: "Voltage", units: "V"),
            ColumnDescription(name: "Current", units: "A"), ColumnDescription(name: "Cycle_Index", units: nil),
            ColumnDescription(name: "Step_Index", units: nil), ColumnDescription(name: "Charge_Capacity", units: "Ah"),
            ColumnDescription(name: "Discharge_Capacity", units: "Ah"),
        ]
        if record.temperature_C != nil {
            content.cyclingColumns.append(ColumnDescription(name: "Auxiliary_Table X (temperature)", units: "C"))
        }
        if case .number(let mass)? = reading.global["MASS"], mass > 0 { content.activeMass_g = mass }
        var arbin = reading.global
        if !reading.auxiliary.isEmpty { arbin["auxiliary_channels"] = .array(reading.auxiliary) }
        content.metadata = .object(["arbin": .object(arbin)])
        content.warnings = reading.warnings
        return content
    }
}

/// Where a row sits: its `Data_Point`, or its place in the table when that is unreadable (a damaged row).
private func location(_ row: Int, _ dataPoint: Double) -> String {
    dataPoint.isFinite ? "\(ArbinResReader.normalTable) data point \(dataPoint.formatted)"
        : "\(ArbinResReader.normalTable) row \(row + 1) (its Data_Point unreadable)"
}

extension Double {
    /// A whole number without a decimal point, anything else as Swift prints it.
    fileprivate var formatted: String { Int(exactly: self).map(String.init) ?? String(self) }
}
