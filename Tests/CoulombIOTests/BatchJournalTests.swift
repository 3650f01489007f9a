import CoulombCore
import CoulombIO
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The batch journal: what a resumed run trusts, in process (the kill-and-requeue under Slurm is
/// `make cluster-check`).
@Suite struct BatchJournalTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-journal-\(UUID().uuidString)")
    let settings = BatchJournal.Settings(columns: ["file", "format", "status", "error", "cell", "x"], settings: ["analyses: cycles"])

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A data file with the given bytes and modification time (whole seconds since 1970).
    func makeFile(_ name: String, _ text: String, mtime: Int = 1_700_000_000) throws -> String {
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        try setMtime(file, mtime)
        return file
    }

    func setMtime(_ file: String, _ seconds: Int) throws {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
    }

    func record(_ file: String, value: Double = 1.5) throws -> BatchFileRecord {
        BatchFileRecord(file: file, identity: try FileIdentity.of(file), format: "battdat", seconds: 0.25, error: nil,
                        cells: [[.text("cell 1"), .number(value)], [.text("cell 2"), .number(nil)]])
    }

    /// Every case of a summary value comes back as the same case with the same bits: a resumed table is the
    /// uninterrupted one exactly. The doubles include values whose shortest text is long, signed zero,
    /// subnormals and the non-finite ones.
    @Test func valuesRoundTripExactly() {
        let numbers: [Double?] = [0.1, 1.0 / 3.0, -0.0, 0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                  .infinity, -.infinity, 123456789.123456789, -7.05e-17, nil]
        var values: [ResultTable.Value] = numbers.map(ResultTable.Value.number)
        values += [.integer(0), .integer(-3), .integer(Int.max), .integer(nil), .flag(true), .flag(false), .flag(nil),
                   .text(""), .text("n:1"), .text("a, \"quoted\"\nline; µ Ω·cm²"),
                   .structured(.object(["name": .string("time_s"), "units": .null, "rows": .array([.number(1.5), .bool(true)])]))]
        for value in values {
            let back = ResultTable.Value(journalText: value.journalText)
            if case .number(let x?) = value, case .number(let y?)? = back {
                #expect(x.bitPattern == y.bitPattern, "\(x) came back as \(y)")
            } else {
                #expect(back == value, "\(value) came back as \(String(describing: back))")
            }
        }
        let nan = ResultTable.Value(journalText: ResultTable.Value.number(.nan).journalText)
        if case .number(let y?)? = nan { #expect(y.isNaN) } else { Issue.record("NaN came back as \(String(describing: nan))") }
        for garbage in ["", "n", "x:1", "n:abc", "i:1.5", "f:2"] {
            #expect(ResultTable.Value(journalText: garbage) == nil, "\(garbage)")
        }
    }

    /// What one run commits, the next reads back; a line torn by a kill is dropped, and the journal is
    /// rewritten without it so the next record starts on a line of its own.
    @Test func recordsSurviveAndATornLineIsDropped() throws {
        let a = try makeFile("a.h5", "aaaa"), b = try makeFile("b.h5", "bbbb")
        let journalPath = path("out.csv.journal")
        do {
            let journal = try BatchJournal(creating: journalPath, settings: settings)
            try journal.append(try record(a))
            try journal.append(BatchFileRecord(file: b, identity: nil, format: "", seconds: 0.5, error: "b.h5: cannot open the file", cells: []))
        }
        // A kill in the middle of the third write.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journalPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("{\"file\":\"c.h5\",\"form".utf8))
        try handle.close()

        let resumed = try BatchJournal(resuming: journalPath, settings: settings)
        #expect(resumed.earlier.count == 2)
        #expect(resumed.earlier[a] == (try record(a)))
        #expect(resumed.earlier[b]?.error == "b.h5: cannot open the file")
        try resumed.append(try record(a, value: 2.5))
        let lines = try String(contentsOfFile: journalPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4 && !lines.contains { $0.contains("c.h5") })
        // The latest record of a path wins.
        #expect(try BatchJournal(resuming: journalPath, settings: settings).earlier[a]?.cells[0][1] == .number(2.5))
    }

    /// Reuse needs path, size, modification time and content all unchanged. An identical copy under another
    /// name is another file; a rewrite that restores size and time is caught by the hash; a touch that keeps
    /// the bytes is caught by the time.
    @Test func reuseIsKeyedOnPathSizeTimeAndHash() throws {
        let a = try makeFile("a.h5", "abcd"), copy = try makeFile("copy.h5", "abcd")
        let journalPath = path("out.csv.journal")
        try BatchJournal(creating: journalPath, settings: settings).append(try record(a))
        var journal = try BatchJournal(resuming: journalPath, settings: settings)
        #expect(journal.reusable(a) == (try record(a)))
        #expect(journal.reusable(copy) == nil)

        try Data("abce".utf8).write(to: URL(fileURLWithPath: a))
        try setMtime(a, 1_700_000_000)
        #expect(try FileIdentity.stamp(of: a) == (journal.earlier[a]!.identity!.size_bytes, journal.earlier[a]!.identity!.mtime_ns))
        #expect(journal.reusable(a) == nil)

        try Data("abcd".utf8).write(to: URL(fileURLWithPath: a))
        try setMtime(a, 1_700_000_001)
        #expect(journal.reusable(a) == nil)
        try setMtime(a, 1_700_000_000)
        journal = try BatchJournal(resuming: journalPath, settings: settings)
        #expect(journal.reusable(a) != nil)
        try FileManager.default.removeItem(atPath: a)
        #expect(journal.reusable(a) == nil)
    }

    @Test func aJournalOfOtherSettingsOrDamagedIsRefused() throws {
        let journalPath = path("out.csv.journal")
        try BatchJournal(creating: journalPath, settings: settings).append(try record(try makeFile("a.h5", "a")))
        let other = BatchJournal.Settings(columns: settings.columns, settings: ["analyses: ccd"])
        #expect(throws: CoulombIOError.self) { try BatchJournal(resuming: journalPath, settings: other) }

        var text = try String(contentsOfFile: journalPath, encoding: .utf8)
        text += "not json\n" + text.split(separator: "\n")[1] + "\n"
        try text.write(toFile: journalPath, atomically: true, encoding: .utf8)
        #expect(throws: CoulombIOError(file: journalPath, object: "line 3", problem: "is not a journal record")) {
            try BatchJournal(resuming: journalPath, settings: settings)
        }
        try "something else\n".write(toFile: journalPath, atomically: true, encoding: .utf8)
        #expect(throws: CoulombIOError.self) { try BatchJournal(resuming: journalPath, settings: settings) }
        // No journal yet (killed before its first file finished): a new one.
        #expect(try BatchJournal(resuming: path("none.csv.journal"), settings: settings).earlier.isEmpty)
    }

    /// The status line names the file, its hash, format, cells, time, status and error, and nothing else.
    @Test func statusLinesHoldTheStatusFields() throws {
        let a = try makeFile("a.h5", "abc")
        let line = try record(a).jsonLine(withRows: false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["file", "sha256", "format", "cells", "seconds", "status", "error"])
        // SHA-256("abc"), FIPS 180-4's example.
        #expect(object["sha256"] as? String == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(object["cells"] as? Int == 2 && object["status"] as? String == "ok" && object["error"] as? String == "")
        #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
        // A file that could not be read still has every key, its hash null.
        let missing = BatchFileRecord(file: "gone.h5", identity: nil, format: "", seconds: 0, error: "gone.h5: no such file", cells: [])
        let failed = try #require(try JSONSerialization.jsonObject(with: Data(missing.jsonLine(withRows: false).utf8)) as? [String: Any])
        #expect(Set(failed.keys) == Set(object.keys) && failed["sha256"] is NSNull && failed["status"] as? String == "failed")
    }
}
