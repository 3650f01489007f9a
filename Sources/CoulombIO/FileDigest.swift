import Crypto
import Foundation

/// SHA-256 of a file's bytes (swift-crypto's `SHA256`), in lowercase hex: the identity of an input in
/// batch tables, import provenance and resume journals.
enum FileDigest {
    /// The digest of the bytes of a file, read in 1 MiB pieces so a large file is never held whole.
    static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CoulombIOError(file: path, problem: "cannot be read to compute its SHA-256")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty { hasher.update(data: piece) }
        } catch {
            throw CoulombIOError(file: path, problem: "read error while computing its SHA-256")
        }
        return hex(hasher.finalize())
    }

    /// The digest of bytes in memory.
    static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
    }
}
