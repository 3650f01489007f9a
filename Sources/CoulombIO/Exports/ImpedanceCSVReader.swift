/// Reads a plain CSV spectrum: frequency, Z′, Z″.
///
/// The sign of Z″ follows the header: a column named `Z''`, `Zimag`, `Z_imag`, `Im(Z)` or `Imag` (units
/// `(Ohm)`, `/ Ohm`, `[Ω]` allowed) holds Z″ as is; a leading minus (`-Z''`, `-Im(Z)`, `-Zimag`) says it
/// holds −Z″, which is negated. Without a header the first three columns are frequency, Z′, Z″ as is —
/// the convention of impedance.py's `readCSV`, the tool such files usually come from.
enum ImpedanceCSVReader {
    static let frequencyNames: Set<String> = ["frequency", "freq", "f"]
    static let realNames: Set<String> = ["z'", "zreal", "z_real", "z real", "re(z)", "real", "zre"]
    static let imaginaryNames: Set<String> = ["z''", "z\"", "zimag", "z_imag", "z imag", "im(z)", "imag", "zim"]

    /// The columns of a header naming the three quantities, with whether Z″ is written negated.
    static func headerColumns(_ names: [String]) -> (frequency: Int, real: Int, imaginary: Int, negated: Bool)? {
        let quantities = names.map { CSVDialect.quantityAndUnit($0).quantity.lowercased() }
        guard let frequency = quantities.firstIndex(where: frequencyNames.contains),
              let real = quantities.firstIndex(where: realNames.contains) else { return nil }
        if let imaginary = quantities.firstIndex(where: imaginaryNames.contains) {
            return (frequency, real, imaginary, false)
        }
        if let imaginary = quantities.firstIndex(where: { $0.hasPrefix("-") && imaginaryNames.contains(String($0.dropFirst())) }) {
            return (frequency, real, imaginary, true)
        }
        return nil
    }

    static func recognises(_ text: ExportText, headerLine: ExportText.Line, delimiter: UInt8) -> Bool {
        headerColumns(text.fields(headerLine, delimiter: delimiter)) != nil || isNumericRow(text, headerLine, delimiter)
    }

    private static func isNumericRow(_ text: ExportText, _ line: ExportText.Line, _ delimiter: UInt8) -> Bool {
        text.bytes.withUnsafeBufferPointer { buffer in
            let fields = DelimitedTable.split(buffer, line.range, delimiter: delimiter)
            return fields.count >= 3
                && fields.prefix(3).allSatisfy { NumberScanner.double(buffer, $0, decimalComma: delimiter != 0x2C) != nil }
        }
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        guard let first = text.lines().first(where: { !text.string($0).isEmpty }) else {
            throw CoulombIOError(file: text.file, problem: "is empty")
        }
        let delimiter = CSVDialect.delimiter(of: text, line: first)
        let spectrum: ExportSpectrum, described: [ColumnDescription]
        if isNumericRow(text, first, delimiter) {
            let table = DelimitedTable(text: text, columns: ["frequency", "Z'", "Z''"], firstRow: first, delimiter: delimiter)
            (spectrum, described) = try ImpedanceTable.spectrum(table, frequency: 0, real: 1, imaginary: 2, negateImaginary: false)
        } else {
            let table = DelimitedTable(text: text, header: first, delimiter: delimiter)
            guard let columns = headerColumns(table.columns) else {
                throw text.error(line: first.number, "no frequency, Z' and Z'' columns in '\(text.string(first))'")
            }
            for index in [columns.real, columns.imaginary] {
                let unit = CSVDialect.quantityAndUnit(table.columns[index]).unit
                guard unit == nil || ["ohm", "Ω"].contains(unit!.lowercased()) else {
                    throw text.error(line: first.number, "column '\(table.columns[index])': unit '\(unit!)' is not ohm")
                }
            }
            (spectrum, described) = try ImpedanceTable.spectrum(
                table, frequency: columns.frequency, real: columns.real, imaginary: columns.imaginary,
                negateImaginary: columns.negated)
        }
        var content = ExportContent()
        content.spectra = [spectrum]
        content.spectrumColumns = described
        return content
    }
}
