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
        // x − x is 0 for a finite x and NaN for NaN or ±∞.
        if let row = firstRow(values, clean: { block, _ in all(block - block .== 0) }, bad: { !values[$0].isFinite }) {
            throw DataValidationError(column: column, row: row, problem: "value \(values[row]) is not a finite number")
        }
    }

    /// Optional measurement columns may mark a missing value with NaN, but never hold ±∞.
    static func finiteOrMissing(_ column: String, _ values: [Double]) throws(DataValidationError) {
        let infinity = SIMD8<Double>(repeating: .infinity)
        if let row = firstRow(values, clean: { block, _ in all((block .!= infinity) .& (block .!= -infinity)) },
                              bad: { values[$0].isInfinite }) {
            throw DataValidationError(column: column, row: row, problem: "value \(values[row]) is infinite")
        }
    }

    /// The first row for which `bad` holds. Blocks of eight rows are passed to `clean` with the block
    /// shifted back by one row (for checks between neighbours); a clean block is skipped without looking
    /// at its rows one by one, which keeps validation at the speed of reading the column.
    @inline(__always)
    static func firstRow(
        _ values: [Double], clean: (_ block: SIMD8<Double>, _ previous: SIMD8<Double>) -> Bool, bad: (Int) -> Bool
    ) -> Int? {
        values.withUnsafeBufferPointer { buffer in
            var row = 1
            if !buffer.isEmpty, bad(0) { return 0 }
            while row < buffer.count {
                if row + 8 <= buffer.count {
                    let block = UnsafeRawPointer(buffer.baseAddress! + row).loadUnaligned(as: SIMD8<Double>.self)
                    let previous = UnsafeRawPointer(buffer.baseAddress! + row - 1).loadUnaligned(as: SIMD8<Double>.self)
                    if clean(block, previous) {
                        row += 8
                        continue
                    }
                }
                if bad(row) { return row }
                row += 1
            }
            return nil
        }
    }
}
