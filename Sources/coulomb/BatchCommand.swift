import ArgumentParser
import CoulombCore
import CoulombIO
import Foundation

/// `coulomb batch FILE|GLOB…`: the chosen analyses on every cell of many files, one row per cell.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run analyses over many files in parallel: one row per cell, bad files listed and skipped.",
        discussion: """
            Files are read one at a time (HDF5 I/O is serial) and analysed on every core. Arguments may be \
            glob patterns ('data/*.h5', quoted so the shell leaves them); files are taken in sorted order. \
            A pattern that matches no file is an error (exit status 1), after the other files are analysed. \
            Analyses run where they apply: cycles on non-symmetric cells with a record, ccd and shorts on \
            symmetric cells with an area, fit on cells with spectra when --circuit is given; the notes column \
            says why one did not. --shard K/N takes every N-th file starting at the K-th, so N jobs (a Slurm \
            array) cover an archive; --shard auto takes K and N from a Slurm job array's variables; 'coulomb \
            merge' joins their CSV outputs into the unsharded table. With -o, each finished file is committed to \
            a journal beside the output (OUTPUT.journal); the same command with --resume after a kill skips the \
            files it holds unchanged (same path, size, modification time and SHA-256) and writes the same table.
            """
    )

    @Argument(help: "Files or glob patterns.")
    var patterns: [String] = []

    @Option(name: .customLong("files-from"), help: "A text file listing input files, one per line.")
    var filesFrom: String?

    @Option(help: "Comma-separated analyses: cycles, ccd, shorts, fit (fit needs --circuit), drt.")
    var analyses: String = "cycles,ccd,shorts"

    @Option(help: "An equivalent circuit to fit to every cell's spectra, e.g. 'R0-p(R1,CPE1)'.")
    var circuit: String?

    @Option(help: "Take only this shard of the sorted file list: K/N (1 ≤ K ≤ N), or 'auto' in a Slurm job array.")
    var shard: String?

    @Flag(help: "Continue a killed run with the same options: skip the files its journal (OUTPUT.journal) holds unchanged.")
    var resume = false

    @Option(name: .customLong("status-jsonl"), help: "Write one JSON line per file as it finishes: file, sha256, format, cells, seconds, status, error.")
    var statusJSONL: String?

    @Option(help: "Files analysed at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !patterns.isEmpty || filesFrom != nil else { throw ValidationError("give files, glob patterns or --files-from") }
        _ = try summaryOptions()
        do { _ = try shard.map(BatchShard.Request.init(parsing:)) } catch { throw ValidationError(error.description) }
        if resume, destination.output == nil { throw ValidationError("--resume needs -o FILE: the journal it resumes lies beside the output") }
    }

    func summaryOptions() throws -> CellSummary.Options {
        var chosen: [CellSummary.Analysis] = []
        for name in analyses.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let analysis = CellSummary.Analysis(rawValue: name) else {
                throw ValidationError("unknown analysis '\(name)'; choose from \(CellSummary.Analysis.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !chosen.contains(analysis) { chosen.append(analysis) }
        }
        var parsed: Circuit?
        if let circuit {
            do { parsed = try CircuitParser.parse(circuit) } catch { throw ValidationError(String(describing: error)) }
            if !chosen.contains(.fit) { chosen.append(.fit) }
        } else if chosen.contains(.fit) {
            throw ValidationError("the fit analysis needs --circuit")
        }
        return CellSummary.Options(analyses: chosen, circuit: parsed)
    }

    func run() throws {
        try Diagnostics.reporting {
            let summary = CellSummary(try summaryOptions())
            let list = try FileList.expand(patterns, listedIn: filesFrom)
            // Nothing to do at all is an error before any output; beside real files, after them.
            if list.files.isEmpty, let noMatch = list.noMatch { throw noMatch }
            var files = list.files
            if let shard {
                files = try BatchShard.Request(parsing: shard).resolve(environment: ProcessInfo.processInfo.environment).select(files)
            }
            let journal = try self.destination.output.map {
                try BatchJournal.beside(output: $0, settings: .init(summary: summary, circuit: circuit), resume: resume, force: self.destination.force)
            }
            let status = try statusJSONL.map(BatchStatusLog.init(path:))
            let progress = Progress(total: files.count, noun: "files")
            let outcome = try BatchRunner(summary: summary, jobs: jobs, journal: journal, status: status)
                .run(files, warning: Diagnostics.warning, progress: progress.update)
            let blank = summary.blankRow
            let report = BatchReport(analyses: summary.options.analyses.map(\.rawValue), circuit: circuit,
                                     columns: summary.columns, rows: outcome.records.flatMap { $0.tableRows(blank: blank) })
            // A resumed run replaces what the killed one may have left.
            var destination = destination
            destination.force = destination.force || resume
            let resumed = outcome.resumed > 0 ? " (\(outcome.resumed) from the journal)" : ""
            try destination.deliver(report, format: format, inputs: files,
                                    count: "\(report.rows.count) rows from \(files.count) files\(resumed)", hdf5Table: "batch_results")
            let failures = outcome.records.compactMap(\.error)
            if !failures.isEmpty {
                Diagnostics.warning("\(failures.count) of \(files.count) files failed:\n"
                    + failures.map { "  \($0)" }.joined(separator: "\n"))
            }
            if let noMatch = list.noMatch { Diagnostics.error(noMatch) }
            if !failures.isEmpty || list.noMatch != nil { throw ExitCode(1) }
        }
    }
}

/// The batch table for people and scripts.
struct BatchReport: CommandOutput {
    var analyses: [String]
    var circuit: String?
    var columns: [String]
    var rows: [[ResultTable.Value]]

    func results() -> ResultTable {
        var summary: [(key: String, value: JSONValue)] = [("analyses", .string(analyses.joined(separator: ",")))]
        if let circuit { summary.append(("circuit", .string(circuit))) }
        return ResultTable(summary: summary, columns: BatchFileRecord.leadingColumns + columns, rows: rows, rowsKey: "cells")
    }

    func text() -> String { results().text() }
}
