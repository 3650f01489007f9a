import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The status log of a batch (`--status-jsonl`): one JSON line per file as it finishes, so a lab sees what
/// a long run did — and is doing — without opening the table.
public final class BatchStatusLog: Sendable {
    public let path: String
    private let handle: Mutex<UnsafeMutablePointer<FILE>>

    /// A new log at `path`, replacing any earlier one.
    public init(path: String) throws {
        guard let file = fopen(path, "w") else {
            throw CoulombIOError(file: path, problem: "cannot be opened to write (\(String(cString: strerror(errno))))")
        }
        self.path = path
        handle = Mutex(file)
    }

    deinit {
        handle.withLock { _ = fclose($0) }
    }

    /// Appends the record's status line, flushed so that `tail -f` shows it.
    public func append(_ record: BatchFileRecord) throws {
        let line = record.jsonLine(withRows: false)
        try handle.withLock { file in
            guard fputs(line, file) >= 0, fflush(file) == 0 else {
                throw CoulombIOError(file: path, problem: "cannot be written (\(String(cString: strerror(errno))))")
            }
        }
    }
}
