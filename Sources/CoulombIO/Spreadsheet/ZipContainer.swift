import Foundation
import ZIPFoundation

/// A zip archive opened read-only (through ZIPFoundation), whose members are read whole into memory with
/// errors naming the archive and the member.
struct ZipContainer {
    /// The largest member read (1 GiB): a damaged size field or a crafted archive must not exhaust memory.
    static let memberLimit = 1 << 30

    let path: String
    private let archive: Archive

    /// Whether `bytes` start with a zip local file header (`PK\u{3}\u{4}`) or an empty archive's end record.
    static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    init(path: String) throws {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw CoulombIOError(file: path, problem: """
                a zip archive whose table of contents cannot be read (is the file cut short or damaged?)
                """)
        }
    }

    /// The members' paths, in archive order.
    var memberNames: [String] { archive.map(\.path) }

    func contains(_ member: String) -> Bool { archive[member] != nil }

    /// The bytes of `member`; a missing member, a damaged stream or a wrong checksum is an error naming it.
    func bytes(of member: String) throws -> [UInt8] {
        guard let entry = archive[member] else {
            throw CoulombIOError(file: path, object: "member '\(member)'", problem: "is missing from the archive")
        }
        let declared = Int(clamping: entry.uncompressedSize)
        guard declared <= Self.memberLimit else {
            throw CoulombIOError(file: path, object: "member '\(member)'", problem: """
                claims \(declared) bytes, more than the \(Self.memberLimit) Coulomb reads from one member
                """)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(declared)
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, consumer: { chunk in
                guard bytes.count + chunk.count <= declared else { throw Overrun() }
                bytes.append(contentsOf: chunk)
            })
        } catch is Overrun {
            throw CoulombIOError(file: path, object: "member '\(member)'", problem: """
                inflates to more than the \(declared) bytes its header declares (the archive is damaged)
                """)
        } catch {
            throw CoulombIOError(file: path, object: "member '\(member)'", problem: """
                cannot be unpacked (\(Self.describe(error))): the archive is damaged or cut short
                """)
        }
        // ZIPFoundation computes the checksum of what it unpacked but leaves the comparison to the caller.
        guard checksum == entry.checksum else {
            throw CoulombIOError(file: path, object: "member '\(member)'", problem: "fails its checksum (the archive is damaged)")
        }
        guard bytes.count == declared else {
            throw CoulombIOError(file: path, object: "member '\(member)'", problem: """
                unpacks to \(bytes.count) bytes but its header declares \(declared) (the archive is damaged)
                """)
        }
        return bytes
    }

    private struct Overrun: Error {}

    /// ZIPFoundation's error in a few words.
    private static func describe(_ error: Error) -> String {
        switch error {
        case Archive.ArchiveError.invalidCRC32: "checksum mismatch"
        case Archive.ArchiveError.invalidCompressionMethod: "unknown compression method"
        case Archive.ArchiveError.invalidLocalHeaderDataOffset, Archive.ArchiveError.invalidLocalHeaderSize: "bad member header"
        default: "corrupt data"
        }
    }
}
