/// Reads a plain CSV spectrum: frequency, Z′, Z″.
///
/// The sign of Z″ follows the header: a column named `Z''`, `Zimag`, `Z_imag`, `Im(Z)` or `Imag` (units
/// `(Ohm)`, `/ Ohm`, `[Ω]` allowed) holds Z″ as is; a leading minus (`-Z''`, `-Im(Z)`, `-Zimag`) says it
/// holds −Z″, which is negated. Without a header the first three columns are frequency, Z′, Z″ as is —
/// the convention of impedance.py's `readCSV`, the tool such files usually come from.
enum ImpedanceCSVReader {
    static func recognises(_ text: ExportText, headerLine: ExportText.Line, delimiter: UInt8) -> Bool {
        ImpedanceTable.headerColumns(text.fields(headerLine, delimiter: delimiter)) != nil
            || isNumericRow(text, headerLine, delimiter)
    }

    private static func isNumericRow(_ text: ExportText, _ line: ExportText.Line, _ delimiter: UInt8) -> Bool {
        text.bytes.withUnsafeBufferPointer { buffer in
            let fields = DelimitedTable.split(buffer, line.range, delimiter: delimiter)
            return fields.count >= 3
                && fields.prefix(3).allSatisfy { NumberScanner.double(buffer, $0, decimalComma: delimiter != 0x2C) != nil }
        }
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let first = try text.firstNonBlankLine()
        let delimiter = CSVDialect.delimiter(of: text, line: first)
        if isNumericRow(text, first, delimiter) {
            let table = DelimitedTable(text: text, columns: ["frequency", "Z'", "Z''"], firstRow: first, delimiter: delimiter)
            return ImpedanceTable.content(
                try ImpedanceTable.spectrum(table, frequency: 0, real: 1, imaginary: 2, negateImaginary: false))
        }
        return ImpedanceTable.content(
            try ImpedanceTable.namedSpectrum(DelimitedTable(text: text, header: first, delimiter: delimiter)))
    }
}
