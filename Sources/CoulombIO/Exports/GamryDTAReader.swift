/// Reads Gamry Framework `.DTA` impedance files: tagged header lines (`EXPLAIN`, `TAG EISPOT`, …), then
/// a `ZCURVE TABLE` line (Gamry writes one spectrum per file), a tab-led line of column names (`Pt Time Freq Zreal Zimag …`),
/// one of units, and tab-led rows until the next untabbed line.
///
/// Gamry writes Zimag = Z″ (negative on a capacitive arc), kept as is; `Time` (s) of the first point is the
/// spectrum's time. With drift correction on (`DRIFTCOR SELECTOR 1`), Gamry adds `ZrealDrCor` and
/// `ZimagDrCor`: the spectrum with the cell's drift during the sweep taken out, which is the one read, with a
/// note saying so. The header's `AREA` (cm²) is the cell's area unless it is 1, Gamry's default, which
/// a user who did not set it leaves in place (an instrument placeholder, not a cell fact).
enum GamryDTAReader {
    /// What the header's `AREA` says when nobody set it.
    static let placeholderArea_cm2 = 1.0

    static func read(_ text: ExportText) throws -> ExportContent {
        var cursor = text.lines()
        var area_cm2: Double?
        var driftCorrectionOn = false
        var warnings: [String] = []
        while let line = cursor.next() {
            let fields = text.fields(line, delimiter: 0x09)
            if fields.count >= 3, fields[0] == "AREA", fields[1] == "QUANT" { area_cm2 = headerArea(text, line, warnings: &warnings) }
            if fields.count >= 3, fields[0] == "DRIFTCOR", fields[1] == "SELECTOR" { driftCorrectionOn = fields[2] == "1" }
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
            let corrected = table.index(of: ["ZrealDrCor"]) != nil && table.index(of: ["ZimagDrCor"]) != nil
            var content = ImpedanceTable.content(try ImpedanceTable.spectrum(
                table, frequency: try column("Freq", unit: "Hz"), real: try column(corrected ? "ZrealDrCor" : "Zreal", unit: "ohm"),
                imaginary: try column(corrected ? "ZimagDrCor" : "Zimag", unit: "ohm"), negateImaginary: false,
                time: table.index(of: ["Time"]), role: { buffer, range in buffer[range.lowerBound] == 0x09 ? .row : .end }))
            content.warnings += warnings
            if corrected {
                content.notes.append("impedance from Gamry's drift-corrected columns ZrealDrCor and ZimagDrCor (not Zreal, Zimag)")
            } else if driftCorrectionOn {
                content.warnings.append("\(text.file): the header turns drift correction on (DRIFTCOR 1) but the ZCURVE table "
                                        + "has no ZrealDrCor/ZimagDrCor columns: the uncorrected Zreal, Zimag are read")
            }
            if let area_cm2, area_cm2 != placeholderArea_cm2 {
                content.area = (area_cm2, "Gamry .DTA header AREA")
            }
            return content
        }
        throw CoulombIOError(file: text.file, problem: "no 'ZCURVE TABLE' (impedance data) in this Gamry file")
    }

    /// The `AREA QUANT value` line's value in cm² (a decimal comma allowed, as Gamry writes in European
    /// locales); a value that is not a positive number is no area, with a warning naming the line.
    private static func headerArea(_ text: ExportText, _ line: ExportText.Line, warnings: inout [String]) -> Double? {
        let value = text.bytes.withUnsafeBufferPointer { buffer -> Double? in
            let fields = DelimitedTable.split(buffer, line.range, delimiter: 0x09)
            return NumberScanner.double(buffer, fields[2], decimalComma: true)
        }
        guard let value, value.isFinite, value > 0 else {
            warnings.append("\(text.file): line \(line.number): AREA '\(text.fields(line, delimiter: 0x09)[2])' is not a positive "
                            + "number of cm²: the cell has no area from this file")
            return nil
        }
        return value
    }
}
