/// Reads Maccor tab-separated text exports: a block of settings (`Name:`, `Channel:`, `Procedure`, …),
/// then the column names (`Rec`, `Cycle P`, `Cycle C`, `Step`, `TestTime`, `StepTime`, `Cap. [Ah]`,
/// `Ener. [Wh]`, `Current [A]`, `Voltage [V]`, `Md`, `ES`, `DPT Time`, …) and one row per record.
///
/// - Current: Maccor writes its magnitude and the mode in `Md` (`C` charge, `D` discharge, `R` rest);
///   charge stays positive and discharge becomes negative. A file that already holds negative currents is
///   taken as signed and kept as is.
/// - Time: a unit in the header (`Test Time (sec)`) is used; a bare `TestTime` can be seconds or minutes
///   depending on the export settings, so its unit is the one (s, min or h) that matches the clock time
///   elapsed in `DPT Time` between the first and last rows (within 5 %). Without a usable `DPT Time`,
///   seconds are assumed, with a warning.
enum MaccorTextReader {
    static let schema = CyclingTableReader.Schema(
        time: ["TestTime", "Test Time"], voltage: ["Voltage", "Volts"], current: ["Current", "Amps"],
        cycle: ["Cycle C", "Cyc#"], step: ["Step"], label: ["Md", "State"])

    static func isHeader(_ fields: [String]) -> Bool {
        let quantities = Set(fields.map { CSVDialect.quantityAndUnit($0).quantity })
        return quantities.contains("Rec") && (quantities.contains("Md") || quantities.contains("State"))
            && (quantities.contains("TestTime") || quantities.contains("Test Time"))
            && (quantities.contains("Current") || quantities.contains("Amps"))
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        guard let header = text.firstLines(60).first(where: { isHeader(text.fields($0, delimiter: 0x09)) }) else {
            throw CoulombIOError(file: text.file, problem: "no Maccor column header (Rec, TestTime, Current, Md) in the first 60 lines")
        }
        let table = DelimitedTable(text: text, header: header, delimiter: 0x09)
        var reading = try CyclingTableReader.read(table, schema: schema)
        var content = ExportContent()
        let timeName = reading.columns.sourceNames["time_s"] ?? "TestTime"
        // A unit in the header (`Test Time (sec)`) has been applied; a bare `TestTime` is checked against the clock.
        if CSVDialect.quantityAndUnit(timeName).unit == nil {
            if let unit = try timeUnit(table, reading: reading) {
                reading.columns.time_s = reading.columns.time_s.map { $0 * unit.scale }
                if let index = reading.described.firstIndex(where: { $0.name == timeName }) {
                    reading.described[index].units = unit.name
                }
            } else {
                content.warnings.append("\(text.file): column '\(timeName)': no 'DPT Time' to check its unit against; read as seconds")
            }
        }
        if let modes = reading.label, !reading.columns.current_A.contains(where: { $0 < 0 }) {
            reading.columns.current_A = zip(reading.columns.current_A, modes).map { current, mode in
                mode.uppercased() == "D" ? -current : current
            }
        }
        content.cycling = reading.columns
        content.cyclingColumns = reading.described
        return content
    }

    /// The unit of `TestTime`, from the `DPT Time` clock of the first and last rows.
    private static func timeUnit(_ table: DelimitedTable, reading: CyclingTableReader.Reading) throws -> (name: String, scale: Double)? {
        guard let clockIndex = table.index(of: ["DPT Time", "DPt Time"]), reading.lines.count >= 2 else { return nil }
        let time = reading.columns.time_s
        let elapsed = time[time.count - 1] - time[0]
        var clocks: [Double] = []
        for line in [reading.lines[0], reading.lines[reading.lines.count - 1]] {
            let row = table.text.lines().first { $0.number == line }!
            let fields = table.text.fields(row, delimiter: table.delimiter)
            guard fields.indices.contains(clockIndex), let seconds = clockSeconds(fields[clockIndex]) else { return nil }
            clocks.append(seconds)
        }
        let clockElapsed = clocks[1] - clocks[0]
        guard elapsed > 0, clockElapsed > 0 else { return nil }
        for unit in [("s", 1.0), ("min", 60.0), ("h", 3600.0)] where abs(elapsed * unit.1 / clockElapsed - 1) < 0.05 {
            return unit
        }
        throw table.text.error(line: reading.lines[reading.lines.count - 1], """
            column '\(table.columns[clockIndex])': \(clockElapsed) s of clock time have passed but \
            '\(reading.columns.sourceNames["time_s"] ?? "TestTime")' advanced by \(elapsed), which is neither s, min nor h
            """)
    }

    /// Seconds since 1970 of `M/D/YYYY h:mm:ss AM|PM` (or 24-hour without AM/PM).
    static func clockSeconds(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count >= 2 else { return nil }
        let date = parts[0].split(separator: "/").compactMap { Int($0) }
        let clock = parts[1].split(separator: ":").compactMap { Double($0) }
        guard date.count == 3, clock.count == 3 else { return nil }
        var hour = clock[0]
        if parts.count >= 3 {
            let meridiem = parts[2].uppercased()
            if meridiem == "PM", hour < 12 { hour += 12 }
            if meridiem == "AM", hour == 12 { hour = 0 }
        }
        let days = CivilDate.days(year: date[2], month: date[0], day: date[1])
        return Double(days) * 86_400 + hour * 3600 + clock[1] * 60 + clock[2]
    }
}
