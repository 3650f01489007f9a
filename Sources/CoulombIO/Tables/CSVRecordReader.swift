#if canImport(Glibc)
import Glibc
#endif

/// The records of a CSV file Coulomb wrote, read one at a time, so a table of any length is held one row
/// at a time. `#` comment lines before the header are kept apart (without the `# `).
final class CSVRecordReader {
    let path: String
    private(set) var comments: [String] = []
    private let file: UnsafeMutablePointer<FILE>
    private var line: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private var started = false

    init(path: String) throws {
        guard let file = fopen(path, "r") else {
            throw CoulombIOError(file: path, problem: "cannot be read (\(String(cString: strerror(errno))))")
        }
        self.path = path
        self.file = file
    }

    deinit {
        free(line)
        fclose(file)
    }

    /// The next record; `nil` at the end. A record spans lines while a quoted field is open.
    func next() throws -> [String]? {
        var text = "", quotes = 0
        while true {
            let length = getline(&line, &capacity, file)
            guard length >= 0, let line else { break }
            let piece = String(decoding: UnsafeRawBufferPointer(start: line, count: length), as: UTF8.self)
            if !started, text.isEmpty, piece.hasPrefix("#") {
                let comment = piece.dropFirst().trimmingSuffix("\n", "\r", "\r\n")
                comments.append(comment.hasPrefix(" ") ? String(comment.dropFirst()) : String(comment))
                continue
            }
            text += piece
            quotes += piece.utf8.count { $0 == UInt8(ascii: "\"") }
            if quotes % 2 == 0 { break }
        }
        if ferror(file) != 0 { throw CoulombIOError(file: path, problem: "read error (\(String(cString: strerror(errno))))") }
        guard !text.isEmpty else { return nil }
        started = true
        do {
            return try CSVReader.records(text).records.first ?? []
        } catch {
            throw CoulombIOError(file: path, problem: "\(error)")
        }
    }
}

private extension Substring {
    func trimmingSuffix(_ endings: Character...) -> Substring {
        var text = self
        while let last = text.last, endings.contains(last) { text = text.dropLast() }
        return text
    }
}
