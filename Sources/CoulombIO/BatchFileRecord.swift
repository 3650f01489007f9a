import CoulombCore
import Foundation

/// What a batch made of one input file: how it went, and the summary row of each of its cells.
///
/// One record is one line of the batch's journal (everything, so a resumed run writes the same table
/// without reading the file again) and one line of its status log (all but the rows and the stamp).
public struct BatchFileRecord: Sendable, Equatable {
    public var file: String
    /// `nil` when the file could not be examined (it does not exist, or cannot be read).
    public var identity: FileIdentity?
    /// The layout detected; empty for a file that failed.
    public var format: String
    /// Wall time to read and analyse the file.
    public var seconds: Double
    /// Why the file failed; `nil` when it was analysed.
    public var error: String?
    /// One `CellSummary` row per cell, in the file's order.
    public var cells: [[ResultTable.Value]]

    public init(file: String, identity: FileIdentity?, format: String, seconds: Double, error: String?,
                cells: [[ResultTable.Value]]) {
        (self.file, self.identity, self.format, self.seconds, self.error, self.cells) = (file, identity, format, seconds, error, cells)
    }

    public var isOK: Bool { error == nil }

    /// The batch table's columns before each cell's summary: what ``tableRows(blank:)`` leads with.
    public static let leadingColumns = ["file", "format", "status", "error"]

    /// The table rows of the file: one per cell, or one with the error (and `blank` summary values) for a
    /// file that failed.
    public func tableRows(blank: [ResultTable.Value]) -> [[ResultTable.Value]] {
        guard let error else {
            return cells.map { [.text(file), .text(format), .text("ok"), .text("")] + $0 }
        }
        return [[.text(file), .text(""), .text("failed"), .text(error)] + blank]
    }

    /// The record as one line of JSON (with its newline): the status fields `file`, `sha256`, `format`,
    /// `cells`, `seconds`, `status` (`ok`/`failed`), `error`; the journal adds `size_bytes`, `mtime_ns` and
    /// `rows` (each value a tagged string, see `ResultTable.Value.journalText`).
    public func jsonLine(withRows: Bool) -> String {
        var line = Line(file: file, sha256: identity?.sha256, format: format, cells: cells.count, seconds: seconds,
                        status: isOK ? "ok" : "failed", error: error ?? "")
        if withRows {
            line.size_bytes = identity?.size_bytes
            line.mtime_ns = identity?.mtime_ns
            line.rows = cells.map { $0.map(\.journalText) }
        }
        return Self.text(line) + "\n"
    }

    /// A journal line read back; `nil` names what is wrong with it.
    static func parse(journalLine text: Substring) -> Result<BatchFileRecord, Problem> {
        guard let line = try? JSONDecoder().decode(Line.self, from: Data(text.utf8)), let rows = line.rows else {
            return .failure(Problem(description: "is not a journal record"))
        }
        var cells: [[ResultTable.Value]] = []
        for row in rows {
            var values: [ResultTable.Value] = []
            for text in row {
                guard let value = ResultTable.Value(journalText: text) else {
                    return .failure(Problem(description: "holds the value '\(text)', which is not a tagged journal value"))
                }
                values.append(value)
            }
            cells.append(values)
        }
        let identity = line.sha256.flatMap { hash in
            line.size_bytes.flatMap { size in line.mtime_ns.map { FileIdentity(size_bytes: size, mtime_ns: $0, sha256: hash) } }
        }
        return .success(BatchFileRecord(file: line.file, identity: identity, format: line.format, seconds: line.seconds,
                                        error: line.status == "ok" ? nil : line.error, cells: cells))
    }

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The fields of a line. `sha256` is always there (`null` for a file that could not be read); the
    /// journal's own fields only in the journal.
    private struct Line: Codable {
        var file: String
        var sha256: String?
        var format: String
        var cells: Int
        var seconds: Double
        var status: String
        var error: String
        var size_bytes: Int64?
        var mtime_ns: Int64?
        var rows: [[String]]?

        init(file: String, sha256: String?, format: String, cells: Int, seconds: Double, status: String, error: String) {
            (self.file, self.sha256, self.format, self.cells, self.seconds, self.status, self.error) = (file, sha256, format, cells, seconds, status, error)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(format, forKey: .format)
            try container.encode(cells, forKey: .cells)
            try container.encode(seconds, forKey: .seconds)
            try container.encode(status, forKey: .status)
            try container.encode(error, forKey: .error)
            try container.encodeIfPresent(size_bytes, forKey: .size_bytes)
            try container.encodeIfPresent(mtime_ns, forKey: .mtime_ns)
            try container.encodeIfPresent(rows, forKey: .rows)
        }
    }

    /// Compact JSON with sorted keys; encoding strings and numbers cannot fail.
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}

extension ResultTable.Value {
    /// The value as a tagged string that reads back to the same case and the same bits: `n:` number,
    /// `i:` integer, `t:` text, `f:` flag (`1`/`0`), `l:` a list (its words separated by U+001F), `j:` a
    /// structured value (compact JSON), an empty payload for a missing number, integer or flag.
    /// Numbers are written as Swift's shortest text that reads back to the same `Double` (also `nan`,
    /// `inf`, `-0.0`), so a resumed table is the uninterrupted one bit for bit.
    public var journalText: String {
        switch self {
        case .number(let x): "n:" + (x.map { "\($0)" } ?? "")
        case .integer(let n): "i:" + (n.map { "\($0)" } ?? "")
        case .text(let s): "t:" + s
        case .flag(let b): "f:" + (b.map { $0 ? "1" : "0" } ?? "")
        case .list(let words): "l:" + words.joined(separator: "\u{1F}")
        case .structured(let value): "j:" + BatchFileRecord.text(value)
        }
    }

    public init?(journalText text: String) {
        guard text.count >= 2, text.dropFirst().first == ":" else { return nil }
        let payload = String(text.dropFirst(2))
        switch text.first {
        case "n":
            if payload.isEmpty { self = .number(nil) } else if let x = Double(payload) { self = .number(x) } else { return nil }
        case "i":
            if payload.isEmpty { self = .integer(nil) } else if let n = Int(payload) { self = .integer(n) } else { return nil }
        case "t": self = .text(payload)
        case "l": self = .list(payload.isEmpty ? [] : payload.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init))
        case "j":
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(payload.utf8)) else { return nil }
            self = .structured(value)
        case "f":
            switch payload {
            case "": self = .flag(nil)
            case "1": self = .flag(true)
            case "0": self = .flag(false)
            default: return nil
            }
        default: return nil
        }
    }
}
