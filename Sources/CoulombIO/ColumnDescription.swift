import CoulombCore

/// A column as a file stores it: its name there and its units, when known.
public struct ColumnDescription: Sendable, Equatable {
    public var name: String
    public var units: String?

    public init(name: String, units: String?) {
        self.name = name
        self.units = units
    }
}

extension ColumnDescription {
    /// The column as a person reads it: `time_s [s]`, or the bare name when it has no units.
    public var text: String {
        guard let units, !units.isEmpty else { return name }
        return "\(name) [\(units)]"
    }

    /// The column as JSON holds it: its name and its units (null when unknown).
    public var json: JSONValue {
        .object(["name": .string(name), "units": units.map(JSONValue.string) ?? .null])
    }
}
