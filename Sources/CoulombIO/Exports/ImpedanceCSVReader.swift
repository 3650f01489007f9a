/// Reads a spectrum written as a plain table, as people write them: comma-, semicolon-, tab- or
/// space-separated (``CSVDialect/candidates``), decimal commas wherever `,` does not separate fields,
/// lines starting `#` before the table skipped.
///
/// A header names the columns in any of the words ``ImpedanceTable`` knows (frequency with Z′ and Z″,
/// or with |Z| and phase; a leading minus on a column negates it). Without a header the first three
/// columns are frequency, Z′, Z″ as is — the convention of impedance.py's `readCSV`, the tool such files
/// usually come from.
enum ImpedanceCSVReader {
    /// How a file's table was found: its first line (header or first row), the separator, and the
    /// columns its header names (`nil` for a table without a header).
    struct Layout {
        var first: ExportText.Line
        var delimiter: UInt8
        var columns: ImpedanceTable.Columns?
    }

    static func recognises(_ text: ExportText) -> Bool {
        layout(text) != nil
    }

    /// The first separator under which the first line is a header naming a spectrum (or a row of at least
    /// three numbers) and the next line has numbers in the columns needed; else the first under which the
    /// header names a spectrum, so that reading it says which row breaks the table.
    static func layout(_ text: ExportText) -> Layout? {
        var lines = text.lines().lazy.filter { !text.string($0).isEmpty && !text.string($0).hasPrefix("#") }.makeIterator()
        guard let first = lines.next() else { return nil }
        let second = lines.next()
        return text.bytes.withUnsafeBufferPointer { buffer in
            var named: Layout?
            for delimiter in CSVDialect.candidates {
                let decimalComma = delimiter != 0x2C
                func numbers(_ line: ExportText.Line, _ indices: [Int]) -> Bool {
                    let fields = DelimitedTable.split(buffer, line.range, delimiter: delimiter)
                    return indices.allSatisfy { fields.indices.contains($0) && NumberScanner.double(buffer, fields[$0], decimalComma: decimalComma) != nil }
                }
                if numbers(first, [0, 1, 2]) { return Layout(first: first, delimiter: delimiter, columns: nil) }
                if let columns = ImpedanceTable.headerColumns(text.fields(first, delimiter: delimiter)) {
                    let layout = Layout(first: first, delimiter: delimiter, columns: columns)
                    if let second, numbers(second, [columns.frequency] + columns.impedanceIndices) { return layout }
                    named = named ?? layout
                }
            }
            return named
        }
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        guard let layout = layout(text) else {
            let first = try text.firstNonBlankLine()
            let fields = text.fields(first, delimiter: CSVDialect.delimiter(of: text, line: first))
            throw text.error(line: first.number, ImpedanceTable.unrecognisedHeader(fields))
        }
        guard layout.columns != nil else {
            let table = DelimitedTable(text: text, columns: ["frequency", "Z'", "Z''"], firstRow: layout.first, delimiter: layout.delimiter)
            return ImpedanceTable.content(
                try ImpedanceTable.spectrum(table, frequency: 0, real: 1, imaginary: 2, negateImaginary: false))
        }
        return ImpedanceTable.content(
            try ImpedanceTable.namedSpectrum(DelimitedTable(text: text, header: layout.first, delimiter: layout.delimiter)))
    }
}
