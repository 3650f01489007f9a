import CoulombIO
import Foundation
import Testing

/// A batch's input files: patterns expanded, list files read, one sorted order without repeats.
@Suite struct FileListTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-files-\(UUID().uuidString)").path

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["b.h5", "a.h5", "a.cell.json", "c.mpr"] {
            try Data().write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
        }
    }

    /// A pattern yields its matches but not the cell cards; a name given twice (by a pattern and by the list)
    /// is one file; a pattern that matches nothing is kept apart and named by the error.
    @Test func patternsAndListsGiveOneSortedList() throws {
        let list = "\(folder)/list.txt"
        try "  \(folder)/c.mpr \n\n\(folder)/a.h5\n".write(toFile: list, atomically: true, encoding: .utf8)
        let found = try FileList.expand(["\(folder)/*", "\(folder)/z*.h5", "\(folder)/plain-name.h5"], listedIn: list)
        #expect(found.files == ["a.h5", "b.h5", "c.mpr", "list.txt", "plain-name.h5"].map { "\(folder)/\($0)" })
        #expect(found.unmatched == ["\(folder)/z*.h5"])
        #expect(found.noMatch?.description == "no file matches '\(folder)/z*.h5'")
        #expect(try FileList.expand(["\(folder)/a.h5"], listedIn: nil).noMatch == nil)
    }

    @Test func anUnreadableListNamesTheFile() {
        let missing = "\(folder)/missing.txt"
        #expect { try FileList.expand([], listedIn: missing) } throws: { error in
            (error as? CoulombIOError)?.file == missing
        }
    }
}
