extension ExportText {
    /// The lines that are not blank, in order (the fixed layouts of some impedance formats count lines,
    /// and their writers leave blank ones between blocks).
    func nonBlankLines(limit: Int = .max) -> [Line] {
        Array(lines().lazy.filter { line in !self.bytes[line.range].allSatisfy { $0 == 0x20 || $0 == 0x09 } }.prefix(limit))
    }

    /// The numbers of a line whose fields are separated by spaces or tabs, or `nil` when one is not a number.
    func numbers(_ line: Line) -> [Double]? {
        bytes.withUnsafeBufferPointer { buffer in
            var values: [Double] = []
            for field in DelimitedTable.split(buffer, line.range, delimiter: CSVDialect.blanks) {
                guard let value = NumberScanner.double(buffer, field, decimalComma: false) else { return nil }
                values.append(value)
            }
            return values
        }
    }

    /// The whole number a line holds and nothing else (a point count), or `nil`.
    func count(_ line: Line) -> Int? {
        guard let values = numbers(line), values.count == 1, let value = values.first, value >= 0,
              value < Double(Int32.max), let whole = Int(exactly: value) else { return nil }
        return whole
    }

    /// The number a line holds and nothing else; an error naming the line and `what` it should hold.
    func number(_ line: Line, _ what: String) throws -> Double {
        guard let values = numbers(line), values.count == 1 else {
            throw error(line: line.number, "\(quoted(line)) is not a number (\(what))")
        }
        return values[0]
    }

    /// A line as an error message quotes it: in single quotes, control characters other than tab (a damaged byte) written
    /// as `\u{…}` so that the reader sees what broke the line.
    func quoted(_ line: Line) -> String {
        let visible = string(line).unicodeScalars.map { scalar in
            scalar != "\t" && [.control, .format].contains(scalar.properties.generalCategory)
                ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }
        return "'" + visible.joined() + "'"
    }
}
