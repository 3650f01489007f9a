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
        /// A structured value (an object, or an array of objects) that JSON keeps as it is; CSV and a
        /// terminal show it as plain text (`key=value` pairs, `; `-separated items).
        case structured(JSONValue)

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
            case .text, .list, .structured: nil
            }
        }

        /// The value as JSON holds it: null where missing.
        public var json: JSONValue {
            switch self {
            case .number(let value): value.map(JSONValue.number) ?? .null
            case .integer(let value): value.map { .number(Double($0)) } ?? .null
            case .text(let value): .string(value)
            case .flag(let value): value.map(JSONValue.bool) ?? .null
            case .list(let values): .array(values.map(JSONValue.string))
            case .structured(let value): value
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
    /// Headings for people by column name, the unit as a reader writes it (`charge (mAh)`): the terminal
    /// table and the HTML report both head a column with it. A column without one is headed by its name.
    public var labels: [String: String]

    public init(summary: [(key: String, value: JSONValue)] = [], columns: [String], rows: [[Value]] = [], rowsKey: String,
                units: [String: String] = [:], labels: [String: String] = [:]) {
        (self.summary, self.columns, self.rows, self.rowsKey, self.units) = (summary, columns, rows, rowsKey, units)
        self.labels = labels
    }

    /// The heading of column `name` for people: its label, else its name.
    public func label(_ name: String) -> String {
        labels[name] ?? name
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
