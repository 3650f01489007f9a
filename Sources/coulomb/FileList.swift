import ArgumentParser
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
struct FileList {
    var files: [String]
    /// The glob patterns that matched no file, in the order given.
    var unmatched: [String]

    static func expand(_ patterns: [String], listedIn list: String?) throws -> FileList {
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
                throw ValidationError("cannot read the file list '\(list)'")
            }
            files += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return FileList(files: Array(Set(files)).sorted(), unmatched: unmatched)
    }

    /// Glob patterns that matched no file: "no file matches 'a*.h5'" (or 'a*.h5', 'b*.h5').
    struct NoMatch: Error, CustomStringConvertible {
        var patterns: [String]
        var description: String { "no file matches " + patterns.map { "'\($0)'" }.joined(separator: ", ") }
    }

    /// The error for the unmatched patterns, if any.
    var noMatch: NoMatch? { unmatched.isEmpty ? nil : NoMatch(patterns: unmatched) }

    private static func matches(_ pattern: String) -> [String] {
        var found = glob_t()
        defer { globfree(&found) }
        guard glob(pattern, 0, nil, &found) == 0 else { return [] }
        return (0..<Int(found.gl_pathc)).compactMap { found.gl_pathv[$0].map { String(cString: $0) } }
    }
}
