import HDF5

/// A DataFrame stored by pandas in its HDF5 "table" format (`HDFStore.put(format='table')`).
///
/// The group holds a compound dataset `table` whose members are the index and one array member per
/// dtype block (`values_block_0` holding, say, 11 float64 columns per row). Which column sits where is
/// only in pickled attributes: the group's `non_index_axes` (column order), `values_cols` (block names)
/// and `info` (the index's name), and the table's `values_block_N_kind` (a block's column names) and
/// `values_block_N_dtype`. They are read with ``PickleDecoder``. Numeric blocks are read; string and
/// datetime blocks are listed in ``skippedColumns``.
struct PandasTable {
    let table: HDF5Dataset
    /// The column names in the frame's order.
    let columns: [String]
    /// The index's name (`info['index']['index_name']`), when pandas recorded one.
    let indexName: String?
    /// Columns held in string or datetime blocks, which are not read.
    let skippedColumns: [String]
    private let places: [String: Place]

    private struct Place {
        var member: String
        var position: Int
        var integer: Bool
    }

    init(_ group: HDF5Group) throws {
        let file = group.file.path
        func pickle(_ node: HDF5Node, _ name: String) throws -> PickleValue {
            do {
                return try PickleDecoder.decode(try node.stringAttributeBytes(name))
            } catch let failure as PickleDecoder.Failure {
                throw CoulombIOError(file: file, object: node.path, problem: "attribute '\(name)': \(failure)")
            }
        }
        func fail(_ object: String, _ problem: String) -> CoulombIOError {
            CoulombIOError(file: file, object: object, problem: problem)
        }
        guard group.contains("table") else { throw fail(group.path, "a pandas table frame without its 'table' dataset") }
        table = try group.dataset("table")
        guard table.isTable else { throw fail(table.path, "expected a compound dataset (pandas table format)") }

        guard let axes = try pickle(group, "non_index_axes").elements, let first = axes.first?.elements,
              first.count == 2, let names = first[1].elements?.compactMap(\.string), names.count == first[1].elements?.count
        else { throw fail(group.path, "attribute 'non_index_axes' is not [(axis, [column names])]") }
        columns = names

        indexName = group.hasAttribute("info") ? Self.indexName(in: try pickle(group, "info")) : nil

        var places: [String: Place] = [:]
        var skipped: [String] = []
        for field in table.fields where field.name != "index" {
            let kindName = field.name + "_kind"
            let held: [String]
            if table.hasAttribute(kindName) {
                guard let list = try pickle(table, kindName).elements, list.allSatisfy({ $0.string != nil }) else {
                    throw fail(table.path, "attribute '\(kindName)' is not a list of column names")
                }
                held = list.compactMap(\.string)
            } else {
                held = [field.name]  // a data column: a member of its own, named for the column
            }
            guard held.count == field.width else {
                throw fail(table.path, "member '\(field.name)' holds \(field.width) values per row but names \(held.count) columns")
            }
            let dtype = table.hasAttribute(field.name + "_dtype") ? try table.stringAttribute(field.name + "_dtype") : ""
            // Strings are not read, nor datetimes (int64 ns since 1970: a date, not a measurement).
            guard field.kind.isNumeric, !dtype.hasPrefix("datetime") else {
                skipped += held
                continue
            }
            let integer = field.kind == .integer || dtype == "bool"
            for (position, name) in held.enumerated() {
                places[name] = Place(member: field.name, position: position, integer: integer)
            }
        }
        for name in columns where places[name] == nil && !skipped.contains(name) {
            throw fail(table.path, "column '\(name)' is in no member of the table")
        }
        self.places = places
        skippedColumns = skipped
    }

    private static func indexName(in info: PickleValue) -> String? {
        guard case .dict(let pairs) = info,
              case .dict(let index)? = pairs.first(where: { $0.key == .string("index") })?.value else { return nil }
        return index.first(where: { $0.key == .string("index_name") })?.value.string
    }

    /// Whether a numeric column of this name is stored.
    func has(_ name: String) -> Bool { places[name] != nil }

    /// The stored row count.
    var rows: Int { table.count }

    /// Reads the named numeric columns (index included as `index`), each as `Double`s; a block is read once
    /// however many of its columns are asked for.
    func read(_ names: [String]) throws -> [String: [Double]] {
        var blocks: [String: (width: Int, values: HDF5Values)] = [:]
        var out: [String: [Double]] = [:]
        for name in names {
            let place = name == "index" ? Place(member: "index", position: 0, integer: true) : places[name]
            guard let place else {
                throw CoulombIOError(file: table.file.path, object: table.path, problem: "no numeric column '\(name)'")
            }
            if blocks[place.member] == nil {
                blocks[place.member] = try table.readFieldBlock(place.member, asInteger: place.integer)
            }
            let (width, values) = blocks[place.member]!
            let rows = values.count / max(width, 1)
            switch values {
            case .doubles(let all): out[name] = (0..<rows).map { all[$0 * width + place.position] }
            case .integers(let all): out[name] = (0..<rows).map { Double(all[$0 * width + place.position]) }
            }
        }
        return out
    }
}
