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
            + "converged,suspect,iterations,fitted_points,excluded_points,error,warnings,R1_tau_s,R1_C_eff_F,R1_assignment,"
            + "R1_C_hsu_mansfeld_F,R1_C_brug_F,kk_valid,kk_max_residual_pct,kk_series_capacitance"
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
        // Hsu–Mansfeld and Brug from the simulation's parameters (closed form; the fit recovers them to 1e-6,
        // so 1e-5 relative). C_HM = (R^(1−n)Q)^(1/n) ≈ 5.9e-7 F puts the arc in the interface class, so Brug's
        // C = (Q(1/R_s + 1/R)^(n−1))^(1/n) with R_s = R0 is there too. The lin-KK verdict sits beside each fit:
        // noise-free and Kramers–Kronig compliant, valid; the 3-point spectrum cannot be tested (blank).
        let (r0, r1, q, n) = (20.0, 500.0, 2e-6, 0.85)
        let hsuMansfeld = pow(pow(r1, 1 - n) * q, 1 / n), brug = pow(q * pow(1 / r0 + 1 / r1, n - 1), 1 / n)
        for good in [fits[0], fits[2]] {
            #expect(abs((good["R1_C_hsu_mansfeld_F"] as! Double) - hsuMansfeld) <= 1e-5 * hsuMansfeld)
            #expect(good["R1_C_eff_F"] as? Double == good["R1_C_hsu_mansfeld_F"] as? Double)
            #expect(good["R1_assignment"] as? String == "interface")
            #expect(abs((good["R1_C_brug_F"] as! Double) - brug) <= 1e-5 * brug, "\(good["R1_C_brug_F"]!) vs \(brug)")
            #expect(good["kk_valid"] as? Bool == true && (good["kk_max_residual_pct"] as! Double) < 1)
            #expect(good["kk_series_capacitance"] as? Bool == false)
        }
        #expect(fits[3]["kk_valid"] is NSNull && fits[1]["kk_valid"] is NSNull)
        let kk = try Coulomb.run(["kk", file, "--format", "csv"])
        #expect(kk.status == 0 && kk.stdout.contains("\n1,0,,,,false,"))
    }

    @Test func kkReportsEverySpectrum() throws {
        let result = try Coulomb.run(["kk", Self.spectra, "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }
        let header = "spectrum,M,mu,max_residual_real_pct,max_residual_imag_pct,valid,error,"
            + "series_capacitance,series_capacitance_F,series_inductance_H"
        #expect(lines.first.map(String.init) == header)
        #expect(lines.count == 5)
    }

    /// Brug's capacitance is only for interface arcs: with classes that make the same arc a grain boundary
    /// (C_HM ≈ 5.9e-7 F below 1e-5 F) it is blank, unless `--interface R1` names the arc an interface.
    @Test func brugIsForInterfaceArcsOnly() throws {
        let file = "Fixtures/bad/eis_one_bad_spectrum.h5"
        let arguments = ["fit", file, "--circuit", "R0-p(R1,CPE1)", "--spectra", "0", "--format", "json",
                         "--capacitance-classes", "bulk=1e-11,grain_boundary=1e-5,interface"]
        func fit(_ extra: [String]) throws -> [String: Any] {
            let result = try Coulomb.run(arguments + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return ((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any])["fits"] as! [[String: Any]])[0]
        }
        let plain = try fit([])
        #expect(plain["R1_assignment"] as? String == "grain_boundary" && plain["R1_C_brug_F"] is NSNull)
        let named = try fit(["--interface", "R1", "--area-cm2", "1"])
        #expect(named["R1_C_brug_F"] as? Double != nil)
    }

    /// Weighting aliases say the formula: `inverse-modulus-squared` is `boukamp` (the same fit, and the output
    /// keeps the canonical name), `inverse-modulus` is `modulus`; `--help` gives a sentence with the formula each.
    @Test func weightingAliasesAndHelp() throws {
        let base = ["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--spectra", "1", "--format", "csv"]
        for (alias, name) in [("inverse-modulus-squared", "boukamp"), ("inverse-modulus", "modulus")] {
            let aliased = try Coulomb.run(base + ["--weight", alias]), canonical = try Coulomb.run(base + ["--weight", name])
            #expect(aliased.status == 0 && aliased.stdout == canonical.stdout)
            #expect(aliased.stdout.contains("# weighting: \(name)\n"))
        }
        let help = try Coulomb.run(["fit", "--help"])
        for sentence in ["modulus (alias inverse-modulus): w' = w'' = 1/|Z|", "boukamp (alias inverse-modulus-squared): w' = w'' = 1/|Z|^2",
                         "proportional: w' = 1/Z'^2, w'' = 1/Z''^2", "unit: w' = w'' = 1."] {
            #expect(help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(sentence), "\(sentence)")
        }
    }

    /// The blocking-electrode spectrum (Fixtures/make_kk_and_sweep_fixtures.py): `kk` adds the series
    /// capacitance and calls it valid, and says so in its new columns; forced off, it is not valid (impedance.py
    /// without add_cap: 48 %). `fit` shows the same verdict beside the fit.
    @Test func blockingSpectrumIsValidWithSeriesCapacitance() throws {
        let file = Fixture.path("impedance/blocking_au_se_au.csv")
        let kk = try Coulomb.run(["kk", file, "--format", "json"])
        let row = ((try JSONSerialization.jsonObject(with: Data(kk.stdout.utf8)) as! [String: Any])["spectra"] as! [[String: Any]])[0]
        #expect(row["valid"] as? Bool == true && row["series_capacitance"] as? Bool == true)
        #expect((row["series_capacitance_F"] as? Double).map { $0 > 1e-6 && $0 < 4e-6 } == true)
        let off = try Coulomb.run(["kk", file, "--series-capacitance", "off", "--format", "json"])
        let offRow = ((try JSONSerialization.jsonObject(with: Data(off.stdout.utf8)) as! [String: Any])["spectra"] as! [[String: Any]])[0]
        #expect(offRow["valid"] as? Bool == false && offRow["series_capacitance"] as? Bool == false)
        let fit = try Coulomb.run(["fit", file, "--circuit", "R0-p(R1,CPE1)-CPE2", "--format", "json"])
        let fitRow = ((try JSONSerialization.jsonObject(with: Data(fit.stdout.utf8)) as! [String: Any])["fits"] as! [[String: Any]])[0]
        #expect(fitRow["kk_valid"] as? Bool == true && fitRow["kk_series_capacitance"] as? Bool == true)
    }

    /// `--initial-from` reads a fit's own CSV output — comment lines, quoted fields and all — and a
    /// file without a `spectrum` column is refused naming its header line.
    @Test func initialValuesComeFromAFitsOwnOutput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-initial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first.csv").path
        #expect(try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "-o", first]).status == 0)
        // A warning with a comma in it, quoted as RFC 4180 has it, must not shift the columns.
        var text = try String(contentsOfFile: first, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first { !$0.hasPrefix("#") })
        let warnings = try #require(header.split(separator: ",").firstIndex(of: "warnings"))
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard !line.hasPrefix("#"), line != header, !line.isEmpty else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[warnings] = "\"a warning, with a comma\""
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
        let edited = folder.appendingPathComponent("edited.csv").path
        try text.write(toFile: edited, atomically: true, encoding: .utf8)
        let again = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--initial-from", edited, "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        let rows = (try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as! [String: Any])["fits"] as! [[String: Any]]
        let before = try fitRows(first)
        #expect(rows.count == before.count && rows.count > 1)
        // Started at its own minimum, each fit that converged before ends there again (to 1e-6: the
        // optimiser's own tolerance, far below the parameters' standard errors).
        for (row, old) in zip(rows, before) where old["converged"] == "true" {
            let r1 = try #require(row["R1"] as? Double), expected = try #require(Double(old["R1"] ?? ""))
            #expect(row["converged"] as? Bool == true && abs(r1 - expected) <= 1e-6 * expected, "\(r1) vs \(expected)")
        }

        let bad = folder.appendingPathComponent("bad.csv").path
        try "id,R0\n1,20\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try Coulomb.run(["fit", Self.spectra, "--circuit", "R0-p(R1,CPE1)", "--initial-from", bad])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(bad): line 1: no spectrum column; looked for 'spectrum' among 'id', 'R0'"), "\(refused.stderr)")
    }

    /// The rows of a CSV `coulomb fit` wrote, by column name; a row with a quoted field (a warning
    /// holding a comma) is given as empty, so no split field lands in the wrong column.
    private func fitRows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            guard !line.contains("\"") else { return [:] }
            return Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}
