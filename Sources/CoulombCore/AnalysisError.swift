/// Why an analysis cannot be done on otherwise valid data: what is missing or out of range, in words for
/// the user. The caller adds the file and the cell.
public struct AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    public var problem: String

    public init(_ problem: String) {
        self.problem = problem
    }

    public var description: String { problem }

    /// A mass, area or width must be a positive finite number.
    public static func requirePositive(_ value: Double?, _ name: String) throws(AnalysisError) {
        if let value, !(value.isFinite && value > 0) {
            throw AnalysisError("\(name) must be a positive number, not \(value)")
        }
    }
}
