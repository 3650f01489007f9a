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
            --circuit (as `coulomb fit` fits them, with the same options: ASR per --interface, σ, capacitances) and the Nyquist, Bode and Arrhenius \
            figures, or without a circuit the lin-KK check. The page has no scripts and fetches nothing.
            """
    )

    @Argument(help: "The file to report on (any format Coulomb reads).")
    var file: String

    @Option(help: "Only this cell, when the file holds several.")
    var cell: String?

    @Option(help: "An equivalent circuit to fit to the spectra, e.g. 'R0-p(R1,CPE1)-p(R2,CPE2)'.")
    var circuit: String?

    @OptionGroup var settings: CircuitFitSettings
    @OptionGroup var derived: FitDerivedOptions
    @OptionGroup var card: CellCardOptions

    @OptionGroup var destination: RequiredOutput<HTMLPage>

    func run() throws {
        try Diagnostics.reporting {
            var options = CellReport.Options(fitter: settings.fitter, workers: ProcessInfo.processInfo.activeProcessorCount)
            if let circuit {
                let parsed = try settings.circuit(circuit)
                (options.circuit, options.interpretation) = (parsed, try derived.request(for: parsed))
            }
            let read = try card.read(file)
            read.warnings.forEach(Diagnostics.warning)
            var cells = read.cells.map(\.cell)
            if let cell { cells = [try read.cell(named: cell).cell] }
            let source = CellReport.Source(path: file, format: read.layout.summary, warnings: read.warnings)
            let html = CellReport(options).html(source, cells: cells)
            try AtomicOutput.write(html, to: destination.output, force: destination.force, inputs: [file])
            print("wrote \(destination.output): \(cells.count) cell\(cells.count == 1 ? "" : "s")")
        }
    }
}

/// The HTML page `coulomb report` writes.
enum HTMLPage: OutputFiles {
    static let help = "The HTML file to write."

    static func check(_ path: String) throws {
        let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard suffix == "html" || suffix == "htm" else {
            throw ValidationError("a report is written as HTML: name the output '….html', not '\(path)'")
        }
    }
}
