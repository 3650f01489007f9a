import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The input files of a batch: arguments expanded as glob patterns where they name no file, plus the
/// lines of a list file; sorted and without repeats, so every run and every shard sees one order.
enum FileList {
    static func expand(_ patterns: [String], listedIn list: String?) throws -> [String] {
        var files: [String] = []
        for pattern in patterns {
            if FileManager.default.fileExists(atPath: pattern) || !pattern.contains(where: { "*?[".contains($0) }) {
                files.append(pattern)
            } else {
                files += matches(pattern)
            }
        }
        if let list {
            guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
                throw ValidationError("cannot read the file list '\(list)'")
            }
            files += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return Array(Set(files)).sorted()
    }

    private static func matches(_ pattern: String) -> [String] {
        var found = glob_t()
        defer { globfree(&found) }
        guard glob(pattern, 0, nil, &found) == 0 else { return [] }
        return (0..<Int(found.gl_pathc)).compactMap { found.gl_pathv[$0].map { String(cString: $0) } }
    }
}
