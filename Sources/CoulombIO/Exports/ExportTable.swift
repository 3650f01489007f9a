/// A table in an export: a header naming the columns, then rows of fields — the lines of delimited text
/// (``DelimitedTable``) or the rows of a spreadsheet's sheet (``SheetTable``).
///
/// The layout readers (``CyclingTableReader``, ``ImpedanceTable``) read through this, so an Arbin or Neware
/// sheet maps to the same model columns as that instrument's CSV export, by the same code.
protocol ExportTable {
    /// The column names of the header, trimmed.
    var columns: [String] { get }
    /// How an error names a row of this table, before its number: `line` (`line 12`), `sheet 'Channel_1' row`.
    var rowLabel: String { get }
    /// An error about the header: no such column, a unit Coulomb does not know, …
    func headerError(_ problem: String) -> CoulombIOError
    /// Reads the asked-for columns of every row, in the order asked, with each row's number (a line or
    /// sheet row number, for errors found later such as time going backwards).
    func read(_ wanted: [(index: Int, kind: DelimitedTable.Kind)]) throws -> (values: [DelimitedTable.Values], rows: [Int])
    /// Names row `index` of a read, given the row numbers ``read(_:)`` returned.
    func rowLocations(_ rows: [Int]) -> (Int) -> String
}

extension ExportTable {
    /// Names row `index` of a read by its number in the file (`line 12`, `sheet 'Channel_1' row 12`).
    func rowLocations(_ rows: [Int]) -> (Int) -> String {
        let label = rowLabel
        return { "\(label) \(rows[$0])" }
    }

    /// The columns named, quoted, for errors: `'Voltage', 'Current'`.
    var quotedColumns: String { columns.filter { !$0.isEmpty }.map { "'\($0)'" }.joined(separator: ", ") }
}

extension DelimitedTable: ExportTable {
    var rowLabel: String { "line" }

    func headerError(_ problem: String) -> CoulombIOError { text.error(line: headerLine, problem) }

    func read(_ wanted: [(index: Int, kind: DelimitedTable.Kind)]) throws -> (values: [DelimitedTable.Values], rows: [Int]) {
        let (values, lines) = try read(wanted, role: role)
        return (values, lines)
    }

    /// This table with `role` saying which of its lines are rows.
    func rows(where role: @escaping (UnsafeBufferPointer<UInt8>, Range<Int>) -> LineRole) -> DelimitedTable {
        var table = self
        table.role = role
        return table
    }
}
