import Foundation
import TestFixtures
import Testing

/// The commands on the impedance formats pyimpspec reads and on drift-corrected Gamry files
/// (`Fixtures/eis_formats/`), run as a process.
@Suite struct ImpedanceFormatCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-cli-eis-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static let formats = [
        ("data.pssession", "palmsens-pssession", "PalmSens PSTrace session (.pssession)", 1),
        ("data.ids", "ivium-ids", "Ivium impedance file (.ids/.idf)", 2),
        ("data.idf", "ivium-ids", "Ivium impedance file (.ids/.idf)", 1),
        ("data.dfr", "ecochemie-dfr", "Eco Chemie impedance file (.dfr)", 1),
        ("data.i2b", "elchemea-i2b", "Elchemea Analytical impedance file (.i2b)", 1),
        ("data.P00", "p00", "impedance text file (.P00: f/Hz, Z'/Ohm, -Z''/Ohm)", 1),
        ("gamry_drift_corrected.DTA", "gamry-dta", "Gamry Framework impedance file (.DTA)", 1),
    ]

    /// `info` names the format; `import` writes battdat HDF5 that `info` reads back with the same spectra
    /// count, and a fit of the imported file equals the fit of the original (the same points, so the same
    /// deterministic fit, to the last printed digit).
    @Test(arguments: formats)
    func infoImportAndFitWork(name: String, format: String, summary: String, spectra: Int) throws {
        let path = "Fixtures/eis_formats/\(name)"
        let table = try Coulomb.run(["info", path, "--format", "table"])
        #expect(table.status == 0)
        #expect(table.stdout.hasPrefix("\(path): \(summary)\n"), "\(table.stdout)")
        let info = try Coulomb.run(["info", path, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == format)

        let output = folder.appendingPathComponent("\(name).h5").path
        let imported = try Coulomb.run(["import", path, "-o", output])
        #expect(imported.status == 0, "\(imported.stderr)")
        let back = try Coulomb.run(["info", output, "--format", "json"])
        let backObject = try #require(try JSONSerialization.jsonObject(with: Data(back.stdout.utf8)) as? [String: Any])
        #expect(backObject["format"] as? String == "battdat")
        let cells = try #require(backObject["cells"] as? [[String: Any]])
        #expect(cells.first?["spectra"] as? Int == spectra)

        let circuit = "R0-p(R1,CPE1)-p(R2,CPE2)"
        let original = try Coulomb.run(["fit", path, "--circuit", circuit, "--format", "csv"])
        let again = try Coulomb.run(["fit", output, "--circuit", circuit, "--format", "csv"])
        #expect(original.status == 0, "\(original.stderr)")
        // Comment lines (`# file: …`) name the file; the header and the rows must be equal.
        let rows = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("#") } }
        #expect(rows(original.stdout).count == spectra + 1)
        #expect(rows(original.stdout) == rows(again.stdout))
    }

    /// The drift-corrected Gamry file's AREA (0.785 cm²) is the cell's area: `info` gives its source and the
    /// note on the columns read, it survives `import`, and `fit --interface R1` gives ASR = R1·A/2 without
    /// `--area-cm2` (the file gives no cell type, so fit takes the symmetric convention, and says so).
    @Test func gamryHeaderAreaFlowsIntoInfoImportAndASR() throws {
        let path = "Fixtures/eis_formats/gamry_drift_corrected.DTA"
        let info = try Coulomb.run(["info", path, "--format", "json"])
        let cell = try #require((try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])?["cells"]
                                as? [[String: Any]]).first
        #expect(cell?["area_cm2"] as? Double == 0.785)
        let card = cell?["cell_card"] as? [String: [String: Any]]
        #expect(card?["area_cm2"]?["source"] as? String == "Gamry .DTA header AREA")
        #expect((cell?["notes"] as? [String])?.first?.contains("ZrealDrCor and ZimagDrCor") == true)
        let table = try Coulomb.run(["info", path, "--format", "table"])
        #expect(table.stdout.contains("note: impedance from Gamry's drift-corrected columns"))

        let output = folder.appendingPathComponent("gamry.h5").path
        #expect(try Coulomb.run(["import", path, "-o", output]).status == 0)
        let back = try Coulomb.run(["info", output, "--format", "csv"])
        #expect(back.stdout.split(separator: "\n").dropFirst().first?.split(separator: ",", omittingEmptySubsequences: false)[9] == "0.785")

        let fit = try Coulomb.run(["fit", path, "--circuit", "R0-p(R1,CPE1)-p(R2,CPE2)", "--interface", "R1", "--format", "json"])
        #expect(fit.status == 0, "\(fit.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as? [String: Any])
        let row = try #require((object["fits"] as? [[String: Any]])?.first)
        let r1 = try #require(row["R1"] as? Double), asr = try #require(row["R1_asr_ohm_cm2"] as? Double)
        #expect(abs(asr - r1 * 0.785 / 2) <= 1e-12 * asr)
        #expect((object["asr"] as? String)?.hasPrefix("per interface = R*A/2") == true)
    }
}
