import ArgumentParser
import CoulombCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Messages for the user on stderr, one line each, so stdout stays clean for results.
enum Diagnostics {
    static func error(_ error: any Error) {
        message("coulomb: error: \(String(describing: error))\(Remedy.of(error)?.hint ?? "")\n")
    }

    /// Runs a command's body: a usage error goes to argument-parser (which prints the usage), anything
    /// else is printed as one line and ends the command with exit status 1.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            throw error
        } catch let code as ExitCode {
            throw code
        } catch {
            self.error(error)
            throw ExitCode(1)
        }
    }

    static func warning(_ message: String) {
        self.message("coulomb: warning: \(message)\n")
    }

    /// Whether a progress line is on the terminal without its newline: a message first clears it (the
    /// next progress update draws it again), so messages start at the left margin.
    private static let statusLineOpen = Mutex(false)

    /// Text for a terminal that is not a message line (progress).
    static func status(_ text: String) {
        statusLineOpen.withLock { $0 = !text.hasSuffix("\n") }
        write(text)
    }

    private static func message(_ text: String) {
        let clear = statusLineOpen.withLock { open in
            defer { open = false }
            return open
        }
        write((clear ? "\r\u{1B}[K" : "") + text)
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)
        // fd 2 directly: the C `stderr` global is shared mutable state Swift 6 rejects.
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
