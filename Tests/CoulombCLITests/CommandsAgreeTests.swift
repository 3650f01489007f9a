import Foundation
import Testing
import TestFixtures

/// `fit`, `batch`, `report` and `plot arrhenius` run one core analysis (`ImpedanceAnalysis`), so the
/// same flags give the same numbers in all four. Exact equality where two commands print full precision
/// (fit and batch JSON); the report's four significant figures and the plot's meV where they round.
@Suite struct CommandsAgreeTests {
    static let circuit = "R0-p(R1,CPE1)"

    private func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try Coulomb.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Thirteen measured spectra of dummy cells (noise, an inductive tail): the fits that warm-start from
    /// their neighbours come out bit for bit the same in `fit` and in `batch`.
    @Test(arguments: ["Fixtures/impedance/real_spectra.h5", "Fixtures/impedance/arrhenius_spectra.h5"])
    func fitAndBatchGiveTheSameParameters(file: String) throws {
        let fits = try #require(try json(["fit", file, "--circuit", Self.circuit])["fits"] as? [[String: Any]])
        let cells = try #require(try json(["batch", file, "--analyses", "fit", "--circuit", Self.circuit])["cells"] as? [[String: Any]])
        let row = try #require(cells.first)
        for name in ["R0", "R1", "CPE1_Q", "CPE1_n"] {
            #expect(row["\(name)_first"] as? Double == fits.first?[name] as? Double, "\(name) first")
            #expect(row["\(name)_last"] as? Double == fits.last?[name] as? Double, "\(name) last")
        }
    }

    /// The report prints the ASR `fit` computes (R·A/2 in this symmetric cell), to four figures.
    @Test func reportShowsTheASRThatFitComputes() throws {
        let file = "Fixtures/impedance/arrhenius_spectra.h5"
        let fits = try #require(try json(["fit", file, "--circuit", Self.circuit, "--interface", "R1"])["fits"] as? [[String: Any]])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-agree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html").path
        let result = try Coulomb.run(["report", file, "--circuit", Self.circuit, "--interface", "R1", "-o", page])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        for fit in fits {
            let asr = try #require(fit["R1_asr_ohm_cm2"] as? Double)
            #expect(html.contains("<td class=\"n\">\(Self.fourFigures(asr))</td>"), "ASR \(asr)")
        }
    }

    /// The report's cycle table is `coulomb cycles`' columns: the same rows, each shown column as the command
    /// writes it (see `expectAgreement`).
    @Test func reportCycleTableIsTheCyclesCommands() throws {
        let file = "Fixtures/hdf5_columns/si_half_cell.h5"
        let (headings, rows) = try reportTable("cell0-cycles", of: file)
        #expect(Array(headings.prefix(6)) == ["cycle", "complete", "charge (mAh)", "discharge (mAh)", "CE (%)", "retention (%)"])
        // The page's headings and the CSV columns they stand for.
        try expectAgreement(headings, rows, ["cycles", file], columns: [
            "cycle": "cycle", "complete": "complete", "charge (mAh)": "charge_capacity_mAh",
            "discharge (mAh)": "discharge_capacity_mAh", "CE (%)": "coulombic_efficiency_pct", "retention (%)": "retention_pct",
            "charge (mAh/g)": "charge_capacity_mAh_g", "discharge (mAh/g)": "discharge_capacity_mAh_g",
        ])
    }

    /// The report's current-density levels are `coulomb ccd`'s columns.
    @Test func reportLevelTableIsTheCcdCommands() throws {
        let file = "Fixtures/symmetric/ccd_time_hard_short.h5"
        let (headings, rows) = try reportTable("cell0-levels", of: file)
        try expectAgreement(headings, rows, ["ccd", file], columns: [
            "j (mA/cm²)": "current_density_mA_cm2", "half-cycles": "half_cycles", "mAh/cm² each": "areal_capacity_mAh_cm2",
            "overpotential (V)": "overpotential_V", "status": "status", "reasons": "reasons",
        ], words: ["status", "reasons"])
    }

