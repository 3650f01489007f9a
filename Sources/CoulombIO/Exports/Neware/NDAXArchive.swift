import Foundation
import ZIPFoundation

/// An `.ndax` file's zip archive (read with ZIPFoundation): its members by name, each inflated whole
/// and checked against its CRC-32 when asked for.
///
/// The archive is opened from its path, not from the bytes already in memory: ZIPFoundation's in-memory
/// archive traps on a damaged offset that points past the end of the data (a fuzzed copy found it),
/// while reading through the C library's file functions merely comes up short, which is an error.
struct NDAXArchive {
    let file: String
    private let archive: Archive
    private let entries: [String: Entry]
    /// The archive's size, which no member's compressed data can exceed.
    private let size: UInt64
    /// Member names in archive order.
    let names: [String]

    /// The first bytes of a zip archive's first local file header.
    static let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    init(file: String, bytes: [UInt8]) throws {
        self.file = file
        size = UInt64(bytes.count)
        do {
            archive = try Archive(url: URL(fileURLWithPath: file), accessMode: .read)
        } catch {
            throw CoulombIOError(file: file, problem: Self.damage(bytes) ?? "is not a readable zip archive (\(error))")
        }
        var entries: [String: Entry] = [:]
        var names: [String] = []
        for entry in archive where entry.type == .file {
            names.append(entry.path)
            entries[entry.path] = entry
        }
        self.entries = entries
        self.names = names
    }

    func contains(_ name: String) -> Bool { entries[name] != nil }

    /// A member's bytes, inflated. A damaged member is an error naming it and how far it inflated.
    func member(_ name: String) throws -> NewareMember {
        guard let entry = entries[name] else {
            throw CoulombIOError(file: file, problem: "has no member '\(name)'; members: \(names.joined(separator: ", "))")
        }
        let declared = entry.uncompressedSize
        guard entry.compressedSize <= size else {
            throw CoulombIOError(file: file, object: "member '\(name)'", problem: """
                claims \(entry.compressedSize) compressed bytes in a \(size)-byte archive (the archive's directory is damaged)
                """)
        }
        // A deflate stream inflates at most about 1032-fold: a larger claim is a damaged header, not a size to reserve.
        guard declared <= max(entry.compressedSize, 1) * 1100 else {
            throw CoulombIOError(file: file, object: "member '\(name)'", problem: """
                claims \(declared) bytes from \(entry.compressedSize) compressed bytes, more than deflate can hold \
                (the archive's directory is damaged)
                """)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(declared))
        do {
            // The CRC is checked here (``ZipCRC32``), faster than ZIPFoundation's own on Linux.
            _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { chunk in
                guard bytes.count + chunk.count <= Int(declared) else { throw ArchiveOverrun() }
                chunk.withUnsafeBytes { bytes.append(contentsOf: $0) }
            }
            guard bytes.count == Int(declared) else {
                throw CoulombIOError(file: file, object: "member '\(name)', byte \(bytes.count)", problem: """
                    inflates to \(bytes.count) bytes where the archive's directory says \(declared) (the member is damaged)
                    """)
            }
            let checksum = ZipCRC32.checksum(bytes)
            guard checksum == entry.checksum else {
                throw CoulombIOError(file: file, object: "member '\(name)'", problem: """
                    inflates to bytes whose CRC-32 (\(String(checksum, radix: 16))) is not the archive's \
                    (\(String(entry.checksum, radix: 16))): the member is damaged
                    """)
            }
        } catch let error as CoulombIOError {
            throw error
        } catch is ArchiveOverrun {
            throw CoulombIOError(file: file, object: "member '\(name)', byte \(declared)", problem: """
                inflates to more than the \(declared) bytes the archive's directory says (the member is damaged)
                """)
        } catch {
            throw CoulombIOError(file: file, object: "member '\(name)', byte \(bytes.count)", problem: """
                cannot be inflated past this point (\(error)): the compressed data is damaged or cut short
                """)
        }
        return NewareMember(file: file, name: name, bytes: bytes)
    }

    private struct ArchiveOverrun: Error {}

    /// A local file header: the member's name, where the header and its data start, and the size of its
    /// compressed data (unknown when the sizes follow the data, flag bit 3).
    struct LocalHeader {
        var name: String
        var offset: Int
        var dataStart: Int
        var compressedSize: Int
        var sizesFollow: Bool
    }

    /// The local file headers from the start of `bytes`, as far as they can be walked (at most `limit`),
    /// and the offset where the walk stopped.
    static func localHeaders(_ bytes: [UInt8], limit: Int = .max) -> (headers: [LocalHeader], stop: Int) {
        var headers: [LocalHeader] = []
        var at = 0
        func u16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        while headers.count < limit, at + 30 <= bytes.count, bytes[at..<(at + 4)].elementsEqual(signature) {
            let nameLength = u16(at + 26), extraLength = u16(at + 28)
            let extra = at + 30 + nameLength
            guard extra + extraLength <= bytes.count else { break }
            var compressed = u16(at + 18) | u16(at + 20) << 16
            // ZIP64 (as Neware writes): the sizes are 0xFFFFFFFF here and 8 bytes each in extra field 0x0001.
            if compressed == 0xFFFF_FFFF {
                var field = extra
                while field + 4 <= extra + extraLength {
                    if u16(field) == 1, u16(field + 2) >= 16, field + 20 <= bytes.count {
                        compressed = (0..<8).reduce(0) { $0 | Int(bytes[field + 12 + $1]) << (8 * $1) }
                        break
                    }
                    field += 4 + u16(field + 2)
                }
            }
            let header = LocalHeader(
                name: String(decoding: bytes[(at + 30)..<extra], as: UTF8.self), offset: at,
                dataStart: extra + extraLength, compressedSize: compressed, sizesFollow: u16(at + 6) & 0x08 != 0)
            headers.append(header)
            if header.sizesFollow { break }
            at = header.dataStart + header.compressedSize
        }
        return (headers, at)
    }

    /// Where an archive that does not open is damaged, from its local file headers: the member whose data
    /// runs past the end of the file, or the offset where the headers stop making sense.
    static func damage(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: signature) else { return nil }
        let (headers, stop) = localHeaders(bytes)
        if let last = headers.last, !last.sizesFollow, last.dataStart + last.compressedSize > bytes.count {
            return """
                is cut short: member '\(last.name)' (header at byte \(last.offset)) needs \(last.compressedSize) compressed \
                bytes from byte \(last.dataStart), but the file ends at byte \(bytes.count)
                """
        }
        if headers.last?.sizesFollow == true { return nil }
        if stop + 4 <= bytes.count, bytes[stop..<(stop + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
            return """
                is a damaged zip archive: its members are whole, but the directory after them (from byte \(stop) to the \
                end at byte \(bytes.count)) is cut short or damaged
                """
        }
        let after = headers.last.map { " after member '\($0.name)'" } ?? ""
        return """
            is a damaged zip archive: no valid member header or directory at byte \(stop)\(after) (the file is cut \
            short or overwritten there)
            """
    }
}
