import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Messages for the user on stderr, one line each, so stdout stays clean for results.
enum Diagnostics {
    static func error(_ error: any Error) {
        write("coulomb: error: \(String(describing: error))\n")
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
        write("coulomb: warning: \(message)\n")
    }

    /// Text for a terminal that is not a message line (progress).
    static func status(_ text: String) {
        write(text)
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)
        // fd 2 directly: the C `stderr` global is shared mutable state Swift 6 rejects.
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
