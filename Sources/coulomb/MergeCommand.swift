import ArgumentParser
import CoulombIO
import Foundation

/// `coulomb merge SHARD.csv… -o ALL.csv`: the batch tables of several shards as the one table an unsharded
/// run writes.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the CSV tables of 'coulomb batch --shard' runs into one, in the unsharded order.",
        discussion: """
            The shards must have the same header and the same settings (the '#' lines). Rows are ordered by \
            file (each file's cells stay in their order), which is the order of an unsharded run.
            """
    )

    @Argument(help: "The shards' CSV outputs.")
    var shards: [String]

    @Option(name: [.short, .customLong("output")], help: "The merged CSV file (default: standard output).")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        try Diagnostics.reporting {
            var comments: [String]?, header: [String]?
            var rows: [[String]] = []
            for path in shards {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw CoulombIOError(file: path, problem: "cannot be read as UTF-8 text")
                }
                let parsed: (comments: [String], records: [[String]])
                do { parsed = try CSV.records(text) } catch { throw CoulombIOError(file: path, problem: "\(error)") }
                guard let first = parsed.records.first, first.first == "file" else {
                    throw CoulombIOError(file: path, problem: "is not a 'coulomb batch' CSV table (no header starting with 'file')")
                }
                if let header, header != first {
                    throw CoulombIOError(file: path, problem: "has other columns than \(shards[0]) (different analyses or circuit?)")
                }
                if let comments, comments != parsed.comments {
                    throw CoulombIOError(file: path, problem: "was run with other settings than \(shards[0]): \(parsed.comments.joined(separator: "; "))")
                }
                (comments, header) = (parsed.comments, first)
                for (number, record) in parsed.records.dropFirst().enumerated() where record.count != first.count {
                    throw CoulombIOError(file: path, problem: "row \(number + 1) has \(record.count) fields, the header \(first.count)")
                }
                rows += parsed.records.dropFirst()
            }
            rows = rows.enumerated().sorted { ($0.element[0], $0.offset) < ($1.element[0], $1.offset) }.map(\.element)
            let text = (comments ?? []).map { "# \($0)\n" }.joined() + CSVWriter.line(header ?? []) + rows.map(CSVWriter.line).joined()
            guard let output else { return print(text, terminator: "") }
            try AtomicOutput.write(text, to: output, force: force, inputs: shards)
            print("wrote \(output): \(rows.count) rows from \(shards.count) shards")
        }
    }
}
