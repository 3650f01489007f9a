import ArgumentParser
import CoulombCore
import CoulombIO
import Dispatch
import Foundation
import Synchronization

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
            array) cover an archive; 'coulomb merge' joins their CSV outputs into the unsharded table.
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

    @Option(help: "Take only this shard of the sorted file list: K/N (1 ≤ K ≤ N).")
    var shard: Shard?

    @Option(help: "Files analysed at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var output: OutputOptions
    @OptionGroup var destination: OutputFileOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard !patterns.isEmpty || filesFrom != nil else { throw ValidationError("give files, glob patterns or --files-from") }
        _ = try summaryOptions()
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
            if let shard { files = shard.select(files) }
            let outcome = run(summary, on: files)
            let report = BatchReport(analyses: summary.options.analyses.map(\.rawValue), circuit: circuit,
                                     columns: summary.columns, rows: outcome.rows)
            try destination.deliver(report, format: output, inputs: files,
                                    count: "\(outcome.rows.count) rows from \(files.count) files") { temporary in
                let (columns, metadata) = report.results().hdf5Columns()
                try BattdatWriter.writeResultTable("batch_results", columns, metadata: metadata, to: temporary)
            }
            if !outcome.failures.isEmpty {
                Diagnostics.warning("\(outcome.failures.count) of \(files.count) files failed:\n"
                    + outcome.failures.map { "  \($0)" }.joined(separator: "\n"))
            }
            if let noMatch = list.noMatch { Diagnostics.error(noMatch) }
            if !outcome.failures.isEmpty || list.noMatch != nil { throw ExitCode(1) }
        }
    }

    /// Reads the files in order on this thread and analyses each on a worker, at most `jobs` at once.
    private func run(_ summary: CellSummary, on files: [String]) -> (rows: [[ResultTable.Value]], failures: [String]) {
        let results = Mutex([[[ResultTable.Value]]?](repeating: nil, count: files.count))
        let failures = Mutex([String?](repeating: nil, count: files.count))
        let progress = Progress(total: files.count, noun: "files")
        let done = Atomic<Int>(0)
        let slots = DispatchSemaphore(value: jobs)
        let group = DispatchGroup()
        let workers = DispatchQueue(label: "coulomb.batch", attributes: .concurrent)
        let blank = summary.blankRow.map(ResultTable.Value.init)
        for (index, path) in files.enumerated() {
            slots.wait()
            let read = Result { try CellFileReader.read(path) }
            if case .success(let file) = read { file.warnings.forEach(Diagnostics.warning) }
            workers.async(group: group) {
                defer {
                    progress.update(done.add(1, ordering: .relaxed).newValue)
                    slots.signal()
                }
                switch read {
                case .success(let file):
                    let rows = file.cells.map { loaded in
                        [.text(path), .text(file.layout.rawValue), .text("ok"), .text("")]
                            + summary.row(loaded.cell).map(ResultTable.Value.init)
                    }
                    results.withLock { $0[index] = rows }
                case .failure(let error):
                    let message = String(describing: error)
                    results.withLock { $0[index] = [[.text(path), .text(""), .text("failed"), .text(message)] + blank] }
                    failures.withLock { $0[index] = message }
                }
            }
        }
        group.wait()
        return (results.withLock { $0.flatMap { $0 ?? [] } }, failures.withLock { $0.compactMap { $0 } })
    }
}

/// `--shard K/N`.
struct Shard: ExpressibleByArgument {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        (index, count) = (k, n)
    }

    /// Every `count`-th file starting at the `index`-th: shards of a sorted list are disjoint and cover it.
    func select(_ files: [String]) -> [String] {
        files.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}

/// The batch table for people and scripts.
struct BatchReport: Report {
    var analyses: [String]
    var circuit: String?
    var columns: [String]
    var rows: [[ResultTable.Value]]

    static let leading = ["file", "format", "status", "error"]

    func results() -> ResultTable {
        var summary: [(key: String, value: JSONValue)] = [("analyses", .string(analyses.joined(separator: ",")))]
        if let circuit { summary.append(("circuit", .string(circuit))) }
        return ResultTable(summary: summary, columns: Self.leading + columns, rows: rows, rowsKey: "cells")
    }

    func text() -> String {
        var table = TextTable(headers: Self.leading + columns)
        table.rows = rows.map { row in
            row.map { value in
                switch value {
                case .number(let x): ValueFormatting.readable(x)
                default: value.csv
                }
            }
        }
        return table.render()
    }
}

extension ResultTable.Value {
    init(_ value: CellSummary.Value) {
        switch value {
        case .number(let x): self = .number(x)
        case .integer(let n): self = n.map(ResultTable.Value.integer) ?? .number(nil)
        case .text(let s): self = .text(s)
        case .flag(let b): self = b.map(ResultTable.Value.flag) ?? .number(nil)
        }
    }
}
