import _CMDB

/// An MS Access (Jet 3/4, ACE) database read through libmdb (mdbtools), from bytes already in memory.
///
/// libmdb is handed a copy of the file's bytes (`mdb_open_buffer`), never the file: a database the cycler
/// is still writing is neither locked nor changed by reading it, whatever libmdb does. Tables are read
/// whole, column by column: numbers (byte, 16- and 32-bit integers, single, double, currency, date) as
/// `Double` — a null is NaN —, text and memo as `String` (libmdb converts Jet's UCS-2 to UTF-8).
/// Values are decoded from the row bytes libmdb locates, not from its text rendering, so a double
/// arrives with every bit and a single exactly as stored.
final class AccessDatabase {
    let file: String
    private let bytes: UnsafeMutableRawBufferPointer
    private let handle: UnsafeMutablePointer<MdbHandle>

    /// One table as read: its column names in order, each numeric or text.
    struct Table {
        var name: String
        var columns: [String] = []
        var numbers: [String: [Double]] = [:]
        var texts: [String: [String?]] = [:]
        var rows = 0
        /// The row count the table's definition states.
        var declaredRows = 0
    }

    init(file: String, bytes source: [UInt8]) throws {
        self.file = file
        bytes = .allocate(byteCount: max(source.count, 1), alignment: 16)
        bytes.copyBytes(from: source)
        guard let handle = coulomb_mdb_open_buffer(bytes.baseAddress, source.count) else {
            bytes.deallocate()
            throw CoulombIOError(file: file, problem: "is not an MS Access database libmdb can open (header damaged or cut short)")
        }
        self.handle = handle
        // A database is whole pages; a cut file would otherwise read as a shorter record without a word.
        let pageSize = handle.pointee.fmt.pointee.pg_size
        guard pageSize > 0, source.count % pageSize == 0 else {
            throw CoulombIOError(file: file, problem: """
                is cut short: \(source.count) bytes is not a whole number of the database's \(pageSize)-byte pages
                """)
        }
    }

    deinit {
        mdb_close(handle)
        bytes.deallocate()
    }

    /// The user table `name`, or `nil` when the database has none of that name.
    func table(_ name: String) throws -> Table? {
        guard let table = name.withCString({ coulomb_mdb_table(handle, $0) }) else { return nil }
        defer { mdb_free_tabledef(table) }
        var result = Table(name: name, declaredRows: Int(table.pointee.num_rows))
        let count = Int(table.pointee.num_cols)
        var numeric: [(name: String, column: UnsafeMutablePointer<MdbColumn>)] = []
        var text: [(name: String, column: UnsafeMutablePointer<MdbColumn>)] = []
        for index in 0..<count {
            guard let column = coulomb_mdb_column(table, UInt32(index)) else { continue }
            let columnName = withUnsafeBytes(of: column.pointee.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            result.columns.append(columnName)
            switch Int(column.pointee.col_type) {
            case MDB_TEXT, MDB_MEMO: text.append((columnName, column))
            case MDB_BOOL, MDB_BYTE, MDB_INT, MDB_LONGINT, MDB_MONEY, MDB_FLOAT, MDB_DOUBLE, MDB_DATETIME:
                numeric.append((columnName, column))
            default: continue
            }
        }
        var numbers = [[Double]](repeating: [], count: numeric.count)
        var texts = [[String?]](repeating: [], count: text.count)
        let expected = Int(table.pointee.num_rows)
        if expected > 0, expected < 1 << 26 { for index in numbers.indices { numbers[index].reserveCapacity(expected) } }
        while mdb_fetch_row(table) != 0 {
            for (index, entry) in numeric.enumerated() { numbers[index].append(Self.number(table, entry.column)) }
            for (index, entry) in text.enumerated() {
                guard let value = coulomb_mdb_text(table, entry.column) else {
                    texts[index].append(nil)
                    continue
                }
                texts[index].append(String(cString: value))
                coulomb_mdb_free(value)
            }
            result.rows += 1
        }
        for (index, entry) in numeric.enumerated() { result.numbers[entry.name] = numbers[index] }
        for (index, entry) in text.enumerated() { result.texts[entry.name] = texts[index] }
        return result
    }

    /// The value of a numeric column in the row last fetched; NaN for a null or a value whose stored
    /// width does not match its type (a damaged row).
    private static func number(_ table: UnsafeMutablePointer<MdbTableDef>, _ column: UnsafeMutablePointer<MdbColumn>) -> Double {
        let type = Int(column.pointee.col_type)
        // libmdb keeps a yes/no column's value in the row's null mask and reports it as "null" for yes.
        if type == MDB_BOOL { return column.pointee.cur_value_len == 0 ? 1 : 0 }
        var length: Int32 = 0
        guard let value = coulomb_mdb_value(table, column, &length) else { return .nan }
        let raw = UnsafeRawPointer(value)
        func load<T: FixedWidthInteger>(_: T.Type) -> T { T(littleEndian: raw.loadUnaligned(as: T.self)) }
        switch (type, Int(length)) {
        case (MDB_BYTE, 1): return Double(load(UInt8.self))
        case (MDB_INT, 2): return Double(load(Int16.self))
        case (MDB_LONGINT, 4): return Double(load(Int32.self))
        case (MDB_MONEY, 8): return Double(load(Int64.self)) / 10_000
        case (MDB_FLOAT, 4): return Double(Float(bitPattern: load(UInt32.self)))
        case (MDB_DOUBLE, 8), (MDB_DATETIME, 8): return Double(bitPattern: load(UInt64.self))
        default: return .nan
        }
    }
}
