import CoulombCore
import CoulombIO

/// A command's result as scripts receive it: summary fields, then rows under named columns.
///
/// CSV puts the summary in `# key: value` comment lines above the header (pandas reads it with
/// `comment='#'`); JSON puts it beside the rows, under `rowsKey`, as one object per row.
struct ResultTable {
    enum Value {
        case number(Double?)
        case integer(Int)
        case text(String)
        case flag(Bool)
        /// Several words in one cell: `;`-separated in CSV, an array in JSON.
        case list([String])

        var csv: String {
            switch self {
            case .number(let value): ValueFormatting.exact(value)
            case .integer(let value): String(value)
            case .text(let value): value
            case .flag(let value): value ? "true" : "false"
            case .list(let values): values.joined(separator: ";")
            }
        }

        /// The value as an integer column holds it; `nil` for a missing or non-integer value.
        var integer: Int? {
            switch self {
            case .integer(let value): value
            case .flag(let value): value ? 1 : 0
            default: nil
            }
        }

        /// The value as a float column holds it (NaN where missing); `nil` for text.
        var double: Double? {
            switch self {
            case .number(let value): value ?? .nan
            case .integer, .flag: Double(integer!)
            case .text, .list: nil
            }
        }

        var json: JSONValue {
            switch self {
            case .number(let value): value.json
            case .integer(let value): .number(Double(value))
            case .text(let value): .string(value)
            case .flag(let value): .bool(value)
            case .list(let values): .array(values.map(JSONValue.string))
            }
        }
    }

    var summary: [(key: String, value: JSONValue)] = []
    var columns: [String]
    var rows: [[Value]] = []
    var rowsKey: String

    func csv() -> String {
        var text = ""
        text.reserveCapacity(64 * (rows.count + summary.count + 1))
        for (key, value) in summary {
            text += "# \(key): \(Self.plain(value))\n"
        }
        text += CSV.line(columns)
        for row in rows { text += CSV.line(row.map(\.csv)) }
        return text
    }

    func json() -> String {
        var object: [String: JSONValue] = [:]
        for (key, value) in summary { object[key] = value }
        object[rowsKey] = .array(rows.map { row in
            .object(Dictionary(uniqueKeysWithValues: zip(columns, row.map(\.json))))
        })
        return ValueFormatting.json(.object(object))
    }

    /// A summary value as it reads in a comment line.
    private static func plain(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): ValueFormatting.exact(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .array(let items): items.map(plain).joined(separator: "; ")
        case .object(let members): members.sorted { $0.key < $1.key }.map { "\($0.key)=\(plain($0.value))" }.joined(separator: " ")
        }
    }
}

extension ResultTable {
    /// The table as HDF5 columns: integers and flags (0/1) as integers when none is missing, else every
    /// numeric column as floats (NaN where missing). Text columns cannot go into a numeric table; they go,
    /// with the summary, into the metadata (`text_columns`: column → values by row).
    func hdf5Columns(units: [String: String] = [:]) -> (columns: [BattdatWriter.ResultColumn], metadata: JSONValue) {
        var columns: [BattdatWriter.ResultColumn] = []
        var texts: [String: JSONValue] = [:]
        for (index, name) in self.columns.enumerated() {
            let cells = rows.map { $0[index] }
            if cells.allSatisfy({ $0.integer != nil }) {
                columns.append(.init(name: name, integers: cells.map { $0.integer! }, units: units[name]))
            } else if cells.allSatisfy({ $0.double != nil }) {
                columns.append(.init(name: name, doubles: cells.map { $0.double! }, units: units[name]))
            } else {
                texts[name] = .array(cells.map(\.json))
            }
        }
        var metadata: [String: JSONValue] = [:]
        for (key, value) in summary { metadata[key] = value }
        if !texts.isEmpty { metadata["text_columns"] = .object(texts) }
        return (columns, .object(metadata))
    }
}
