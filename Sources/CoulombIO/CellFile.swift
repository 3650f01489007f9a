import CoulombCore

/// A file read into cells, with what was found on the way.
public struct CellFile: Sendable {
    public var path: String
    public var layout: FileLayout
    public var cells: [LoadedCell]
    /// Repairs made while reading (a restarted test clock, …), each naming the object it concerns.
    public var warnings: [String]
}

/// A cell and where it came from in its file.
public struct LoadedCell: Sendable {
    public var cell: Cell
    /// The group holding the cell's data (`/` for a single-cell file).
    public var objectPath: String
    /// The cycling columns as stored, with units; empty when the cell has no cycling data.
    public var cyclingColumns: [ColumnDescription]
    /// The impedance columns as stored, with units; empty when the cell has no spectra.
    public var spectrumColumns: [ColumnDescription]
    /// Spectra that failed validation, when the reader was asked to keep going past them: each spectrum's
    /// test id and the error naming the file, the object and the row.
    public var rejectedSpectra: [(testID: Int, error: CoulombIOError)] = []
    /// Per-cycle tables the file carries as its writer computed them (see ``StoredTable``).
    public var storedTables: [StoredTable] = []
    /// What the reader chose that a user should know (a spectrum read from drift-corrected columns, …).
    public var notes: [String] = []
}
