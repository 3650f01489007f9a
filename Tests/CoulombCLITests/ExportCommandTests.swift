import Foundation
import TestFixtures
import Testing

/// The commands on cycler and potentiostat exports (`Fixtures/exports/`, copies of real files), run as a
/// process.
@Suite struct ExportCommandTests {
    /// `info` names the format it detected from the content.
    @Test(arguments: [
        ("exampleDataBioLogic.mpt", "biologic-mpt", "BioLogic EC-Lab text export (.mpt)"),
        ("exampleDataGamry.DTA", "gamry-dta", "Gamry Framework impedance file (.DTA)"),
        ("exampleData.csv", "impedance-csv", "impedance CSV (frequency, Z', Z'')"),
        ("arbin_example.csv", "arbin-csv", "Arbin CSV export"),
        ("batmo_bdf.csv", "bdf-csv", "Battery Data Format CSV"),
        ("biol.mpr", "biologic-mpr", "BioLogic EC-Lab binary file (.mpr)"),
        ("exampleDataAutolab.txt", "autolab-txt", "Autolab FRA impedance export (Z60W text)"),
        ("exampleDataCHInstruments.txt", "chi-txt", "CH Instruments impedance export (A.C. Impedance text)"),
        ("exampleDataVersaStudio.par", "versastudio-par", "VersaStudio impedance file (.par)"),
        ("exampleDataPowersuite.txt", "powersuite-txt", "PowerSuite impedance export (Frequency, Zre, Zimg)"),
        ("exampleDataParstat.txt", "parstat-txt", "Parstat impedance export (text)"),
        ("pec.csv", "pec-csv", "PEC cycler CSV export"),
    ])
    func infoNamesTheFormat(name: String, format: String, summary: String) throws {
        let path = "Fixtures/exports/\(name)"
        let json = try Coulomb.run(["info", path, "--format", "json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == format)
        let table = try Coulomb.run(["info", path, "--format", "table"])
        #expect(table.stdout.hasPrefix("\(path): \(summary)\n"), "\(table.stdout)")
    }

    /// `cycles` on the Arbin CSV: capacities per instrument cycle as numpy's trapezoid of max(±I, 0) on the
    /// same rows (`Fixtures/cycling/reference.json`, read there by cellpy), within 0.01 % — Coulomb leaves
    /// out the rest intervals that numpy's plain trapezoid counts.
    @Test func cyclesOnAnArbinExport() throws {
        let result = try Coulomb.run(["cycles", "Fixtures/exports/arbin_example.csv", "--mode", "full", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let cycles = try #require(object["cycles"] as? [[String: Any]])
        let reference = try #require(Fixture.cyclingReference["arbin_csv_lfp_full"]?["per_cycle"] as? [[String: Any]])
        #expect(cycles.count == reference.count)
        for (cycle, expected) in zip(cycles, reference) {
            let numpy = try #require(expected["numpy"] as? [String: Any])
            #expect(cycle["cycle"] as? Int == expected["cycle_number"] as? Int)
            for key in ["charge_capacity_mAh", "discharge_capacity_mAh"] {
                let actual = try #require(cycle[key] as? Double), wanted = try #require(numpy[key] as? Double)
                #expect(abs(actual / wanted - 1) < 1e-4, "cycle \(expected["cycle_number"]!) \(key): \(actual) vs \(wanted)")
            }
        }
    }

    /// `fit` on an instrument's export reaches impedance.py's best RSS for `R0-p(R1,CPE1)` on the same file
    /// (unit weighting, `Fixtures/impedance/reference.json`, where impedance.py's readers read it as test id
    /// `testID`), within the 0.1 % the fitter promises, on the points that rule leaves after the inductive tail.
    @Test(arguments: [("exampleDataZPlot.z", 2, 21), ("exampleDataAutolab.txt", 4, 35), ("exampleDataVersaStudio.par", 6, 59),
                      ("exampleDataParstat.txt", 8, 21)])
    func fitOnAnImpedanceExport(name: String, testID: Int, fittedPoints: Int) throws {
        let result = try Coulomb.run(["fit", "Fixtures/exports/\(name)", "--circuit", "R0-p(R1,CPE1)",
                                      "--weight", "unit", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let fit = try #require((object["fits"] as? [[String: Any]])?.first)
        let reference = try #require(Fixture.impedanceReference.first { $0["test_id"] as? Int == testID })
        let expected = try #require((reference["fits"] as? [String: [String: Any]])?["R0-p(R1,CPE1)"])
        let rss = try #require(fit["rss_ohm2"] as? Double), expectedRSS = try #require(expected["rss_ohm2"] as? Double)
        #expect(reference["n_points"] as? Int == fittedPoints + (reference["n_excluded_inductive"] as? Int ?? -1))
        #expect(fit["fitted_points"] as? Int == fittedPoints)
        #expect(rss <= expectedRSS * 1.001, "RSS \(rss) vs impedance.py \(expectedRSS)")
    }
}
