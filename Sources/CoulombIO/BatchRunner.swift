import CoulombCore
import Dispatch
import Foundation
import Synchronization

/// The files of a batch analysed: read in order on the calling thread (libhdf5 is serial), analysed on
/// workers, at most `jobs` at once; each file's record committed to the journal and the status log as it
/// finishes. A file the journal already holds, unchanged, is taken from it and not read again.
///
/// A file that cannot be read or analysed does not stop the batch: its record carries the error and the
/// other files go on. Only a journal or status log that cannot be written ends the run with an error.
public struct BatchRunner: Sendable {
    public var summary: CellSummary
    /// Files analysed at once (at least 1).
    public var jobs: Int
    public var journal: BatchJournal?
    public var status: BatchStatusLog?

    public init(summary: CellSummary, jobs: Int, journal: BatchJournal? = nil, status: BatchStatusLog? = nil) {
        (self.summary, self.jobs, self.journal, self.status) = (summary, max(1, jobs), journal, status)
    }

    /// What a run made: one record per file, in the order of the files; how many came from the journal.
    public struct Outcome: Sendable {
        public var records: [BatchFileRecord]
        public var resumed: Int
    }

    /// Runs the batch over `files`.
    ///
    /// - Parameters:
    ///   - files: the paths, in the order of the records.
    ///   - warning: each warning a reader raises about a file it read (called on the calling thread).
    ///   - progress: the number of files done so far, after each file (called from the workers).
    /// - Returns: one record per file; a file that failed carries its error.
    /// - Throws: ``CoulombIOError`` when the journal or the status log cannot be written.
    public func run(_ files: [String], warning: (String) -> Void = { _ in },
                    progress: @escaping @Sendable (_ done: Int) -> Void = { _ in }) throws -> Outcome {
        let records = Mutex([BatchFileRecord?](repeating: nil, count: files.count))
        let writeFailure = Mutex<(any Error)?>(nil)
        let done = Atomic<Int>(0)
        var resumed = 0
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let workers = DispatchQueue(label: "coulomb.batch", attributes: .concurrent)
        let (journal, status) = (journal, status)
        // The journal first (it is what a resumed run trusts), then the status line.
        let commit = { @Sendable (record: BatchFileRecord, fresh: Bool) in
            do {
                if fresh { try journal?.append(record) }
                try status?.append(record)
            } catch {
                writeFailure.withLock { $0 = $0 ?? error }
            }
        }
        for (index, path) in files.enumerated() {
            if let earlier = journal?.reusable(path) {
                records.withLock { $0[index] = earlier }
                commit(earlier, false)
                resumed += 1
                progress(done.add(1, ordering: .relaxed).newValue)
                continue
            }
            slots.wait()
            let start = ContinuousClock.now
            let read = Result { try CellFileReader.read(path) }
            let reading = ContinuousClock.now - start
            if case .success(let file) = read { file.warnings.forEach(warning) }
            workers.async(group: group) { [summary] in
                defer {
                    progress(done.add(1, ordering: .relaxed).newValue)
                    slots.signal()
                }
                let analysing = ContinuousClock.now
                // The hash reads the file again: only for a journal or status log that records it.
                let identity = journal == nil && status == nil ? nil : try? FileIdentity.of(path)
                var record = BatchFileRecord(file: path, identity: identity, format: "", seconds: 0, error: nil, cells: [])
                switch read {
                case .success(let file):
                    record.format = file.layout.rawValue
                    record.cells = file.cells.map { summary.row($0.cell) }
                case .failure(let error):
                    record.error = String(describing: error)
                }
                let elapsed = reading + (ContinuousClock.now - analysing)
                record.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                records.withLock { $0[index] = record }
                commit(record, true)
            }
        }
        group.wait()
        if let failure = writeFailure.withLock({ $0 }) { throw failure }
        try journal?.synchronize()
        return Outcome(records: records.withLock { $0.compactMap { $0 } }, resumed: resumed)
    }
}
