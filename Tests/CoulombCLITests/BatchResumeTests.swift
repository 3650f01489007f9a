import Foundation
import TestFixtures
import Testing

/// `coulomb batch --resume`, `--status-jsonl` and `--shard auto`, run as processes: a run cut short and
/// resumed writes the uninterrupted run's table, byte for byte, in CSV and HDF5.
@Suite struct BatchResumeTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-resume-\(UUID().uuidString)")
    static let inputs = ["Fixtures/symmetric/ccd_*.h5", "Fixtures/bad/truncated.h5", "Fixtures/battdat/eis_spectra.h5",
                         "Fixtures/hdf5_columns/si_half_cell.h5", "Fixtures/exports/maccor_002.txt"]

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A kill leaves the journal with some files committed and the last line torn, and no output; the same
    /// command with --resume analyses only the rest and writes what the uninterrupted run wrote.
    @Test(arguments: ["csv", "h5"])
    func aResumedRunWritesTheUninterruptedTable(kind: String) throws {
        let whole = path("whole.\(kind)"), cut = path("cut.\(kind)")
        let first = try Coulomb.run(["batch"] + Self.inputs + ["--jobs", "2", "-o", whole])
        #expect(first.status == 1)  // the truncated file
        let second = try Coulomb.run(["batch"] + Self.inputs + ["-o", cut])
        #expect(second.status == 1)
        // Undo the end of the second run: keep the header and three files, tear the fourth, drop the output.
        let journal = cut + ".journal"
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 12)
        try (lines.prefix(4).joined(separator: "\n") + "\n" + lines[4].prefix(30)).write(toFile: journal, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: cut)

        let status = path("status.jsonl")
        let resumed = try Coulomb.run(["batch"] + Self.inputs + ["--resume", "--status-jsonl", status, "-o", cut])
        #expect(resumed.status == 1)
        #expect(resumed.stdout.contains("from 12 files (3 from the journal)"), "\(resumed.stdout)")
        #expect(try bytes(cut) == bytes(whole))
        // One status line per file, resumed ones included; the bad file failed, with its error.
        let records = try String(contentsOfFile: status, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(records.count == 12 && Set(records.map { $0["file"] as! String }).count == 12)
        let failed = records.filter { $0["status"] as? String == "failed" }
        #expect(failed.map { $0["file"] as! String } == ["Fixtures/bad/truncated.h5"])
        #expect((failed.first?["error"] as? String)?.contains("cannot open the file") == true)
        #expect(records.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["seconds"] is Double && $0["cells"] is Int })
    }

    /// A journal left behind is never overwritten by a run that forgot --resume.
    @Test func aLeftJournalNeedsResumeOrForce() throws {
        let out = path("out.csv")
        _ = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "-o", out])
        // A finished run: the output is what is in the way, and it says so before any work.
        let finished = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "-o", out])
        #expect(finished.status == 1 && finished.stderr.contains("\(out): already exists; pass --force to replace it"))
        try FileManager.default.removeItem(atPath: out)
        let again = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "-o", out])
        #expect(again.status == 1)
        #expect(again.stderr.contains("\(out).journal: holds the progress of an earlier run; pass --resume to continue it, or --force to start over"))
        #expect(try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "-o", out, "--force"]).status == 0)
        let other = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "--analyses", "cycles", "-o", out, "--resume"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("was written by a run with other analyses or settings"), "\(other.stderr)")
        let usage = try Coulomb.run(["batch", "Fixtures/battdat/eis_spectra.h5", "--resume"])
        #expect(usage.status == 64 && usage.stderr.contains("--resume needs -o FILE"))
    }

    /// `--shard auto` inside an array task is `--shard K/N`; outside one it is a clear error.
    @Test func shardAutoTakesTheArrayTask() throws {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") }
        let outside = try Coulomb.run(["batch"] + Self.inputs + ["--shard", "auto"], environment: environment)
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("coulomb: error: --shard auto needs a Slurm job array"), "\(outside.stderr)")
        environment.merge(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "10",
                           "SLURM_ARRAY_TASK_STEP": "5", "SLURM_ARRAY_TASK_COUNT": "3"]) { $1 }
        let auto = try Coulomb.run(["batch"] + Self.inputs + ["--shard", "auto", "--format", "csv"], environment: environment)
        let fixed = try Coulomb.run(["batch"] + Self.inputs + ["--shard", "2/3", "--format", "csv"])
        #expect(!auto.stdout.isEmpty && auto.stdout == fixed.stdout)
    }
}
