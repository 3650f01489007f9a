/// Reads Gamry Framework `.DTA` impedance files: tagged header lines (`EXPLAIN`, `TAG EISPOT`, …), then
/// a `ZCURVE TABLE` line (Gamry writes one spectrum per file), a tab-led line of column names (`Pt Time Freq Zreal Zimag …`),
/// one of units, and tab-led rows until the next untabbed line.
///
/// Gamry writes Zimag = Z″ (negative on a capacitive arc), kept as is; `Time` (s) of the first point is the
/// spectrum's time.
enum GamryDTAReader {
    static func read(_ text: ExportText) throws -> ExportContent {
        var cursor = text.lines()
        while let line = cursor.next() {
            let fields = text.fields(line, delimiter: 0x09)
            guard fields.count >= 2, fields[0] == "ZCURVE", fields[1] == "TABLE" else { continue }
            guard let header = cursor.next(), let units = cursor.next() else {
                throw text.error(line: line.number, "'ZCURVE TABLE' is not followed by column names and units (is the file cut short?)")
            }
            let table = DelimitedTable(text: text, header: header, delimiter: 0x09, lastBeforeData: units)
            let unitNames = text.fields(units, delimiter: 0x09)
            func column(_ name: String, unit: String) throws -> Int {
                let index = try table.requiredIndex(of: [name], what: name)
                guard unitNames.indices.contains(index),
                      unit == "ohm" ? ImpedanceTable.isOhm(unitNames[index]) : unitNames[index].lowercased() == unit.lowercased() else {
                    throw text.error(line: units.number, "column '\(name)' is not in \(unit)")
                }
                return index
            }
            return ImpedanceTable.content(try ImpedanceTable.spectrum(
                table, frequency: try column("Freq", unit: "Hz"), real: try column("Zreal", unit: "ohm"),
                imaginary: try column("Zimag", unit: "ohm"), negateImaginary: false, time: table.index(of: ["Time"]),
                role: { buffer, range in buffer[range.lowerBound] == 0x09 ? .row : .end }))
        }
        throw CoulombIOError(file: text.file, problem: "no 'ZCURVE TABLE' (impedance data) in this Gamry file")
    }
}
