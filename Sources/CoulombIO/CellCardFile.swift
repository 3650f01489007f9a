import CoulombCore
import Foundation

/// A cell card (`CellCard`) kept as a JSON sidecar next to a data file.
///
/// For `run7.h5` the sidecar is `run7.h5.cell.json` or `run7.cell.json` in the same folder (the first that
/// exists); `--cell-card PATH` names one anywhere. A sidecar's facts override the data file's own and say
/// so in every output.
public enum CellCardFile {
    /// The sidecar of the data file at `path`, when one exists.
    public static func sidecar(for path: String) -> String? {
        // The stem by string, so a relative path stays relative in messages.
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let stem = name.lastIndex(of: ".").map { String(path.dropLast(name.distance(from: $0, to: name.endIndex))) } ?? path
        let candidates = [path + ".cell.json", stem + ".cell.json"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Reads and validates the card at `path`.
    ///
    /// - Throws: ``CoulombIOError`` naming the card file and the problem (not JSON, an unknown key, an area
    ///   that is not positive, …).
    public static func read(_ path: String) throws -> CellCard {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoulombIOError(file: path, problem: "cannot read the cell card")
        }
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw CoulombIOError(file: path, problem: "the cell card is not valid JSON")
        }
        do {
            return try CellCard(json: document, source: "card \(URL(fileURLWithPath: path).lastPathComponent)")
        } catch {
            throw CoulombIOError(file: path, problem: "cell card: \(error.problem)")
        }
    }
}

extension CellFile {
    /// The file with a card's facts applied to each of its cells; a per-cell entry naming no cell of the
    /// file is a warning (a misspelt id must not pass silently).
    public func applying(_ card: CellCard, from cardPath: String) -> CellFile {
        var file = self
        for k in file.cells.indices { file.cells[k].cell = file.cells[k].cell.applying(card) }
        let ids = Set(cells.map(\.cell.id))
        for id in card.cells.keys.sorted() where !ids.contains(id) {
            file.warnings.append("\(cardPath): the card names cell '\(id)', which \(path) does not hold (cells: \(ids.sorted().joined(separator: ", ")))")
        }
        return file
    }
}
