/// A per-cycle table a file carries besides its record, as the tool that wrote it computed it (cellpy's
/// summary, MATLAB's per-cell `summary`): kept for comparison and reported by `coulomb info`, never used
/// in place of Coulomb's own analysis.
public struct StoredTable: Sendable {
    /// What it is, for a reader: "cellpy summary", "MATLAB summary".
    public var name: String
    /// Where it is in the file.
    public var object: String
    public var indexName: String
    /// One value per row (a cycle number as stored).
    public var index: [Double]
    /// The numeric columns in the file's order.
    public var columns: [(name: String, values: [Double])]

    public var rows: Int { index.count }
}