    /// Without a circuit, the report's lin-KK table and DRT peaks are `coulomb kk`'s and `coulomb drt`'s columns.
    @Test func reportSpectrumTablesAreKkAndDrts() throws {
        let file = "Fixtures/battdat/eis_spectra.h5"
        let kk = try reportTable("cell0-kk", of: file)
        try expectAgreement(kk.headings, kk.rows, ["kk", file], columns: [
            "spectrum": "spectrum", "M": "M", "μ": "mu", "max residual re (%)": "max_residual_real_pct",
            "max residual im (%)": "max_residual_imag_pct", "valid": "valid", "series C": "series_capacitance", "error": "error",
        ], words: ["error"])
        let drt = try reportTable("cell0-drt-peaks", of: file)
        try expectAgreement(drt.headings, drt.rows, ["drt", file], columns: [
            "spectrum": "spectrum", "peak": "peak", "τ (s)": "tau_s", "f (Hz)": "frequency_Hz", "R (Ω)": "R_ohm",
            "C_eff (F)": "C_F", "class": "assignment", "n": "n", "error": "error",
        ], words: ["assignment", "error"])
    }

    /// The headings and cells of the table `id` of `coulomb report FILE`'s page, markup and escapes left in.
    private func reportTable(_ id: String, of file: String) throws -> (headings: [String], rows: [[String]]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-agree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html").path
        let result = try Coulomb.run(["report", file, "-o", page])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let start = try #require(html.range(of: "<table id=\"\(id)\">"))
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let cells = { (line: Substring, tag: String) in
            line.components(separatedBy: "</\(tag)>").dropLast().map { String($0[$0.range(of: ">", options: .backwards)!.upperBound...]) }
        }
        let table = html[start.upperBound..<end.lowerBound].split(separator: "\n")
        return (cells(table[0], "th"), table.dropFirst().filter { $0.hasPrefix("<tr>") }.map { cells($0, "td") })
    }

    /// The page's rows are the command's CSV rows: in each shown column (`columns`: heading → CSV column)
    /// the number the command writes in full, printed to four significant figures (so within half a unit
    /// of the fourth figure: a relative 5e-4), a missing one a dash where the CSV is empty; in the columns
    /// of `words` the same words, a list's `;` written `, `.
    private func expectAgreement(_ headings: [String], _ rows: [[String]], _ command: [String], columns: [String: String],
                                 words: Set<String> = []) throws {
        let csv = try Coulomb.run(command + ["--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(Self.fields)
        let header = try #require(lines.first)
        #expect(rows.count == lines.count - 1 && rows.count > 1)
        for (row, line) in zip(rows, lines.dropFirst()) {
            for (position, heading) in headings.enumerated() {
                let name = try #require(columns[heading], "\(heading)")
                let expected = line[try #require(header.firstIndex(of: name))]
                if words.contains(name) {
                    #expect(row[position] == expected.replacingOccurrences(of: ";", with: ", "), "\(heading)")
                } else if let number = Double(expected) {
                    let shown = try #require(Double(row[position]), "\(heading): \(row[position])")
                    #expect(abs(shown - number) <= 5e-4 * abs(number), "\(heading): \(shown) vs \(number)")
                } else {
                    #expect(row[position] == (expected.isEmpty ? "—" : expected), "\(heading)")
                }
            }
        }
    }

    /// The fields of one CSV line as RFC 4180 quotes them (a field in double quotes may hold commas, a
    /// doubled quote is one quote); the commands write no line breaks inside a field.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], field = "", quoted = false, previous: Character? = nil
        for character in line {
            switch (character, quoted) {
            case ("\"", false): quoted = true; if previous == "\"" { field.append("\"") }
            case ("\"", true): quoted = false
            case (",", false): fields.append(field); field = ""
            default: field.append(character)
            }
            previous = character
        }
        return fields + [field]
    }

    /// `plot arrhenius` states the activation energy of σ = d/(R·A) that `fit` reports for R0 (the same
    /// slope), to the meV.
    @Test func arrheniusPlotStatesTheActivationEnergyOfFit() throws {
        let file = "Fixtures/impedance/arrhenius_spectra.h5"
        let summary = try json(["fit", file, "--circuit", Self.circuit, "--thickness-cm", "0.1"])
        let energy = try #require(summary["R0_activation_energy_eV"] as? Double)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-agree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let figure = folder.appendingPathComponent("arrhenius.svg").path
        let result = try Coulomb.run(["plot", "arrhenius", file, "--circuit", Self.circuit, "--resistance", "R0",
                                      "--thickness-cm", "0.1", "-o", figure])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: figure, encoding: .utf8)
        #expect(svg.contains("Eₐ = \(String(format: "%.3f", energy))"), "Eₐ \(energy)")
    }

    /// Four significant figures without trailing zeros, as the report writes a number of this size.
    static func fourFigures(_ value: Double) -> String {
        let decimals = max(0, 3 - Int(log10(abs(value)).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
