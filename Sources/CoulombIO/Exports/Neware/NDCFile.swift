/// An `.ndc` table from an `.ndax` archive: the file type (byte 0: 1 samples, 5 auxiliary channel, 7
/// steps, 18 run information) and the layout version (byte 2) head a 4096-byte header.
///
/// Versions 11 to 17 store fixed-size records in 4096-byte pages after the header: a page holds its
/// records from byte 132 on, then a trailer whose size depends on the version and table. Versions 2
/// and 5 store whole records (``NDCWholeRecords``).
struct NDCFile {
    static let pageSize = 4096
    static let recordsStart = 132

    let member: NewareMember
    var fileType: UInt8 { member.bytes[0] }
    var version: UInt8 { member.bytes[2] }

    init(_ member: NewareMember) throws {
        guard member.bytes.count >= 3 else {
            throw member.error("is cut short: \(member.bytes.count) bytes, too few for an .ndc header")
        }
        self.member = member
    }

    /// Checks that this table is of the file type its name says.
    func expect(fileType expected: UInt8, version expectedVersion: UInt8) throws {
        guard fileType == expected else {
            throw member.error(at: 0, "file type \(fileType), where an .ndc table of type \(expected) belongs")
        }
        guard version == expectedVersion else {
            throw member.error(at: 2, "layout version \(version), but data.ndc is version \(expectedVersion)")
        }
    }

    /// How one paged table stores its records: each record's size and the trailer at each page's end.
    struct Paging {
        var recordSize: Int
        var trailer: Int
        var perPage: Int { (NDCFile.pageSize - NDCFile.recordsStart - trailer) / recordSize }
    }

    /// The number of whole pages after the header; a size that is not the header plus whole pages is a
    /// cut-short table.
    func pageCount() throws -> Int {
        let size = member.bytes.count
        guard size >= Self.pageSize, (size - Self.pageSize) % Self.pageSize == 0 else {
            let whole = max(0, (size - Self.pageSize) / Self.pageSize)
            throw member.error(at: Self.pageSize * (whole + 1), """
                is cut short: \(size) bytes is not a \(Self.pageSize)-byte header and whole \(Self.pageSize)-byte pages \
                (the last page is incomplete)
                """)
        }
        return (size - Self.pageSize) / Self.pageSize
    }

    /// Calls `body` with the bytes and each record's offset, page by page in file order.
    func forEachRecord(_ paging: Paging, _ body: (UnsafeRawBufferPointer, Int) -> Void) throws {
        let pages = try pageCount()
        let perPage = paging.perPage
        member.bytes.withUnsafeBytes { raw in
            for page in 0..<pages {
                let first = Self.pageSize * (page + 1) + Self.recordsStart
                for slot in 0..<perPage { body(raw, first + slot * paging.recordSize) }
            }
        }
    }

    /// The number of record slots the pages hold.
    func slotCount(_ paging: Paging) throws -> Int { try pageCount() * paging.perPage }
}
