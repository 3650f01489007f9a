#if canImport(Glibc)
import Glibc
#endif

/// Messages for the user on stderr, one line each, so stdout stays clean for results.
enum Diagnostics {
    static func error(_ error: any Error) {
        write("coulomb: error: \(String(describing: error))\n")
    }

    static func warning(_ message: String) {
        write("coulomb: warning: \(message)\n")
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)
        // fd 2 directly: the C `stderr` global is shared mutable state Swift 6 rejects.
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
