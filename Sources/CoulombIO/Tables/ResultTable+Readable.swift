import CoulombCore

extension ResultTable.Value {
    /// The value for a person: four significant figures, a dash where missing, a list's words
    /// comma-separated.
    public var readable: String {
        switch self {
        case .number(let value): ValueFormatting.readable(value)
        case .integer(let value): value.map(String.init) ?? "—"
        case .flag(nil): "—"
        case .list(let values): values.joined(separator: ", ")
        default: csv
        }
    }

    /// Whether the value is words (text or a list), which a table sets left; numbers and flags go right.
    var isWords: Bool {
        switch self {
        case .text, .list: true
        default: false
        }
    }
}

extension ResultTable {
    /// The cells of the columns `shown` as a person reads them, one array per row: every renderer for
    /// people (the terminal table, the HTML report) writes these strings, so they read the same everywhere.
    /// `rendering` may write a cell its own way (a duration, a marker), given the column's name and the
    /// row's index; nil keeps `Value.readable`.
    public func readableRows(_ shown: [String], rendering: (_ column: String, _ row: Int) -> String? = { _, _ in nil }) -> [[String]] {
        let indices = shown.map { columns.firstIndex(of: $0)! }
        return rows.enumerated().map { number, row in
            zip(shown, indices).map { name, index in rendering(name, number) ?? row[index].readable }
        }
    }

    /// Positions in `shown` of the columns that hold words in some row: a table sets them left.
    public func wordColumns(_ shown: [String]) -> Set<Int> {
        let indices = shown.map { columns.firstIndex(of: $0)! }
        return Set(indices.indices.filter { position in rows.contains { $0[indices[position]].isWords } })
    }
}
