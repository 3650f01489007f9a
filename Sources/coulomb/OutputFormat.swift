import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// How results are printed: a table for people, CSV or JSON for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// The output options every reporting command shares.
struct OutputFormatOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: table, csv or json (default: table on a terminal, csv otherwise).")
    var format: OutputFormat?

    /// The chosen format; a table only when a person is looking at the terminal.
    var resolvedFormat: OutputFormat {
        format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv)
    }
}
