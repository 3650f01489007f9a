import CoulombCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The per-file progress of a batch, committed as each file finishes, so a run that is killed (a
/// cancelled or pre-empted job, a node failure, a time limit) resumes where it stopped.
///
/// It is a text file beside the output (`OUTPUT.journal`): a header line with the run's settings, then one
/// JSON line per file (``BatchFileRecord``), appended with one `write` as the file finishes — so a killed
/// process loses no finished file — and flushed to disk with `fsync` at most once a second (and at the
/// end), so a node that crashes loses at most the last second. (An `fsync` per file costs 5–10 ms on a
/// local disk, more than analysing a typical file.) A kill can tear only the last line; reading stops
/// there and resuming drops it. A resumed run reuses a record only when the path, size, modification time and
/// SHA-256 are all unchanged (``reusable(_:)``), and refuses a journal written with other settings, whose
/// rows would not line up.
public final class BatchJournal: Sendable {
    public let path: String
    /// The records of the earlier run, by path (the latest one for a path that appears twice).
    public let earlier: [String: BatchFileRecord]
    private let state: Mutex<(descriptor: Int32, synced: ContinuousClock.Instant)>

    /// The journal of the output at `output`.
    public static func path(forOutput output: String) -> String { output + ".journal" }

    /// The journal beside `output`: continued when `resume`, else new — but a journal left by a killed run
    /// is replaced only with `force`, so progress is never thrown away by a forgotten resume. Checked before
    /// the work, not after it: a finished run leaves both the output and its journal, a killed one the journal.
    public static func beside(output: String, settings: Settings, resume: Bool, force: Bool) throws -> BatchJournal {
        let path = path(forOutput: output)
        if resume { return try BatchJournal(resuming: path, settings: settings) }
        guard force || !FileManager.default.fileExists(atPath: output) else {
            throw CoulombIOError(file: output, problem: "already exists", remedy: .replaceOutput)
        }
        guard force || !FileManager.default.fileExists(atPath: path) else {
            throw CoulombIOError(file: path, problem: "holds the progress of an earlier run", remedy: .resumeOrRestart)
        }
        return try BatchJournal(creating: path, settings: settings)
    }

    /// What the rows mean: the header's fields. A journal is resumed only with equal settings.
    public struct Settings: Codable, Equatable, Sendable {
        public var columns: [String]
        public var settings: [String]
        var coulomb_batch_journal = 1

        public init(columns: [String], settings: [String]) {
            (self.columns, self.settings) = (columns, settings)
        }

        /// The settings of a batch of `summary`: the table's columns, the analyses and the circuit as given.
        public init(summary: CellSummary, circuit: String?) {
            self.init(columns: BatchFileRecord.leadingColumns + summary.columns,
                      settings: ["analyses: " + summary.options.analyses.map(\.rawValue).joined(separator: ",")]
                          + (circuit.map { ["circuit: \($0)"] } ?? []))
        }
    }

    /// A new journal at `path`, replacing any earlier one.
    public convenience init(creating path: String, settings: Settings) throws {
        try self.init(path: path, settings: settings, records: [:], keeping: [])
    }

    /// The journal at `path` continued: its records kept (a torn last line dropped), new ones appended.
    /// A missing journal is a new one (a task killed before its first file finished).
    public convenience init(resuming path: String, settings: Settings) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            try self.init(creating: path, settings: settings)
            return
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A line without its newline is one a kill cut short: it was never committed.
        lines.removeLast()
        guard let header = lines.first, let found = try? JSONDecoder().decode(Settings.self, from: Data(header.utf8)) else {
            throw CoulombIOError(file: path, problem: "is not a 'coulomb batch' journal (no header line); remove it to start over")
        }
        guard found == settings else {
            throw CoulombIOError(file: path, problem: "was written by a run with other analyses or settings "
                + "(\(found.settings.joined(separator: "; "))); resume with the same options, or pass --force to start over")
        }
        var records: [String: BatchFileRecord] = [:], kept: [Substring] = []
        for (number, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            switch BatchFileRecord.parse(journalLine: line) {
            case .success(let record): records[record.file] = record
            case .failure(let problem): throw CoulombIOError(file: path, object: "line \(number + 1)", problem: "\(problem)")
            }
            kept.append(line)
        }
        try self.init(path: path, settings: settings, records: records, keeping: kept)
    }

    /// Writes the header and the kept lines to a new file that replaces `path`, then opens it to append.
    private init(path: String, settings: Settings, records: [String: BatchFileRecord], keeping lines: [Substring]) throws {
        let start = BatchFileRecord.text(settings) + "\n" + lines.map { $0 + "\n" }.joined()
        try AtomicOutput.write(to: path, force: true) { temporary in
            let fd = try Self.open(temporary, path: path, flags: O_WRONLY | O_CREAT | O_TRUNC)
            defer { close(fd) }
            try Self.write(start, to: fd, path: path)
            try Self.sync(fd, path: path)
        }
        self.path = path
        earlier = records
        state = Mutex((try Self.open(path, path: path, flags: O_WRONLY | O_APPEND), .now))
    }

    deinit {
        state.withLock { _ = fsync($0.descriptor); _ = close($0.descriptor) }
    }

    /// The earlier record of `file` if the file is unchanged: same size and modification time (compared
    /// first, as they are cheap), then the same SHA-256. `nil` for a new or changed file.
    public func reusable(_ file: String) -> BatchFileRecord? {
        guard let record = earlier[file], let identity = record.identity,
              let stamp = try? FileIdentity.stamp(of: file),
              stamp.size_bytes == identity.size_bytes, stamp.mtime_ns == identity.mtime_ns,
              let now = try? FileIdentity.of(file), now == identity else { return nil }
        return record
    }

    /// Commits one file's record: written before this returns, flushed to disk within a second.
    public func append(_ record: BatchFileRecord) throws {
        let line = record.jsonLine(withRows: true)
        try state.withLock { state in
            try Self.write(line, to: state.descriptor, path: path)
            if ContinuousClock.now - state.synced >= .seconds(1) {
                try Self.sync(state.descriptor, path: path)
                state.synced = .now
            }
        }
    }

    /// Flushes what is written to the disk (a run calls it when it has analysed its last file).
    public func synchronize() throws {
        try state.withLock { state in
            try Self.sync(state.descriptor, path: path)
            state.synced = .now
        }
    }

    private static func open(_ file: String, path: String, flags: Int32) throws -> Int32 {
        let fd = Glibc.open(file, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CoulombIOError(file: path, problem: "cannot be opened to write (\(String(cString: strerror(errno))))") }
        return fd
    }

    /// Writes all of `text`.
    private static func write(_ text: String, to fd: Int32, path: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw CoulombIOError(file: path, problem: "cannot be written (\(String(cString: strerror(errno))))") }
            bytes = bytes.dropFirst(written)
        }
    }

    private static func sync(_ fd: Int32, path: String) throws {
        guard fsync(fd) == 0 else { throw CoulombIOError(file: path, problem: "cannot be flushed to disk (\(String(cString: strerror(errno))))") }
    }
}
