import CoulombCore
import CoulombIO
import Foundation
import Synchronization
import TestFixtures
import Testing

/// The batch runner in process: files read in order, analysed on workers, a bad file reported in its
/// record while the others go on, and a resumed run taking unchanged files from the journal.
@Suite struct BatchRunnerTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-runner-\(UUID().uuidString)")
    /// Two simulated CCD ramps with known verdicts around a truncated file.
    let files = ["symmetric/ccd_capacity_hard_short.h5", "bad/truncated.h5", "symmetric/ccd_no_failure.h5"].map(Fixture.path)
    let summary = CellSummary(CellSummary.Options(analyses: [.ccd]))

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// The value of `column` in the file's only cell row.
    func value(_ record: BatchFileRecord, _ column: String) throws -> ResultTable.Value {
        let index = try #require(summary.columns.firstIndex(of: column))
        return try #require(record.cells.first)[index]
    }

    /// The bad file's record carries the reader's error, the other two are analysed, in the order given, and
    /// their verdicts are the simulator's truth (`Fixtures/symmetric/truth.json`: a hard short at 0.8 mA cm⁻²
    /// after 0.6 passed; no failure up to 1.0). Progress reaches every file, and the warnings are the readers'.
    @Test func aBadFileIsReportedAndTheOthersGoOn() throws {
        let seen = Mutex<[Int]>([])
        var warnings: [String] = []
        let outcome = try BatchRunner(summary: summary, jobs: 2)
            .run(files, warning: { warnings.append($0) }, progress: { done in seen.withLock { $0.append(done) } })
        #expect(outcome.records.map(\.file) == files && outcome.resumed == 0)
        #expect(outcome.records.map(\.isOK) == [true, false, true])
        let bad = outcome.records[1]
        #expect(bad.error?.contains("cannot open the file") == true && bad.cells.isEmpty && bad.format.isEmpty)
        // Without a journal or a status log the file is not hashed.
        #expect(bad.identity == nil)
        for (record, truth) in zip([outcome.records[0], outcome.records[2]], ["ccd_capacity_hard_short.h5", "ccd_no_failure.h5"]) {
            let expected = try #require(Fixture.symmetricTruth[truth])
            let kind = (expected["failure"] as? [String: Any])?["kind"] as? String
            #expect(!record.format.isEmpty)
            #expect(try value(record, "failure") == .text(kind ?? "none"), "\(truth)")
            // The levels are the simulator's set points; 1e-9 allows their text round trip.
            guard case .number(let ccd?) = try value(record, "ccd_mA_cm2") else { Issue.record("no CCD for \(truth)"); continue }
            #expect(abs(ccd - (expected["ccd_expected_mA_cm2"] as! NSNumber).doubleValue) < 1e-9, "\(truth)")
            #expect(record.cells.count == 1 && record.cells[0].count == summary.columns.count)
        }
        #expect(seen.withLock { $0.sorted() } == [1, 2, 3])
        let expectedWarnings = files.flatMap { (try? CellFileReader.read($0).warnings) ?? [] }
        #expect(warnings == expectedWarnings)
        // The table puts the error where the summary would be.
        let rows = outcome.records.flatMap { $0.tableRows(blank: summary.blankRow) }
        #expect(rows.count == 3 && rows[1][2] == .text("failed") && rows[1].count == BatchFileRecord.leadingColumns.count + summary.columns.count)
    }

    /// A run that journals, then one that resumes: the unchanged files (the bad one too) come from the
    /// journal, none is read again, and the records are the first run's.
    @Test func aResumedRunTakesUnchangedFilesFromTheJournal() throws {
        let output = folder.appendingPathComponent("all.csv").path
        let settings = BatchJournal.Settings(summary: summary, circuit: nil)
        let first = try BatchRunner(summary: summary, jobs: 1,
                                    journal: try BatchJournal.beside(output: output, settings: settings, resume: false, force: false)).run(files)
        #expect(first.records.allSatisfy { $0.identity != nil })
        // A journal left behind is progress: not replaced without force, continued with resume.
        #expect(throws: CoulombIOError.self) { try BatchJournal.beside(output: output, settings: settings, resume: false, force: false) }
        let progress = Mutex(0)
        let second = try BatchRunner(summary: summary, jobs: 2,
                                     journal: try BatchJournal.beside(output: output, settings: settings, resume: true, force: false))
            .run(files, progress: { done in progress.withLock { $0 = max($0, done) } })
        #expect(second.resumed == 3 && progress.withLock { $0 } == 3)
        #expect(second.records == first.records)
    }
}
