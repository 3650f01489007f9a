import Foundation
import Testing
import TestFixtures

@Suite struct ImpedanceCommandTests {
    static let spectra = Fixture.path("battdat/eis_spectra.h5")

    /// Usage errors point at the character of the circuit to blame and exit with argument-parser's 64.
    @Test(arguments: [
        ("R0-p(R1,CPE1", "p( is never closed at character 4"),
        ("R0-X1", "unknown element 'X1'"),
        ("R0-p(R1,CPE1))", "unbalanced ')' at character 14"),
    ])
    func badCircuitsAreUsageErrors(circuit: String, message: String) throws {
        let result = try Coulomb.run(["fit", Self.spectra, "--circuit", circuit])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func negativeAreaAndUnknownParameterAreRefused() throws {
        let area = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--area-cm2=-1"])
        #expect(area.status == 64 && area.stderr.contains("--area-cm2 must be a positive number"))
        let name = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--initial", "R7=3"])
        #expect(name.status == 64 && name.stderr.contains("has no parameter 'R7'"))
        let interface = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--interface", "CPE1_Q"])
        #expect(interface.status == 64 && interface.stderr.contains("'CPE1_Q' is not a resistor"))
    }

    @Test func unknownSpectrumIdIsNamed() throws {
        let result = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--spectra", "7"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no spectrum with test id 7 (it has 4: 0-3)"), "\(result.stderr)")
    }

    /// One row per spectrum with the documented columns; the CSV reads back with the values the JSON has.
    @Test func csvAndJsonCarryTheDocumentedColumns() throws {
        let csv = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--spectra", "1-2", "--format", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }
        let header = "spectrum,R0,R0_stderr,R1,R1_stderr,CPE1_Q,CPE1_Q_stderr,CPE1_n,CPE1_n_stderr,rss_ohm2,chi_square,"
            + "converged,suspect,iterations,fitted_points,excluded_points,error,warnings,R1_tau_s,R1_C_eff_F,R1_assignment"
        #expect(lines.first.map(String.init) == header)
        #expect(lines.count == 3)
        #expect(csv.stdout.contains("# circuit: R0-p(R1,CPE1)\n# weighting: boukamp\n"))
        let json = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--spectra", "1", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let fits = object["fits"] as! [[String: Any]]
        #expect(fits.count == 1 && fits[0]["spectrum"] as? Double == 1)
        #expect(fits[0]["converged"] as? Bool == true)
        #expect(fits[0]["suspect"] as? Bool == false)
    }

    /// `-o` refuses to replace a file without --force (the `.h5` table's contents are checked with pandas
    /// by `make roundtrip`).
    /// JSON has no infinity: a time constant that is infinite (R1 at its upper bound on the CH Instruments
    /// spectrum, test id 5) is null, and the rest of the document is still there.
    @Test func infiniteValuesAreNullInJSON() throws {
        let result = try Coulomb.run(["fit", Fixture.path("impedance/real_spectra.h5"), "--circuit", "R0-p(R1,CPE1)",
                                      "--weight", "unit", "--spectra", "5", "--format", "json"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let fit = try #require((document["fits"] as? [[String: Any]])?.first)
        #expect(fit["R1_tau_s"] is NSNull)
        #expect((fit["R1"] as? Double).map { $0 > 1e300 } == true)
    }

    @Test func outputFilesAreAtomicAndGuarded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-fit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("fits.h5").path
        let first = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "-o", out])
        #expect(first.status == 0 && first.stdout == "wrote \(out): 4 of 4 spectra fitted\n")
        let again = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "-o", out])
        #expect(again.status != 0 && again.stderr.contains("--force"))
    }

    /// In a batch, an unreadable spectrum (a NaN frequency) and one too short to fit are rows with their
    /// errors; the two good ones are fitted to the impedance.py simulation's parameters (noise-free, 1e-6).
    @Test func batchReportsBadSpectraAndFitsTheRest() throws {
        let file = "Fixtures/bad/eis_one_bad_spectrum.h5"
        let result = try Coulomb.run(["fit", file, "--circuit", "R0-p(R1,CPE1)", "--format", "json"])
        #expect(result.status == 0)
        let fits = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any])["fits"] as! [[String: Any]]
        #expect(fits.map { $0["spectrum"] as? Double } == [0, 1, 2, 3])
        for good in [fits[0], fits[2]] {
            for (name, truth) in [("R0", 20.0), ("R1", 500), ("CPE1_Q", 2e-6), ("CPE1_n", 0.85)] {
                #expect(abs((good[name] as! Double) - truth) <= 1e-6 * truth)
            }
        }
        #expect(fits[1]["error"] as? String == "\(file): /eis_data: test_id 1: column 'frequency', row 34: frequency nan Hz is not a finite positive number")
        #expect(fits[3]["error"] as? String == "3 point(s) cannot determine the 4 free parameters of R0-p(R1,CPE1)")
        #expect(result.stderr.split(separator: "\n").count == 2)
        let kk = try Coulomb.run(["kk", file, "--format", "csv"])
        #expect(kk.status == 0 && kk.stdout.contains("\n1,0,,,,false,"))
    }

    @Test func kkReportsEverySpectrum() throws {
        let result = try Coulomb.run(["kk", Self.spectra, "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }
        #expect(lines.first == "spectrum,M,mu,max_residual_real_pct,max_residual_imag_pct,valid,error")
        #expect(lines.count == 5)
    }
}
