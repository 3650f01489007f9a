import Foundation
import TestFixtures
import Testing

/// Arbin `.res` files through the `coulomb` command, where libmdb runs in a child process: `info` names the
/// format, `import` writes battdat, and damaged copies give a named error — never a crash, a hang, or
/// libmdb's own console output mixed into the command's.
@Suite struct ArbinResCommandTests {
    static let source = Fixture.path("arbin/20160805_test001_45_cc_01.res")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-res-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test func infoNamesTheFormatAndImportWritesBattdat() throws {
        let info = try Coulomb.run(["info", Self.source, "--format", "json"])
        #expect(info.status == 0, "\(info.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as! [String: Any]
        #expect(document["format"] as? String == "arbin-res")
        let cell = (document["cells"] as! [[String: Any]])[0]
        #expect(cell["rows"] as? Int == 10_261)
        #expect(cell["cycles"] as? Int == 18)

        let output = folder.appendingPathComponent("res.h5").path
        let imported = try Coulomb.run(["import", Self.source, "-o", output])
        #expect(imported.status == 0, "\(imported.stderr)")
        let back = try Coulomb.run(["info", output, "--format", "json"])
        let again = try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as! [String: Any]
        #expect(again["format"] as? String == "battdat")
        let backCell = (again["cells"] as! [[String: Any]])[0]
        #expect(backCell["rows"] as? Int == 10_261)
        #expect(backCell["mass_g"] as? Double == cell["mass_g"] as? Double)
        #expect(backCell["time_span_s"] as? Double == cell["time_span_s"] as? Double)
    }

    /// Seeded mutations of the sample: cut at a random length (a third of the cases, on a page boundary or
    /// not) or with 1–64 bytes flipped, mostly in the first 64 pages where the catalog and table definitions
    /// sit. Each run ends by itself with status 0 (the damage missed what is read) or 1 with an error naming
    /// the file; stdout holds only the CSV.
    @Test(arguments: 0..<24)
    func damagedCopiesGiveNamedErrors(seed: Int) throws {
        // Knuth's multiplicative hash of (seed, k): the same bytes every run.
        func draw(_ k: Int, below bound: Int) -> Int { Int((UInt64(seed * 1000 + k + 1) &* 0x9E37_79B9_7F4A_7C15) >> 20) % bound }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.source)))
        if seed % 3 == 0 {
            var length = draw(0, below: bytes.count)
            if seed % 2 == 0 { length -= length % 4096 }
            bytes.removeSubrange(length...)
        } else {
            for k in 0..<[1, 4, 16, 64][seed % 4] {
                let position = draw(3 * k, below: k % 2 == 0 ? 64 * 4096 : bytes.count)
                bytes[position] ^= UInt8(1) << UInt8(draw(3 * k + 1, below: 8))
            }
        }
        let path = folder.appendingPathComponent("damaged-\(seed).res").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try Coulomb.run(["info", path, "--format", "csv"])
        #expect(result.status == 0 || result.status == 1)
        if result.status == 1 {
            #expect(result.stderr.contains("coulomb: error: \(path): "), "\(result.stderr.suffix(300))")
            #expect(result.stdout.isEmpty)
            // A damaged row is named by its place when its Data_Point is unreadable, never as "data point nan".
            #expect(!result.stderr.contains("data point nan"))
        } else {
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 2 && lines[0].hasPrefix("file,format,") && lines[1].contains(",arbin-res,"),
                    "\(result.stdout.prefix(300))")
        }
    }

    /// One byte found by fuzzing (page 342, offset 1,403,013 set to 105) sends libmdb 1.0 into an endless loop;
    /// the command stops its child at the time limit (10 s + 1 s per 2 MB) and says so.
    @Test func aParseThatHangsIsStopped() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.source)))
        bytes[1_403_013] = 105
        let path = folder.appendingPathComponent("loops.res").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let started = Date()
        let result = try Coulomb.run(["info", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(path): libmdb did not finish reading this MS Access database within 10 s and was stopped"))
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
