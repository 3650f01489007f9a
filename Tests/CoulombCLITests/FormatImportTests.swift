import Foundation
import TestFixtures
import Testing

/// The layouts added for issue 14 end to end: `info` names the format, `import` writes a battdat file that
/// `info` reads back with the same rows (the values themselves are checked against the reference readers in
/// CoulombIOTests).
@Suite struct FormatImportTests {
    @Test(arguments: [
        ("exports/GCPL-0.mpr", "biologic-mpr", 4), ("exports/MB-0.mpr", "biologic-mpr", 2),
        ("exports/biol_dq_only.mpr", "biologic-mpr", 3200), ("exports/biol_unknown_id.mpr", "biologic-mpr", 1200),
        ("formats/cellpy_res_datetime.h5", "cellpy", 2283),
    ])
    func importsToBattdat(file: String, format: String, rows: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func describe(_ path: String) throws -> [String: Any] {
            let result = try Coulomb.run(["info", path, "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        }
        let source = try describe(Fixture.path(file))
        #expect(source["format"] as? String == format)
        #expect((source["cells"] as! [[String: Any]])[0]["rows"] as? Int == rows)
        let output = folder.appendingPathComponent("out.h5").path
        let imported = try Coulomb.run(["import", Fixture.path(file), "-o", output])
        #expect(imported.status == 0, "\(imported.stderr)")
        let back = try describe(output)
        #expect(back["format"] as? String == "battdat")
        #expect((back["cells"] as! [[String: Any]])[0]["rows"] as? Int == rows)
    }
}
