#if canImport(Glibc)
import Glibc
#endif

/// What a file was when it was read: its size, modification time and SHA-256 of its bytes.
///
/// A batch that resumes reuses an earlier result only for the same path with the same identity. The path
/// is part of the key because archives hold identical copies under different names, and each is its own
/// row; size and time catch a file rewritten in place, and the hash catches a rewrite that kept both (a
/// copy with `cp -p`, a clock set back).
public struct FileIdentity: Sendable, Equatable, Codable {
    public var size_bytes: Int64
    /// The modification time in nanoseconds since 1970 (what stat(2) reports).
    public var mtime_ns: Int64
    public var sha256: String

    public init(size_bytes: Int64, mtime_ns: Int64, sha256: String) {
        (self.size_bytes, self.mtime_ns, self.sha256) = (size_bytes, mtime_ns, sha256)
    }

    /// Size and modification time from stat(2): cheap, so they are compared before the hash is computed.
    public static func stamp(of path: String) throws -> (size_bytes: Int64, mtime_ns: Int64) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CoulombIOError(file: path, problem: "cannot be examined (\(String(cString: strerror(errno))))")
        }
        return (Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// The identity of the file at `path` now (its bytes are read once, for the hash).
    public static func of(_ path: String) throws -> FileIdentity {
        let stamp = try stamp(of: path)
        return FileIdentity(size_bytes: stamp.size_bytes, mtime_ns: stamp.mtime_ns, sha256: try FileDigest.sha256(ofFile: path))
    }
}
