import ArgumentParser
import CoulombIO
import CoulombCore
import Foundation

/// The files an analysis command writes its results to: the extension picks the format.
enum ResultFiles: OutputFiles {
    enum Kind: String { case csv, json, h5 }

    static let help = "Write the results to this file (.csv, .json or .h5) instead of standard output."

    /// The kind a file name's extension names.
    static func kind(of path: String) throws -> Kind {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": .csv
        case "json": .json
        case "h5", "hdf5": .h5
        default:
            throw ValidationError("cannot tell the format of '\(path)' from its extension; use .csv, .json or .h5")
        }
    }

    static func check(_ path: String) throws {
        _ = try kind(of: path)
    }
}

/// `-o FILE [--force]`: results written to a file, whose extension picks the format.
typealias OutputFileOptions = OptionalOutput<ResultFiles>

extension OptionalOutput where Files == ResultFiles {
    typealias Kind = ResultFiles.Kind

    /// The kind the output's extension names; `nil` without `-o`.
    func kind() throws -> Kind? {
        try output.map(ResultFiles.kind(of:))
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

extension OptionalOutput where Files == ResultFiles {
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

extension OptionalOutput where Files == ResultFiles {
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
