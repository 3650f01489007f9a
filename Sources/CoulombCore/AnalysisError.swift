/// Why an analysis cannot be done on otherwise valid data: what is missing or out of range, in words for
/// the user. The caller adds the file and the cell.
public struct AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    public var problem: String
    /// What would let the analysis run, when one thing would.
    public var remedy: Remedy?

    public init(_ problem: String, remedy: Remedy? = nil) {
        self.problem = problem
        self.remedy = remedy
    }

    public var description: String { problem }

    /// A mass, area or width must be a positive finite number.
    public static func requirePositive(_ value: Double?, _ name: String) throws(AnalysisError) {
        if let value, !(value.isFinite && value > 0) {
            throw AnalysisError("\(name) must be a positive number, not \(value)")
        }
    }
}
