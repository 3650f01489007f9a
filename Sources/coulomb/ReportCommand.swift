import ArgumentParser
import CoulombCore
import CoulombIO
import CoulombReport
import Foundation

/// `coulomb report FILE -o report.html`: one self-contained HTML page of a file's cells.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a one-page HTML report of a file: what it holds, verdicts, tables and figures.",
        discussion: """
            For each cell (or the one named by --cell): its facts and sources; for a cycled cell the CE \
            convention, the per-cycle table and the voltage, voltage-capacity, capacity/CE and dQ/dV figures; \
            for a symmetric cell the CCD verdict or the short monitor with its trace; for spectra the fits of \
            --circuit (with ASR per --interface in a symmetric cell) and the Nyquist, Bode and Arrhenius \
            figures, or without a circuit the lin-KK check. The page has no scripts and fetches nothing.
            """
    )

    @Argument(help: "The file to report on (any format Coulomb reads).")
    var file: String

    @Option(help: "Only this cell, when the file holds several.")
    var cell: String?

    @Option(help: "An equivalent circuit to fit to the spectra, e.g. 'R0-p(R1,CPE1)-p(R2,CPE2)'.")
    var circuit: String?

    @Option(name: .customLong("interface"), parsing: .upToNextOption, help: "Resistances of the circuit that are electrode interfaces (ASR = R·A/2 in a symmetric cell).")
    var interfaces: [String] = []

    @OptionGroup var card: CellCardOptions

    @Option(name: .customLong("area-cm2"), help: "Electrode area in cm² (default: from the file).")
    var area_cm2: Double?

    @Option(name: [.short, .customLong("output")], help: "The HTML file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        let suffix = URL(fileURLWithPath: output).pathExtension.lowercased()
        guard suffix == "html" || suffix == "htm" else {
            throw ValidationError("a report is written as HTML: name the output '….html', not '\(output)'")
        }
        if let area_cm2, !(area_cm2 > 0) { throw ValidationError("--area-cm2 must be positive, not \(area_cm2)") }
    }

    func run() throws {
        try Diagnostics.reporting {
            var options = CellReport.Options(interfaces: interfaces, workers: ProcessInfo.processInfo.activeProcessorCount)
            if let circuit {
                do { options.circuit = try CircuitParser.parse(circuit) } catch { throw ValidationError(String(describing: error)) }
                let names = options.circuit!.parameterNames
                for name in interfaces where !names.contains(name) {
                    throw ValidationError("--interface \(name) is not a parameter of the circuit (\(names.joined(separator: ", ")))")
                }
            }
            let read = try card.read(file)
            read.warnings.forEach(Diagnostics.warning)
            var cells = read.cells.map(\.cell)
            if let cell {
                cells = cells.filter { $0.id == cell }
                guard !cells.isEmpty else {
                    throw CoulombIOError(file: file, problem: "no cell '\(cell)' (cells: \(read.cells.map(\.cell.id).joined(separator: ", ")))")
                }
            }
            cells = cells.map { $0.overriding(area_cm2: area_cm2, activeMass_g: nil) }
            let source = CellReport.Source(path: file, format: read.layout.summary, warnings: read.warnings)
            let html = CellReport(options).html(source, cells: cells)
            try AtomicOutput.write(html, to: output, force: force, inputs: [file])
            print("wrote \(output): \(cells.count) cell\(cells.count == 1 ? "" : "s")")
        }
    }
}
