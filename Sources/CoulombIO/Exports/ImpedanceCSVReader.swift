import Foundation

/// Reads a spectrum written as a plain table, as people write them: comma-, semicolon-, tab- or
/// space-separated (``CSVDialect/candidates``), decimal commas wherever `,` does not separate fields,
/// lines starting `#` before the table skipped.
///
/// A header names the columns in any of the words ``ImpedanceTable`` knows (frequency with Z′ and Z″,
/// or with |Z| and phase; a leading minus on a column negates it). Without a header the first three
/// columns are frequency, Z′, Z″ as is — the convention of impedance.py's `readCSV`, the tool such files
/// usually come from.
enum ImpedanceCSVReader {
    /// How a file's table was found: its first line (header or first row), the separator, and what its
    /// header names.
    struct Layout {
        enum Header {
            /// No header: the first line is a row.
            case none
            /// A header naming the spectrum's columns.
            case named(ImpedanceTable.Columns)
            /// A header naming a frequency over rows of numbers, but no impedance Coulomb can tell: an
            /// error listing what it found and what it looks for.
            case unrecognised
        }

        var first: ExportText.Line
        var delimiter: UInt8
        var header: Header
        /// The header's column names (empty without a header), with the units of a units line after it.
        var names: [String] = []
        /// The line the rows follow: the header, or the units line under it.
        var lastBeforeData: ExportText.Line?
    }

    static func recognises(_ text: ExportText) -> Bool {
        layout(text) != nil
    }

    /// The first separator under which the first line is a header naming a spectrum (or a row of at least
    /// three numbers) and the next line has numbers in the columns needed; else the first under which the
    /// header names a spectrum, so that reading it says which row breaks the table; else the first under
    /// which it names a frequency over a row of three or more numbers, so that reading it says which
    /// columns it found. A line of units under the header (`Hz, Ohm, Ohm`) is read as the names' units.
    static func layout(_ text: ExportText) -> Layout? {
        var lines = text.lines().lazy.filter { !text.string($0).isEmpty && !text.string($0).hasPrefix("#") }.makeIterator()
        guard let first = lines.next() else { return nil }
        let second = lines.next(), third = lines.next()
        return text.bytes.withUnsafeBufferPointer { buffer in
            var named: Layout?, unrecognised: Layout?
            for delimiter in CSVDialect.candidates {
                let decimalComma = delimiter != 0x2C
                func numbers(_ line: ExportText.Line, _ indices: [Int]) -> Bool {
                    let fields = DelimitedTable.split(buffer, line.range, delimiter: delimiter)
                    return indices.allSatisfy { fields.indices.contains($0) && NumberScanner.double(buffer, fields[$0], decimalComma: decimalComma) != nil }
                }
                if numbers(first, [0, 1, 2]) { return Layout(first: first, delimiter: delimiter, header: .none) }
                let names = headerNames(text, first, second, delimiter: delimiter)
                if let columns = ImpedanceTable.headerColumns(names) {
                    let layout = Layout(first: first, delimiter: delimiter, header: .named(columns), names: names)
                    let needed = [columns.frequency] + columns.impedanceIndices
                    if let second, numbers(second, needed) { return layout }
                    if let second, let third, numbers(third, needed) {
                        let units = text.fields(second, delimiter: delimiter).map { $0.trimmingCharacters(in: .init(charactersIn: "()[] ")) }
                        let withUnits = names.enumerated().map { index, name in
                            units.indices.contains(index) && !units[index].isEmpty ? "\(name) (\(units[index]))" : name
                        }
                        if let columns = ImpedanceTable.headerColumns(withUnits) {
                            return Layout(first: first, delimiter: delimiter, header: .named(columns), names: withUnits, lastBeforeData: second)
                        }
                    }
                    named = named ?? layout
                } else if names.count >= 3, names.contains(where: { ImpedanceTable.frequencyNames.contains(ImpedanceTable.term($0).quantity) }),
                          let second, numbers(second, [0, 1, 2]) {
                    unrecognised = unrecognised ?? Layout(first: first, delimiter: delimiter, header: .unrecognised, names: names)
                }
            }
            return named ?? unrecognised
        }
    }

    /// The header's names under `delimiter`. Columns aligned with spaces may have names holding one
    /// (`Freq (Hz)   Z' (Ohm)`): when splitting at every blank gives more names than the first row has
    /// fields and splitting at runs of two or more (or tabs) gives as many, the names are those.
    private static func headerNames(_ text: ExportText, _ header: ExportText.Line, _ row: ExportText.Line?, delimiter: UInt8) -> [String] {
        let names = text.fields(header, delimiter: delimiter)
        guard delimiter == CSVDialect.blanks, let row else { return names }
        let fields = text.fields(row, delimiter: delimiter).count
        guard names.count > fields else { return names }
        let aligned = text.string(header).replacingOccurrences(of: "\t", with: "  ")
            .components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return aligned.count == fields ? aligned : names
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let first = try text.firstNonBlankLine()
        guard let layout = layout(text) else {
            throw text.error(line: first.number, ImpedanceTable.unrecognisedHeader(text.fields(first, delimiter: CSVDialect.delimiter(of: text, line: first))))
        }
        switch layout.header {
        case .none:
            let table = DelimitedTable(text: text, columns: ["frequency", "Z'", "Z''"], firstRow: layout.first, delimiter: layout.delimiter)
            return ImpedanceTable.content(
                try ImpedanceTable.spectrum(table, frequency: 0, real: 1, imaginary: 2, negateImaginary: false))
        case .named:
            return ImpedanceTable.content(try ImpedanceTable.namedSpectrum(
                DelimitedTable(text: text, columns: layout.names, header: layout.lastBeforeData ?? layout.first, delimiter: layout.delimiter)))
        case .unrecognised:
            throw text.error(line: layout.first.number, ImpedanceTable.unrecognisedHeader(layout.names))
        }
    }
}
