/// What the user says about one parameter: an initial value, bounds, or a fixed value.
///
/// Written `value`, `value,lower,upper` (any field may be left empty: `,1,1e4`) or `=value` for a fixed
/// parameter — inside braces after an element label in a circuit string (`R1{100,1,1e4}`,
/// `CPE1{1e-6; =0.9}` with one `;`-separated field per parameter), or as `NAME{…}` / `NAME=value` in an
/// initial-value list (`CPE1_n{=0.9}, R0=12`).
public struct ParameterSpec: Sendable, Equatable {
    public var initial: Double?
    public var lowerBound: Double?
    public var upperBound: Double?
    /// The parameter keeps `initial` and is not fitted.
    public var isFixed: Bool

    public init(initial: Double? = nil, lowerBound: Double? = nil, upperBound: Double? = nil, isFixed: Bool = false) {
        self.initial = initial
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.isFixed = isFixed
    }

    /// Parses the text between the braces; the error says what is wrong, the caller says where.
    static func parse(_ text: Substring) throws(SpecError) -> ParameterSpec {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingWhitespace() }
        var spec = ParameterSpec()
        if fields.count == 1, fields[0].hasPrefix("=") {
            spec.initial = try number(fields[0].dropFirst())
            spec.isFixed = true
            return spec
        }
        guard fields.count == 1 || fields.count == 3 else {
            throw SpecError("expected 'value', 'value,lower,upper' or '=value', not '\(text)'")
        }
        if !fields[0].isEmpty { spec.initial = try number(fields[0]) }
        if fields.count == 3 {
            if !fields[1].isEmpty { spec.lowerBound = try number(fields[1]) }
            if !fields[2].isEmpty { spec.upperBound = try number(fields[2]) }
        }
        return spec
    }

    /// Parses an initial-value list: `NAME=value` or `NAME{spec}` items separated by commas outside braces.
    public static func parseList(_ text: String) throws(SpecError) -> [(name: String, spec: ParameterSpec)] {
        var items: [Substring] = []
        var depth = 0
        var start = text.startIndex
        for index in text.indices {
            switch text[index] {
            case "{": depth += 1
            case "}": depth -= 1
            case "," where depth == 0:
                items.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        items.append(text[start...])
        return try items.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.map { (item) throws(SpecError) in
            if let brace = item.firstIndex(of: "{") {
                guard item.last == "}" else { throw SpecError("'\(item)' has no closing '}'") }
                let name = String(item[..<brace]).trimmingWhitespace()
                return (String(name), try parse(item[item.index(after: brace)..<item.index(before: item.endIndex)]))
            }
            guard let equals = item.firstIndex(of: "=") else {
                throw SpecError("'\(item)' is neither NAME=value nor NAME{value,lower,upper}")
            }
            return (String(item[..<equals].trimmingWhitespace()),
                    ParameterSpec(initial: try number(item[item.index(after: equals)...].trimmingWhitespace())))
        }
    }

    private static func number(_ text: Substring) throws(SpecError) -> Double {
        guard let value = Double(text.trimmingWhitespace()), !value.isNaN else {
            throw SpecError("'\(text)' is not a number")
        }
        return value
    }

    /// A malformed parameter specification.
    public struct SpecError: Error, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var text = self[...]
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
