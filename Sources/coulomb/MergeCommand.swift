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
            file (each file's cells stay in their order), which is the order of an unsharded run. The shards \
            are read row by row, side by side, so memory stays small however many rows they hold. With \
            --files-from (the batch's list), every listed file must be in the shards and no other: a shard \
            missing because its task was cancelled is an error naming the files, not a shorter table.
            """
    )

    @Argument(help: "The shards' CSV outputs.")
    var shards: [String]

    @OptionGroup var destination: OptionalOutput<MergedTable>

    @Option(name: .customLong("files-from"), help: "The batch's file list: the shards must hold exactly its files.")
    var filesFrom: String?

    func run() throws {
        try Diagnostics.reporting {
            let expected = try filesFrom.map { try FileList.expand([], listedIn: $0).files }
            let merge = ShardMerge(shards: shards, expected: expected)
            guard let output = destination.output else {
                guard let out = fdopen(dup(STDOUT_FILENO), "w") else { throw CoulombIOError(file: "standard output", problem: "cannot be written") }
                defer { fclose(out) }
                _ = try merge.write(to: out)
                return
            }
            var count = 0
            try AtomicOutput.write(to: output, force: destination.force, inputs: shards) { temporary in
                guard let file = fopen(temporary, "w") else {
                    throw CoulombIOError(file: output, problem: "cannot be written (\(String(cString: strerror(errno))))")
                }
                defer { fclose(file) }
                count = try merge.write(to: file)
                guard fflush(file) == 0 else { throw CoulombIOError(file: output, problem: "cannot be written (\(String(cString: strerror(errno))))") }
            }
            print("wrote \(output): \(count) rows from \(shards.count) shards")
        }
    }
}

/// The CSV file `coulomb merge` writes.
enum MergedTable: OutputFiles {
    static let help = "The merged CSV file (default: standard output)."
}
