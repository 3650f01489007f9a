import CoulombCore

/// A file read into cells, with what was found on the way.
public struct CellFile: Sendable {
    public var path: String
    public var layout: FileLayout
    public var cells: [LoadedCell]
    /// Repairs made while reading (a restarted test clock, …), each naming the object it concerns.
    public var warnings: [String]
    /// For a file of several parts (a workbook's sheets): each part, what it is and whether it was read.
    public var parts: [FilePart] = []
}

/// One part of a file of several (a sheet of a workbook), as `coulomb info` names it.
public struct FilePart: Sendable, Equatable {
    public var name: String
    /// What the part holds: `Arbin record`, `spectrum`, `statistics`, …
    public var kind: String
    /// The cell it was read into, or `nil` when it was not read.
    public var cell: String?
    /// Why it was not read, or how it was read.
    public var note: String
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
