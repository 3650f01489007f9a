import CoulombCore

extension ResultTable.Value {
    /// The value as a CSV field: full precision, empty where missing.
    public var csv: String {
        switch self {
        case .number(let value): ValueFormatting.exact(value)
        case .integer(let value): value.map(String.init) ?? ""
        case .text(let value): value
        case .flag(let value): value.map { $0 ? "true" : "false" } ?? ""
        case .list(let values): values.joined(separator: ";")
        case .structured(let value): ResultTable.plain(value)
        }
    }
}

extension ResultTable {
    /// CSV with the summary in `# key: value` comment lines above the header (pandas reads it with
    /// `comment='#'`).
    public func csv() -> String {
        var text = ""
        text.reserveCapacity(64 * (rows.count + summary.count + 1))
        for (key, value) in summary {
            text += "# \(key): \(Self.plain(value))\n"
        }
        text += CSVWriter.line(columns)
        for row in rows { text += CSVWriter.line(row.map(\.csv)) }
        return text
    }

    /// JSON with the summary beside the rows, which are one object each under `rowsKey`.
    public func json() -> String { ValueFormatting.json(document) }

    /// A terminal table of every column, headed by its label.
    public func text() -> String { text(columns: columns) }

    /// A terminal table of the columns `shown`, each headed by its label (`label(_:)`); numbers readable,
    /// text and list columns left-aligned. `rendering` may write a cell its own way (a duration, a marker),
    /// given the column's name and the row's index; nil keeps the usual form.
    public func text(columns shown: [String], rendering: (_ column: String, _ row: Int) -> String? = { _, _ in nil }) -> String {
        var table = TextTable(headers: shown.map(label))
        table.leftAligned = wordColumns(shown)
        table.rows = readableRows(shown, rendering: rendering)
        return table.render()
    }

    /// The table as one JSON object: the summary beside the rows, which are one object each under `rowsKey`.
    public var document: JSONValue {
        var object: [String: JSONValue] = [:]
        for (key, value) in summary { object[key] = value }
        object[rowsKey] = .array(rows.map { row in
            .object(Dictionary(uniqueKeysWithValues: zip(columns, row.map(\.json))))
        })
        return .object(object)
    }

    /// A summary value as it reads in a comment line.
    static func plain(_ value: JSONValue) -> String {
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
    public func hdf5Columns() -> (columns: [BattdatWriter.ResultColumn], metadata: JSONValue) {
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

    /// Writes the table as one battdat-style table `name` at the root of a new file.
    public func writeHDF5(_ name: String, to path: String) throws {
        let (columns, metadata) = hdf5Columns()
        try BattdatWriter.writeResultTable(name, columns, metadata: metadata, to: path)
    }
}
