/// A column as a file stores it: its name there and its units, when known.
public struct ColumnDescription: Sendable, Equatable {
    public var name: String
    public var units: String?

    public init(name: String, units: String?) {
        self.name = name
        self.units = units
    }
}
