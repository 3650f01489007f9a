import Foundation
import TestFixtures
import Testing

/// `coulomb batch` and `coulomb merge`, run as processes over the committed fixtures.
@Suite struct BatchCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-batch-\(UUID().uuidString)")
    /// The simulated symmetric cells (one with NaN voltage), a truncated file, a cellpy file and the spectra.
    static let inputs = ["Fixtures/symmetric/*.h5", "Fixtures/bad/truncated.h5", "Fixtures/formats/cellpy_rate_cut.h5",
                         "Fixtures/battdat/eis_spectra.h5"]

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    static func table(_ csv: String) -> (header: [String], rows: [[String: String]]) {
        let lines = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // Fields with commas (error messages, notes) are quoted and hold no quotes of their own here.
        let rows = lines.dropFirst().map { line -> [String: String] in
            var fields: [String] = [], field = "", quoted = false
            for character in line {
                if character == "\"" { quoted.toggle() } else if character == ",", !quoted { fields.append(field); field = "" } else { field.append(character) }
            }
            fields.append(field)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
        return (header, rows)
    }

    /// Bad files are rows with their error, listed again on stderr at the end, and the exit status is 1;
    /// every other file is analysed, and the CCD verdicts equal the simulator's truth.
    @Test func badFilesAreListedAndTheOthersAnalysed() throws {
        let output = folder.appendingPathComponent("all.csv").path
        let result = try Coulomb.run(["batch"] + Self.inputs + ["-o", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("coulomb: warning: 2 of 18 files failed:\n  Fixtures/bad/truncated.h5: cannot open the file (truncated or damaged?)"))
        #expect(result.stderr.contains("\n  Fixtures/symmetric/bad_nan_voltage.h5: /raw_data: column 'voltage', row 147: value nan is not a finite number"))
        let (_, rows) = Self.table(try String(contentsOfFile: output, encoding: .utf8))
        #expect(rows.count == 18)
        #expect(rows.filter { $0["status"] == "failed" }.map { $0["file"]! } == ["Fixtures/bad/truncated.h5", "Fixtures/symmetric/bad_nan_voltage.h5"])
        for name in Fixture.symmetricTruth.keys where name.hasPrefix("ccd_") {
            let truth = Fixture.symmetricTruth[name]!["failure"] as? [String: Any]
            let row = try #require(rows.first { $0["file"] == "Fixtures/symmetric/\(name)" })
            #expect(row["status"] == "ok")
            // The truth names the signature; the verdict's failure is hard_short, or soft_short for the others.
            let kind = truth?["kind"] as? String ?? "none"
            #expect(row["failure"] == (["none", "hard_short"].contains(kind) ? kind : "soft_short"), "\(name)")
            if let level = truth?["onset_level_mA_cm2"] as? Double {
                #expect(abs(Double(row["onset_level_mA_cm2"]!)! - level) < 1e-9, "\(name)")
                #expect(abs(Double(row["failure_level_mA_cm2"]!)! - level) < 1e-9, "\(name)")
                // Within what the onset level passes in two samples, as in SymmetricFixtureTests.
                let sampling = (Fixture.symmetricTruth[name]!["sampling_s"] as! NSNumber).doubleValue
                let before = (truth?["cumulative_q_before_onset_mAh_cm2"] as! NSNumber).doubleValue
                #expect(abs(Double(row["cumulative_areal_capacity_mAh_cm2"]!)! - before) <= level * 2 * sampling / 3600 + 1e-6, "\(name)")
            }
            #expect(row["ccd_protocol"] == Fixture.symmetricTruth[name]!["protocol"] as? String, "\(name)")
        }
        let cellpy = try #require(rows.first { $0["format"] == "cellpy" })
        #expect(cellpy["ce_convention"] == "anode" && cellpy["complete_cycles"] == "3")
    }

    @Test func shardsMergedEqualTheUnshardedRun() throws {
        let whole = folder.appendingPathComponent("whole.csv").path
        _ = try Coulomb.run(["batch"] + Self.inputs + ["--circuit", "R0-p(R1,CPE1)", "-o", whole])
        var shards: [String] = []
        for k in 1...2 {
            let shard = folder.appendingPathComponent("shard\(k).csv").path
            let result = try Coulomb.run(["batch"] + Self.inputs + ["--circuit", "R0-p(R1,CPE1)", "--shard", "\(k)/2", "-o", shard])
            #expect(result.status == 1)  // each shard holds one of the bad files
            shards.append(shard)
        }
        let first = Self.table(try String(contentsOfFile: shards[0], encoding: .utf8)).rows.map { $0["file"]! }
        let second = Self.table(try String(contentsOfFile: shards[1], encoding: .utf8)).rows.map { $0["file"]! }
        #expect(!first.isEmpty && !second.isEmpty && Set(first).isDisjoint(with: second))
        let merged = folder.appendingPathComponent("merged.csv").path
        let result = try Coulomb.run(["merge"] + shards + ["-o", merged])
        #expect(result.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: whole)))
    }

    @Test func mergeRefusesShardsRunWithOtherSettings() throws {
        let a = folder.appendingPathComponent("a.csv").path, b = folder.appendingPathComponent("b.csv").path
        _ = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "-o", a])
        _ = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "--analyses", "cycles", "-o", b])
        let result = try Coulomb.run(["merge", a, b])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("coulomb: error: \(b): has other columns than \(a)"))
    }

    /// A glob pattern that matches nothing is an error naming it, so a cluster job never "succeeds" having
    /// done nothing: alone, nothing is written; beside real files, they are still analysed and written.
    @Test func aPatternThatMatchesNothingIsAnError() throws {
        let missing = "Fixtures/no_such_folder/*.h5"
        let alone = folder.appendingPathComponent("alone.csv").path
        let result = try Coulomb.run(["batch", missing, "-o", alone])
        #expect(result.status == 1)
        #expect(result.stderr.contains("coulomb: error: no file matches '\(missing)'"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: alone))

        let beside = folder.appendingPathComponent("beside.csv").path
        let mixed = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", missing, "Fixtures/symmetric/ccd_*.h5", "-o", beside])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("coulomb: error: no file matches '\(missing)'"), "\(mixed.stderr)")
        let (_, rows) = Self.table(try String(contentsOfFile: beside, encoding: .utf8))
        let ccdFiles = Fixture.symmetricTruth.keys.filter { $0.hasPrefix("ccd_") && $0.hasSuffix(".h5") }
        #expect(!ccdFiles.isEmpty)
        #expect(Set(rows.map { $0["file"]! }) == Set(["Fixtures/battdat/eis_spectra.h5"] + ccdFiles.map { "Fixtures/symmetric/\($0)" }))
        #expect(rows.allSatisfy { $0["status"] == "ok" })
    }

    @Test(arguments: [
        (["batch", "x.h5", "--analyses", "cycles,dance"], "unknown analysis 'dance'"),
        (["batch", "x.h5", "--analyses", "fit"], "the fit analysis needs --circuit"),
        (["batch", "x.h5", "--shard", "3/2"], "--shard"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try Coulomb.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
