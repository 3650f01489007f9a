import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The input files of a batch: arguments expanded as glob patterns where they name no file, plus the
/// lines of a list file; sorted and without repeats, so every run and every shard sees one order. Cell cards
/// (`*.cell.json`) that a pattern matches are left out: each is read with its data file.
///
/// Patterns that match nothing are kept apart: a batch must not "succeed" having silently done nothing
/// for one of its arguments (a typo, or a cluster job pointed at a folder not yet synced).
public struct FileList: Sendable {
    public var files: [String]
    /// The glob patterns that matched no file, in the order given.
    public var unmatched: [String]

    /// The files `patterns` and the list file `list` (one path a line) name.
    ///
    /// - Throws: ``CoulombIOError`` when the list file cannot be read.
    public static func expand(_ patterns: [String], listedIn list: String?) throws -> FileList {
        var files: [String] = [], unmatched: [String] = []
        for pattern in patterns {
            if FileManager.default.fileExists(atPath: pattern) || !pattern.contains(where: { "*?[".contains($0) }) {
                files.append(pattern)
            } else {
                // A cell card next to its data file is read with it, not as a file of its own.
                let found = matches(pattern).filter { !$0.hasSuffix(".cell.json") }
                if found.isEmpty { unmatched.append(pattern) }
                files += found
            }
        }
        if let list {
            guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
                throw CoulombIOError(file: list, problem: "cannot be read as a file list (UTF-8 text, one path a line)")
            }
            files += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return FileList(files: Array(Set(files)).sorted(), unmatched: unmatched)
    }

    /// Glob patterns that matched no file: "no file matches 'a*.h5'" (or 'a*.h5', 'b*.h5').
    public struct NoMatch: Error, CustomStringConvertible {
        public var patterns: [String]
        public var description: String { "no file matches " + patterns.map { "'\($0)'" }.joined(separator: ", ") }
    }

    /// The error for the unmatched patterns, if any.
    public var noMatch: NoMatch? { unmatched.isEmpty ? nil : NoMatch(patterns: unmatched) }

    private static func matches(_ pattern: String) -> [String] {
        var found = glob_t()
        defer { globfree(&found) }
        guard glob(pattern, 0, nil, &found) == 0 else { return [] }
        return (0..<Int(found.gl_pathc)).compactMap { found.gl_pathv[$0].map { String(cString: $0) } }
    }
}
