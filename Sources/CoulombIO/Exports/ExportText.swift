import Foundation

/// A text or binary export held in memory as bytes, with its path for error messages.
///
/// Exports are parsed from bytes rather than through `String`, for speed and because instrument software
/// writes Windows-1252 (`µ`, `°`, `²` as single bytes) as often as UTF-8.
struct ExportText {
    let file: String
    let bytes: [UInt8]

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
    }

    /// Reads the whole file.
    init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoulombIOError(file: path, problem: "cannot be read (missing, a folder, or no permission)")
        }
        self.init(file: path, bytes: [UInt8](data))
    }

    /// One line: its number (from 1) and its bytes without the line terminator.
    struct Line {
        var number: Int
        var range: Range<Int>
    }

    /// Lines from byte `offset` on, numbered from `number`. A line ends at `\r\n`, `\n` or `\r`, so files
    /// with mixed line endings (pieces pasted together on different systems) read line by line as written.
    struct Lines: Sequence, IteratorProtocol {
        let bytes: [UInt8]
        var offset: Int
        var number: Int

        mutating func next() -> Line? {
            guard offset < bytes.count else { return nil }
            let start = offset
            var end = start
            bytes.withUnsafeBufferPointer { buffer in
                while end < buffer.count, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
            }
            offset = ExportText.skipTerminator(bytes, at: end)
            defer { number += 1 }
            return Line(number: number, range: start..<end)
        }
    }

    /// The offset just past the line terminator (`\r\n`, `\n` or `\r`) at `end`, if there is one.
    static func skipTerminator(_ bytes: [UInt8], at end: Int) -> Int {
        guard end < bytes.count else { return end }
        switch bytes[end] {
        case 0x0D: return end + (end + 1 < bytes.count && bytes[end + 1] == 0x0A ? 2 : 1)
        case 0x0A: return end + 1
        default: return end
        }
    }

    /// Where the line after `line` starts.
    func offset(after line: Line) -> Int { Self.skipTerminator(bytes, at: line.range.upperBound) }

    func lines(from offset: Int = 0, number: Int = 1) -> Lines {
        Lines(bytes: bytes, offset: offset, number: number)
    }

    /// The first `count` lines (fewer when the file is shorter).
    func firstLines(_ count: Int) -> [Line] {
        Array(lines().prefix(count))
    }

    /// The first line that is not blank (the header of most CSV exports); an empty file is an error.
    func firstNonBlankLine() throws -> Line {
        guard let line = lines().first(where: { !string($0).isEmpty }) else {
            throw CoulombIOError(file: file, problem: "is empty")
        }
        return line
    }

    /// The bytes as text: UTF-8 when they are valid UTF-8, else Windows-1252/Latin-1 (one byte, one
    /// character), trimmed of spaces, tabs and a byte-order mark.
    func string(_ range: Range<Int>) -> String {
        let slice = bytes[range]
        var text = String(bytes: slice, encoding: .utf8)
            ?? String(String.UnicodeScalarView(slice.map { Unicode.Scalar($0) }))
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    func string(_ line: Line) -> String { string(line.range) }

    /// The line's fields split at `delimiter`, as text.
    func fields(_ line: Line, delimiter: UInt8) -> [String] {
        bytes.withUnsafeBufferPointer { buffer in
            DelimitedTable.split(buffer, line.range, delimiter: delimiter).map { string($0) }
        }
    }

    /// An error about one line of this file.
    func error(line: Int, _ problem: String) -> CoulombIOError {
        CoulombIOError(file: file, object: "line \(line)", problem: problem)
    }
}
