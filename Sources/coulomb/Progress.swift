#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A one-line progress counter with an estimate of the time left, on stderr when it is a terminal;
/// silent when stderr is piped or redirected, so logs stay clean.
final class Progress: Sendable {
    private let total: Int
    private let noun: String
    private let start = Date()
    private let enabled: Bool
    private let lastShown = Mutex(Date.distantPast)

    init(total: Int, noun: String) {
        self.total = total
        self.noun = noun
        enabled = isatty(STDERR_FILENO) != 0 && total > 1
    }

    /// Shows `done` of `total`, at most ten times a second.
    func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        let show = lastShown.withLock { last in
            guard done == total || now.timeIntervalSince(last) >= 0.1 else { return false }
            last = now
            return true
        }
        guard show else { return }
        let elapsed = now.timeIntervalSince(start)
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        Diagnostics.status("\r\(done)/\(total) \(noun), \(Int(left.rounded())) s left   " + (done == total ? "\n" : ""))
    }
}
