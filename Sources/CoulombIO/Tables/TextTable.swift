/// A plain-text table for a terminal: a header row, a rule, and right-aligned number columns.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]] = []
    /// Columns whose cells are left-aligned (text); the others are right-aligned (numbers).
    public var leftAligned: Set<Int> = [0]

    public init(headers: [String]) {
        self.headers = headers
    }

    public func render() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return leftAligned.contains(column) ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}

extension String {
    public func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
