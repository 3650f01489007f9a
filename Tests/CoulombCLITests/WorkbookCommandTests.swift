import Foundation
import TestFixtures
import Testing

/// The commands on workbooks (`Fixtures/workbooks/`, made by `make_workbook_fixtures.py`) and on files
/// Coulomb refuses, run as a process.
@Suite struct WorkbookCommandTests {
    /// `info` names the workbook format and what became of each sheet.
    @Test func infoNamesTheFormatAndEverySheet() throws {
        let path = "Fixtures/workbooks/arbin_channel.xlsx"
        let table = try Coulomb.run(["info", path, "--format", "table"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("\(path): Excel workbook (.xlsx)\n"), "\(table.stdout)")
        #expect(table.stdout.contains("  sheet 'Channel_1-006_1': Arbin record, cell arbin_channel: read; header in row 1\n"))
        #expect(table.stdout.contains("  sheet 'Statistics_1-006': statistics, not read: "))
        let json = try Coulomb.run(["info", "Fixtures/workbooks/neware_record.ods", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "ods")
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.map { $0["name"] as? String } == ["cycle", "record"])
        #expect(parts.map { $0["kind"] as? String } == ["statistics", "Neware record"])
        #expect(parts[0]["cell"] is NSNull)
    }

    /// `import` turns a workbook into battdat HDF5 whose cycles are the workbook's.
    @Test func importTurnsAWorkbookIntoBattdat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-workbook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("neware.h5").path
        let imported = try Coulomb.run(["import", "Fixtures/workbooks/neware_record.xlsx", "-o", output])
        #expect(imported.status == 0, "\(imported.stderr)")
        let info = try Coulomb.run(["info", output, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "battdat")
        #expect((object["cells"] as? [[String: Any]])?.first?["rows"] as? Int == 800)
        let fromWorkbook = try Coulomb.run(["cycles", "Fixtures/workbooks/neware_record.xlsx", "--format", "csv"])
        let fromBattdat = try Coulomb.run(["cycles", output, "--format", "csv"])
        #expect(fromWorkbook.status == 0)
        #expect(fromWorkbook.stdout.split(separator: "\n").dropFirst() == fromBattdat.stdout.split(separator: "\n").dropFirst())
    }

    /// A directory, an empty file, a zip of something else: one line each on stderr, in Coulomb's words.
    @Test func refusalsAreOneLineEach() throws {
        let result = try Coulomb.run(["info", "Fixtures/workbooks", "Fixtures/workbooks/bad/empty.csv",
                                      "Fixtures/workbooks/bad/exports.zip", "Fixtures/workbooks/bad/old_excel.xls"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "coulomb: error: Fixtures/workbooks: is a directory, not a file: give the files in it (such as 'Fixtures/workbooks/*.csv')")
        #expect(lines[1] == "coulomb: error: Fixtures/workbooks/bad/empty.csv: is empty (0 bytes)")
        #expect(lines[2].hasPrefix("coulomb: error: Fixtures/workbooks/bad/exports.zip: a zip archive of 2 members"))
        #expect(lines[3].hasPrefix("coulomb: error: Fixtures/workbooks/bad/old_excel.xls: an OLE2 compound file"))
        #expect(!result.stderr.contains("HDF5") && !result.stderr.contains("libhdf5"))
    }

    /// An output path that cannot be written is named as given: no libhdf5 wording, no temporary file.
    @Test(arguments: ["no_such_folder/out.h5", "Fixtures/workbooks/data.xlsx/out.h5", "Fixtures"])
    func unwritableOutputIsNamedAsGiven(output: String) throws {
        let result = try Coulomb.run(["import", "Fixtures/workbooks/data.xlsx", "-o", output, "--force"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("coulomb: error: \(output): "), "\(result.stderr)")
        #expect(!result.stderr.contains("libhdf5") && !result.stderr.contains(".tmp"), "\(result.stderr)")
    }
}
