/// The data block of a text export: a header line naming the columns, then one row per line, fields split
/// at one delimiter byte. Reads only the columns asked for, straight from the bytes.
struct DelimitedTable {
    let text: ExportText
    let delimiter: UInt8
    /// The column names of the header line, trimmed.
    let columns: [String]
    let headerLine: Int
    /// Where the rows start (the byte after the header line and the line number it has).
    let dataOffset: Int
    let firstDataLine: Int
    /// `,` is a decimal separator wherever it cannot separate fields (BioLogic in European locales).
    var decimalComma: Bool { delimiter != 0x2C }
    /// Which lines after the header are rows (``ExportTable/read(_:)``): by default every non-blank line.
    var role: (UnsafeBufferPointer<UInt8>, Range<Int>) -> LineRole = { _, _ in .row }

    /// How to read a column's fields.
    enum Kind {
        /// A number; an empty field is NaN (missing).
        case number
        /// A whole number (`3`, or `3.000E+000` as EC-Lab writes counters).
        case integer
        /// Elapsed time as `[h…]h:mm:ss[.fff]`, or a plain number of seconds.
        case duration
        /// Short text such as a step type; kept as written.
        case label
    }

    enum Values {
        case numbers([Double])
        case integers([Int])
        case labels([String])

        var numbers: [Double] {
            switch self {
            case .numbers(let values): values
            case .integers(let values): values.map(Double.init)
            case .labels: []
            }
        }

        var integers: [Int] {
            if case .integers(let values) = self { return values }
            return []
        }

        var labels: [String] {
            if case .labels(let values) = self { return values }
            return []
        }
    }

    /// The table whose header is `header` (a line of `text`), with rows from the line after `lastBeforeData`
    /// (by default the line after the header).
    init(text: ExportText, header: ExportText.Line, delimiter: UInt8, lastBeforeData: ExportText.Line? = nil) {
        self.text = text
        self.delimiter = delimiter
        self.columns = text.fields(header, delimiter: delimiter)
        self.headerLine = header.number
        let before = lastBeforeData ?? header
        self.dataOffset = text.offset(after: before)
        self.firstDataLine = before.number + 1
    }

    /// A table without a header line: rows from `firstRow` on, columns named `columns` by the reader.
    init(text: ExportText, columns: [String], firstRow: ExportText.Line, delimiter: UInt8) {
        self.text = text
        self.delimiter = delimiter
        self.columns = columns
        self.headerLine = firstRow.number
        self.dataOffset = firstRow.range.lowerBound
        self.firstDataLine = firstRow.number
    }

    /// A table whose header line `header` names the columns in some other way than delimited fields (the
    /// reader gives the names as `columns`); rows from the line after it.
    init(text: ExportText, columns: [String], header: ExportText.Line, delimiter: UInt8) {
        self.text = text
        self.delimiter = delimiter
        self.columns = columns
        self.headerLine = header.number
        self.dataOffset = text.offset(after: header)
        self.firstDataLine = header.number + 1
    }

    /// The index of the first column named any of `names` (exactly, after trimming).
    func index(of names: [String]) -> Int? {
        for name in names { if let index = columns.firstIndex(of: name) { return index } }
        return nil
    }

    /// The index of a column the reader cannot do without; its absence is an error naming the header line
    /// and the names looked for.
    func requiredIndex(of names: [String], what: String) throws -> Int {
        guard let index = index(of: names) else {
            throw text.error(line: headerLine, """
                no \(what) column; looked for \(names.map { "'\($0)'" }.joined(separator: " or ")) \
                among \(columns.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", "))
                """)
        }
        return index
    }

    /// What a line after the header is: a row, something to step over, or the end of the table.
    enum LineRole { case row, skip, end }

