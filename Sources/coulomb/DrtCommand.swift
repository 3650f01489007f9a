import ArgumentParser
import CoulombCore
import CoulombIO
import CoulombPlot
import Foundation

/// What `coulomb drt` and `coulomb plot drt` share: the spectra and how their DRT is computed.
struct DrtInput: ParsableArguments {
    @OptionGroup var input: SpectraInput

    @Option(name: .long, help: "Regularisation strength λ (default: chosen per spectrum by the real/imaginary discrepancy).")
    var lambda: Double?

    @Option(name: .long, help: "Which part of Z γ is fitted to: complex, real or imaginary.")
    var part: DistributionOfRelaxationTimes.Part = .complex

    @Option(name: .long, help: "The derivative of γ the penalty is on: 1 or 2.")
    var derivative = 1

    @Flag(help: "Fit a series inductance rather than leave out the inductive tail.")
    var inductance = false

    @OptionGroup var capacitances: CapacitanceClassOptions

    func validate() throws {
        if let lambda, !(lambda > 0) { throw ValidationError("--lambda must be positive") }
        guard derivative == 1 || derivative == 2 else { throw ValidationError("--derivative must be 1 or 2") }
    }

    /// The spectra, their DRT (on every core) and the settings, with each failure warned about.
    func run() throws -> (cell: Cell, spectra: [ImpedanceSpectrum], results: [Result<DistributionOfRelaxationTimes.Result, AnalysisError>],
                          rejected: [(id: Int, problem: String)], drt: DistributionOfRelaxationTimes) {
        let classes = try capacitances.classes()
        let (cell, spectra, rejected) = try input.load()
        rejected.forEach { Diagnostics.warning($0.problem) }
        let drt = DistributionOfRelaxationTimes(
            part: part, derivativeOrder: derivative, lambda: lambda, inductance: inductance, capacitanceClasses: classes,
            cellConstant_per_cm: cell.cellConstant_per_cm(thickness_cm: capacitances.thickness_cm))
        let results = drt.analyse(spectra, workers: ProcessInfo.processInfo.activeProcessorCount)
        for (index, result) in results.enumerated() {
            if case .failure(let error) = result {
                Diagnostics.warning("\(input.file): cell '\(cell.id)': spectrum \(spectra[index].testID ?? index): \(error)")
            }
        }
        return (cell, spectra, results, rejected, drt)
    }
}

extension DistributionOfRelaxationTimes.Part: ExpressibleByArgument {}

/// `coulomb drt FILE`: the distribution of relaxation times of each spectrum and the processes on it.
struct DrtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drt",
        abstract: "Distribution of relaxation times: one row per peak with its τ, R and effective capacitance.",
        discussion: """
            γ(τ) by Tikhonov regularisation on Gaussian basis functions (γ ≥ 0), λ chosen by the real/imaginary \
            discrepancy (Saccoccio et al. 2014) unless --lambda is given. Each peak's τ and R come from a fit of \
            one ZARC (R‖CPE) per peak to Z, seeded by the DRT; C_F is the Hsu–Mansfeld effective capacitance τ/R \
            and assignment its class. With --curves the table (or -o file) holds the γ(τ) curves instead of the \
            peaks; JSON holds both (the curves under "curves").
            """
    )

    @OptionGroup var options: DrtInput

    @Flag(help: "Write the γ(τ) curves (spectrum, tau_s, gamma_ohm) instead of the peaks.")
    var curves = false

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func run() throws {
        try Diagnostics.reporting {
            let (cell, spectra, results, rejected, drt) = try options.run()
            let json = (try destination.kind()) == .json || (destination.output == nil && format.resolvedFormat == .json)
            let report = DrtReport(file: options.input.file, cell: cell, drt: drt, spectra: spectra, outcomes: results,
                                   rejected: rejected, curvesOnly: curves, curvesInSummary: json)
            try destination.deliver(report, format: format, inputs: [options.input.file],
                                    count: "\(spectra.count) spectra analysed")
        }
    }
}

/// `coulomb plot drt FILE`.
struct DrtPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drt", abstract: "γ against τ (log axis) of each spectrum, overlaid, with its peaks marked.")

    @OptionGroup var options: DrtInput
    @OptionGroup var destination: FigureOutputOptions

    func run() throws {
        try Diagnostics.reporting {
            let (cell, spectra, results, _, _) = try options.run()
            let subtitle = "\(options.input.file) · cell \(cell.id) · \(spectra.count) spectr\(spectra.count == 1 ? "um" : "a")"
            try destination.write(Plot.drt(spectra, results: results.map { try? $0.get() }, subtitle: subtitle),
                                  inputs: [options.input.file])
        }
    }
}

/// DRT results for people and scripts: one row per peak (or per point of γ with `curvesOnly`).
struct DrtReport: CellResult {
    var file: String
    var cell: Cell
    var drt: DistributionOfRelaxationTimes
    var spectra: [ImpedanceSpectrum]
    var outcomes: [Result<DistributionOfRelaxationTimes.Result, AnalysisError>]
    var rejected: [(id: Int, problem: String)]
    var curvesOnly: Bool
    var curvesInSummary: Bool

    private var entries: [(id: Int, outcome: Result<DistributionOfRelaxationTimes.Result, AnalysisError>)] {
        SpectrumEntry.merged(spectra, outcomes, rejected: rejected).map { ($0.id, $0.outcome) }
    }

    func results() -> ResultTable {
        drt.resultTable(file: file, cell: cell, spectra: spectra, outcomes: outcomes, rejected: rejected,
                        curvesOnly: curvesOnly, curvesInSummary: curvesInSummary)
    }

    func text() -> String {
        let table = results()
        let shown = curvesOnly ? table.columns
            : ["spectrum", "peak", "tau_s", "frequency_Hz", "R_ohm", "C_F", "assignment", "n", "lambda", "error"]
        var lines = ["\(file): cell \(cell.id): DRT of \(spectra.count) spectra (\(drt.part.rawValue) part, derivative "
                     + "\(drt.derivativeOrder)); R and tau from a ZARC per peak fitted to Z; C = tau/R (Hsu-Mansfeld)"]
        for (id, outcome) in entries {
            if case .success(let r) = outcome, !r.warnings.isEmpty {
                lines.append("spectrum \(id): " + r.warnings.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n") + "\n" + table.text(columns: shown)
    }
}
