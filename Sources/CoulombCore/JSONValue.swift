/// A JSON value: the free-form metadata a cell carries from its file and back into the files Coulomb writes.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        // JSON has no infinity or NaN: such a number (a time constant at a resistance's bound) is null.
        case .number(let value): if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member at a dotted path (`battery.anode.area`), if every step is an object that has it.
    public subscript(path path: String) -> JSONValue? {
        var node = self
        for key in path.split(separator: ".") {
            guard case .object(let members) = node, let next = members[String(key)] else { return nil }
            node = next
        }
        return node
    }

    /// The value as a number, if it is one (or a string that spells one).
    public var number: Double? {
        switch self {
        case .number(let value): value
        case .string(let text): Double(text)
        default: nil
        }
    }

    /// The value as text, if it is a string.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

extension Optional where Wrapped == Double {
    /// The number, or null where there is none.
    public var json: JSONValue { map(JSONValue.number) ?? .null }
}

extension Optional where Wrapped == Int {
    /// The number, or null where there is none.
    public var json: JSONValue { map { .number(Double($0)) } ?? .null }
}