    /// Reads the asked-for columns of every row until the end of the file or the first line whose `role`
    /// is `.end`. Blank lines are skipped. Returns the values in the order asked and each row's line
    /// number (for errors found later, such as time going backwards).
    func read(
        _ wanted: [(index: Int, kind: Kind)],
        role: (UnsafeBufferPointer<UInt8>, Range<Int>) -> LineRole = { _, _ in .row }
    ) throws -> (values: [Values], lines: [Int]) {
        var numbers = [[Double]](repeating: [], count: wanted.count)
        var integers = [[Int]](repeating: [], count: wanted.count)
        var labels = [[String]](repeating: [], count: wanted.count)
        var lineNumbers: [Int] = []
        let needed = (wanted.map(\.index).max() ?? -1) + 1
        let estimate = max(0, (text.bytes.count - dataOffset) / max(16, 8 * columns.count))
        for slot in wanted.indices {
            switch wanted[slot].kind {
            case .number, .duration: numbers[slot].reserveCapacity(estimate)
            case .integer: integers[slot].reserveCapacity(estimate)
            case .label: labels[slot].reserveCapacity(estimate)
            }
        }
        var labelCache: [ArraySlice<UInt8>: String] = [:]
        var fields: [Range<Int>] = []
        fields.reserveCapacity(columns.count + 1)
        try text.bytes.withUnsafeBufferPointer { buffer in
            for line in text.lines(from: dataOffset, number: firstDataLine) {
                if Self.isBlank(buffer, line.range) { continue }
                switch role(buffer, line.range) {
                case .row: break
                case .skip: continue
                case .end: return
                }
                Self.split(buffer, line.range, delimiter: delimiter, into: &fields)
                guard fields.count >= needed else {
                    throw text.error(line: line.number, """
                        has \(fields.count) fields but the header on line \(headerLine) has \(columns.count) \
                        columns (is the file cut short?)
                        """)
                }
                for (slot, column) in wanted.enumerated() {
                    let field = fields[column.index]
                    switch column.kind {
                    case .number:
                        if Self.isBlank(buffer, field) { numbers[slot].append(.nan); continue }
                        guard let value = NumberScanner.double(buffer, field, decimalComma: decimalComma) else {
                            throw notA("number", field, column.index, line.number)
                        }
                        numbers[slot].append(value)
                    case .integer:
                        guard let value = NumberScanner.integer(buffer, field, decimalComma: decimalComma) else {
                            throw notA("whole number", field, column.index, line.number)
                        }
                        integers[slot].append(value)
                    case .duration:
                        guard let value = Self.duration(buffer, field, decimalComma: decimalComma) else {
                            throw notA("duration (h:mm:ss or seconds)", field, column.index, line.number)
                        }
                        numbers[slot].append(value)
                    case .label:
                        let key = ArraySlice(buffer[field])
                        if let known = labelCache[key] {
                            labels[slot].append(known)
                        } else {
                            let label = text.string(field)
                            labelCache[key] = label
                            labels[slot].append(label)
                        }
                    }
                }
                lineNumbers.append(line.number)
            }
        }
        let values = wanted.indices.map { slot -> Values in
            switch wanted[slot].kind {
            case .number, .duration: .numbers(numbers[slot])
            case .integer: .integers(integers[slot])
            case .label: .labels(labels[slot])
            }
        }
        return (values, lineNumbers)
    }

    private func notA(_ what: String, _ field: Range<Int>, _ column: Int, _ line: Int) -> CoulombIOError {
        text.error(line: line, "column '\(columns[column])': '\(text.string(field))' is not a \(what)")
    }

    /// Splits a line into field ranges at `delimiter`, reusing the storage of `fields`. A field in double
    /// quotes loses its quotes (and may hold the delimiter). The space delimiter (``CSVDialect/blanks``)
    /// stands for runs of spaces and tabs, as in text aligned in columns: leading and trailing ones are no
    /// field.
    static func split(
        _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, delimiter: UInt8, into fields: inout [Range<Int>]
    ) {
        fields.removeAll(keepingCapacity: true)
        if delimiter == CSVDialect.blanks { return splitAtBlanks(buffer, range, into: &fields) }
        var start = range.lowerBound
        while true {
            var end = start
            if start < range.upperBound, buffer[start] == 0x22 {
                var close = start + 1
                while close < range.upperBound, buffer[close] != 0x22 { close += 1 }
                fields.append((start + 1)..<close)
                end = min(close + 1, range.upperBound)
                while end < range.upperBound, buffer[end] != delimiter { end += 1 }
            } else {
                while end < range.upperBound, buffer[end] != delimiter { end += 1 }
                fields.append(start..<end)
            }
            if end >= range.upperBound { return }
            start = end + 1
        }
    }

    private static func splitAtBlanks(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into fields: inout [Range<Int>]) {
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound, buffer[index] == 0x20 || buffer[index] == 0x09 { index += 1 }
            guard index < range.upperBound else { return }
            let start = index
            while index < range.upperBound, buffer[index] != 0x20, buffer[index] != 0x09 { index += 1 }
            fields.append(start..<index)
        }
    }

    static func split(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, delimiter: UInt8) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        split(buffer, range, delimiter: delimiter, into: &fields)
        return fields
    }

    static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where buffer[index] != 0x20 && buffer[index] != 0x09 { return false }
        return true
    }

    /// `[h…]h:mm:ss[.fff]` (hours may exceed 24, as Neware writes cumulative time) or plain seconds.
    static func duration(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, decimalComma: Bool) -> Double? {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where buffer[index] == 0x3A {
            parts.append(start..<index)
            start = index + 1
        }
        parts.append(start..<range.upperBound)
        guard parts.count <= 3 else { return nil }
        var seconds = 0.0
        for (position, part) in parts.enumerated() {
            let isLast = position == parts.count - 1
            guard let value = isLast
                ? NumberScanner.double(buffer, part, decimalComma: decimalComma)
                : NumberScanner.integer(buffer, part, decimalComma: false).map(Double.init),
                value.isFinite, parts.count == 1 || value >= 0 else { return nil }
            seconds = seconds * 60 + value
        }
        return seconds
    }
}
