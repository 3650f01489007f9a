import Foundation
import TestFixtures
import Testing

/// `info` and `import` on Neware's binary files (`Fixtures/neware/`, copies of real files), run as a process.
@Suite struct NewareCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-neware-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test(arguments: [
        ("TESTCELL0001-Test_Data_Collection_Ndc17.ndax", "neware-ndax", "Neware BTS binary file (.ndax)"),
        ("TestFile.nda", "neware-nda", "Neware BTS binary file (.nda)"),
    ])
    func infoNamesTheFormat(name: String, format: String, summary: String) throws {
        let path = "Fixtures/neware/\(name)"
        let json = try Coulomb.run(["info", path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == format)
        let table = try Coulomb.run(["info", path, "--format", "table"])
        #expect(table.stdout.hasPrefix("\(path): \(summary)\n"), "\(table.stdout)")
    }

    /// `import` writes battdat HDF5 whose rows `info` reads back: as many as the Neware file has (6,670
    /// records in TestFile.nda, NewareNDA's count), with its three instrument cycles.
    @Test func importWritesBattdat() throws {
        let output = folder.appendingPathComponent("neware.h5").path
        let result = try Coulomb.run(["import", "Fixtures/neware/TestFile.nda", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try Coulomb.run(["info", output, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "battdat")
        let cell = try #require((object["cells"] as? [[String: Any]])?.first)
        #expect(cell["rows"] as? Int == 6670, "\(info.stdout)")
        #expect(cell["cycles"] as? Int == 3, "\(info.stdout)")
    }
}
