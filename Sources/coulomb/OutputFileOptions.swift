import ArgumentParser
import CoulombIO
import CoulombCore
import Foundation

/// `-o FILE [--force]`: results written to a file, whose extension picks the format.
struct OutputFileOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "Write the results to this file (.csv, .json or .h5) instead of standard output.")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    enum Kind: String { case csv, json, h5 }

    func validate() throws {
        _ = try kind()
    }

    /// The kind the output's extension names; `nil` without `-o`.
    func kind() throws -> Kind? {
        guard let output else { return nil }
        let suffix = URL(fileURLWithPath: output).pathExtension.lowercased()
        switch suffix {
        case "csv": return .csv
        case "json": return .json
        case "h5", "hdf5": return .h5
        default:
            throw ValidationError("cannot tell the format of '\(output)' from its extension; use .csv, .json or .h5")
        }
    }

    /// Writes text atomically to the output; inputs are never overwritten.
    func write(_ text: String, inputs: [String]) throws {
        guard let output else { return }
        try AtomicOutput.write(text, to: output, force: force, inputs: inputs)
    }
}

/// What an analysis command produces: rows for scripts and a text for a terminal.
protocol CommandOutput {
    func results() -> ResultTable
    func text() -> String
}

/// An output about one cell: it states the cell card's facts, each with where it came from.
protocol CellResult: CommandOutput {
    var cell: Cell { get }
}

extension OutputFileOptions {
    /// The report's table, with the cell card (`cell_card`) when it is about one cell.
    static func results(_ report: some CommandOutput) -> ResultTable {
        var table = report.results()
        if let about = report as? any CellResult { table.summary.append(("cell_card", about.cell.cardDocument)) }
        return table
    }

    /// The report for a terminal, ending with the cell card's facts when it is about one cell.
    static func text(_ report: some CommandOutput) -> String {
        let text = report.text()
        guard let about = report as? any CellResult, !about.cell.provenance.isEmpty else { return text }
        let facts = about.cell.provenance.map { fact -> String in
            let value = switch fact.value {
            case .string(let text): text
            case .number(let number): ValueFormatting.readable(number)
            default: ""
            }
            return "\(fact.fact.rawValue) \(value) (\(fact.source))"
        }
        return text + "cell card: " + facts.joined(separator: ", ") + "\n"
    }
}

extension OutputFileOptions {
    /// Writes a report to `-o` (by extension; `.h5` as the battdat table `hdf5Table`, or by `hdf5` for a
    /// layout of its own, for the commands that have one) or prints it in the chosen format.
    func deliver(_ report: some CommandOutput, format: OutputFormatOptions, inputs: [String], count: String,
                 hdf5Table: String? = nil, hdf5: ((String) throws -> Void)? = nil) throws {
        switch try kind() {
        case .h5:
            let write = hdf5 ?? hdf5Table.map { table in { try report.results().writeHDF5(table, to: $0) } }
            guard let write else { throw ValidationError("this command writes .csv or .json") }
            try AtomicOutput.write(to: output!, force: force, inputs: inputs, write)
        case .csv: try write(Self.results(report).csv(), inputs: inputs)
        case .json: try write(Self.results(report).json(), inputs: inputs)
        case nil:
            switch format.resolvedFormat {
            case .table: print(Self.text(report), terminator: "")
            case .csv: print(Self.results(report).csv(), terminator: "")
            case .json: print(Self.results(report).json(), terminator: "")
            }
            return
        }
        print("wrote \(output!): \(count)")
    }
}
