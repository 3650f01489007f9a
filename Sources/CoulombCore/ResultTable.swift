/// An analysis result as columns: summary fields, then rows under named columns with their units.
///
/// The one description every output is rendered from (the terminal table, CSV, JSON, a battdat HDF5
/// table, the HTML report), so a new analysis states its columns once and appears in every format with
/// the same names. Column names carry their unit (`capacity_mAh`); `units` gives it again, in the
/// spelling the HDF5 schema uses, for the numeric columns that have one.
public struct ResultTable: Sendable {
    /// One cell of a row.
    public enum Value: Sendable, Equatable {
        /// A measurement or derived quantity; nil where it does not exist.
        case number(Double?)
        case integer(Int?)
        case text(String)
        case flag(Bool?)
        /// Several words in one cell: `;`-separated in CSV, an array in JSON.
        case list([String])

        /// The value as an integer column holds it (flags as 0/1); nil when missing or not an integer.
        public var integer: Int? {
            switch self {
            case .integer(let value): value
            case .flag(let value): value.map { $0 ? 1 : 0 }
            default: nil
            }
        }

        /// The value as a float column holds it (NaN where missing); nil for text.
        public var double: Double? {
            switch self {
            case .number(let value): value ?? .nan
            case .integer(let value): value.map(Double.init) ?? .nan
            case .flag(let value): value.map { $0 ? 1 : 0 } ?? .nan
            case .text, .list: nil
            }
        }

        public var json: JSONValue {
            switch self {
            case .number(let value): value.map(JSONValue.number) ?? .null
            case .integer(let value): value.map { .number(Double($0)) } ?? .null
            case .text(let value): .string(value)
            case .flag(let value): value.map(JSONValue.bool) ?? .null
            case .list(let values): .array(values.map(JSONValue.string))
            }
        }
    }

    public var summary: [(key: String, value: JSONValue)]
    public var columns: [String]
    public var rows: [[Value]]
    /// The key of the rows in JSON (`cycles`, `fits`, …).
    public var rowsKey: String
    /// Units of numeric columns by name, as the battdat schema spells them (`Ohm cm^2`).
    public var units: [String: String]

    public init(summary: [(key: String, value: JSONValue)] = [], columns: [String], rows: [[Value]] = [], rowsKey: String,
                units: [String: String] = [:]) {
        (self.summary, self.columns, self.rows, self.rowsKey, self.units) = (summary, columns, rows, rowsKey, units)
    }

    /// The value of column `name` in row `row`; nil when there is no such column.
    public func value(_ name: String, row: Int) -> Value? {
        columns.firstIndex(of: name).map { rows[row][$0] }
    }

    /// The summary field `key`, nil when there is none.
    public func summary(_ key: String) -> JSONValue? {
        summary.first { $0.key == key }?.value
    }
}
