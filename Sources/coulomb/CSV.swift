import CoulombIO
import Foundation

/// CSV as Coulomb writes it (``CSVWriter``), read back.
enum CSV {
    /// The records of a CSV text Coulomb wrote: fields split at commas outside quotes, `""` inside quotes a
    /// quote, records ended by a line break outside quotes. `#` comment lines before the header are
    /// returned apart, without the `# `.
    static func records(_ text: String) throws -> (comments: [String], records: [[String]]) {
        var comments: [String] = [], records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, atStart = true
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            if atStart, records.isEmpty, character == "#" {
                var line = ""
                while let next = characters.next(), next != "\n", next != "\r\n" { line.append(next) }
                comments.append(line.hasPrefix(" ") ? String(line.dropFirst()) : line)
                continue
            }
            atStart = false
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case ",": record.append(field); field = ""
            case "\n", "\r\n":
                record.append(field)
                records.append(record)
                field = ""; record = []; atStart = true
            default: field.append(character)
            }
        }
        if quoted { throw CSVError(problem: "a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return (comments, records)
    }

    struct CSVError: Error, CustomStringConvertible {
        var problem: String
        var description: String { problem }
    }
}
