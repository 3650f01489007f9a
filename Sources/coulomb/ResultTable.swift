import CoulombCore

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
