import CoulombCore

extension DataValidationError {
    /// The same error in the file's words: the model's column name replaced by the file's (when mapped),
    /// the row shifted by `rows` (when the validated column was a subset of the file's rows), wrapped with
    /// the file and object it concerns.
    func inFile(_ file: String, object: String, columnNames: [String: String], rows: [Int]? = nil,
                prefix: String = "") -> CoulombIOError {
        var error = self
        error.column = columnNames[error.column] ?? error.column
        if let rows { error.row = error.row.map { rows[$0] } }
        return CoulombIOError(file: file, object: object, problem: prefix + error.description)
    }
}
