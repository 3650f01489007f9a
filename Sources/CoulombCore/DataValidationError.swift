/// Why columns could not become cycling data or a spectrum: which column, which row, what is wrong.
public struct DataValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The column as the model names it (`time_s`, `frequency_Hz`, …).
    public var column: String
    /// The first offending row, counting from 0, when one row is to blame.
    public var row: Int?
    /// What is wrong, in words for the user.
    public var problem: String

    public init(column: String, row: Int? = nil, problem: String) {
        self.column = column
        self.row = row
        self.problem = problem
    }

    public var description: String {
        if let row { return "column '\(column)', row \(row): \(problem)" }
        return "column '\(column)': \(problem)"
    }
}

/// Checks shared by every columnar type.
enum ColumnCheck {
    static func length(_ column: String, _ count: Int, expected: Int, reference: String) throws(DataValidationError) {
        guard count == expected else {
            throw DataValidationError(column: column, problem: "has \(count) rows but '\(reference)' has \(expected)")
        }
    }

    /// The first row holding NaN or ±∞ is an error.
    static func finite(_ column: String, _ values: [Double]) throws(DataValidationError) {
        if let row = values.firstIndex(where: { !$0.isFinite }) {
            throw DataValidationError(column: column, row: row, problem: "value \(values[row]) is not a finite number")
        }
    }

    /// Optional measurement columns may mark a missing value with NaN, but never hold ±∞.
    static func finiteOrMissing(_ column: String, _ values: [Double]) throws(DataValidationError) {
        if let row = values.firstIndex(where: { $0.isInfinite }) {
            throw DataValidationError(column: column, row: row, problem: "value \(values[row]) is infinite")
        }
    }
}
