import Foundation

/// The table of one sheet, or of consecutive sheets that continue one record (Arbin and Neware split a
/// long record over sheets of the same columns): a header row naming the columns, then the rows below it.
struct SheetTable: ExportTable {
    /// One sheet's share: the sheet and the index (in `sheet.rows`) of its first data row.
    struct Part {
        var sheet: Sheet
        var firstDataRow: Int
    }

    let file: String
    let parts: [Part]
    let columns: [String]
    /// The header's row number in the first sheet (its first data row when the sheet has no header).
    let headerRow: Int

    /// The table of `sheets`, each with the index (in its `rows`) of its header row; the first names the columns.
    init(file: String, sheets: [(sheet: Sheet, header: Int)]) {
        self.file = file
        self.parts = sheets.map { Part(sheet: $0.sheet, firstDataRow: $0.header + 1) }
        self.columns = sheets[0].sheet.rows[sheets[0].header].cells.map(\.label)
        self.headerRow = sheets[0].sheet.rows[sheets[0].header].number
    }

    /// A table without a header row: every row is data, columns named `columns` by the reader.
    init(file: String, sheet: Sheet, columns: [String]) {
        self.file = file
        self.parts = [Part(sheet: sheet, firstDataRow: 0)]
        self.columns = columns
        self.headerRow = sheet.rows.first?.number ?? 1
    }

    var rowLabel: String { "\(parts[0].sheet.label) row" }

    func headerError(_ problem: String) -> CoulombIOError {
        CoulombIOError(file: file, object: "\(rowLabel) \(headerRow)", problem: problem)
    }

    /// Rows are numbered `part << 32 | row number`, so that errors name the sheet a row is in.
    func rowLocations(_ rows: [Int]) -> (Int) -> String {
        let labels = parts.map(\.sheet.label)
        return { index in "\(labels[rows[index] >> 32]) row \(rows[index] & 0xFFFF_FFFF)" }
    }

    func read(_ wanted: [(index: Int, kind: DelimitedTable.Kind)]) throws -> (values: [DelimitedTable.Values], rows: [Int]) {
        var numbers = [[Double]](repeating: [], count: wanted.count)
        var integers = [[Int]](repeating: [], count: wanted.count)
        var labels = [[String]](repeating: [], count: wanted.count)
        var rowNumbers: [Int] = []
        let estimate = parts.reduce(0) { $0 + $1.sheet.rows.count }
        for slot in wanted.indices {
            switch wanted[slot].kind {
            case .number, .duration: numbers[slot].reserveCapacity(estimate)
            case .integer: integers[slot].reserveCapacity(estimate)
            case .label: labels[slot].reserveCapacity(estimate)
            }
        }
        for (partIndex, part) in parts.enumerated() {
            for row in part.sheet.rows[min(part.firstDataRow, part.sheet.rows.count)...] where !row.isBlank {
                for (slot, column) in wanted.enumerated() {
                    let cell = row[column.index]
                    func notA(_ what: String) -> CoulombIOError {
                        CoulombIOError(file: file, object: "\(part.sheet.label) cell \(Sheet.columnLetters(column.index))\(row.number)",
                                       problem: "column '\(columns[column.index])': '\(cell.label)' is not a \(what)")
                    }
                    switch column.kind {
                    case .number:
                        switch cell {
                        case .empty: numbers[slot].append(.nan)
                        case .number(let value), .seconds(let value): numbers[slot].append(value)
                        case .text(let text):
                            guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else { throw notA("number") }
                            numbers[slot].append(value)
                        case .boolean: throw notA("number")
                        }
                    case .integer:
                        guard let value = Self.integer(cell) else { throw notA("whole number") }
                        integers[slot].append(value)
                    case .duration:
                        switch cell {
                        case .number(let value), .seconds(let value): numbers[slot].append(value)
                        case .text(let text):
                            let bytes = Array(text.trimmingCharacters(in: .whitespaces).utf8)
                            guard let value = bytes.withUnsafeBufferPointer({
                                DelimitedTable.duration($0, 0..<bytes.count, decimalComma: false)
                            }) else { throw notA("duration (h:mm:ss or seconds)") }
                            numbers[slot].append(value)
                        case .empty, .boolean: throw notA("duration (h:mm:ss or seconds)")
                        }
                    case .label:
                        labels[slot].append(cell.label)
                    }
                }
                rowNumbers.append(partIndex << 32 | row.number)
            }
        }
        let values = wanted.indices.map { slot -> DelimitedTable.Values in
            switch wanted[slot].kind {
            case .number, .duration: .numbers(numbers[slot])
            case .integer: .integers(integers[slot])
            case .label: .labels(labels[slot])
            }
        }
        return (values, rowNumbers)
    }

    private static func integer(_ cell: SheetCell) -> Int? {
        switch cell {
        case .number(let value):
            return value == value.rounded() && abs(value) < 9e15 ? Int(value) : nil
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return Int(trimmed) ?? Double(trimmed).flatMap { integer(.number($0)) }
        default:
            return nil
        }
    }
}
