import ArgumentParser
import CoulombCore
import CoulombIO
import Foundation

/// `coulomb kk FILE`: the linear Kramers–Kronig test of each spectrum.
struct KkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kk",
        abstract: "Kramers-Kronig validity of impedance spectra (lin-KK, Schönleber et al. 2014).",
        discussion: """
            Fits R0, M RC elements with log-spaced fixed time constants, a series L and, for a spectrum whose \
            low-frequency end is capacitive (blocking electrodes), a series C, linearly, raising M until mu <= \
            the cutoff. A spectrum is valid when every residual (Z - fit)/|Z| is within the threshold, in both \
            the real and the imaginary part. See docs/IMPEDANCE.md.
            """
    )

    @OptionGroup var input: SpectraInput

    @Option(name: .customLong("mu-cutoff"), help: "Stop adding RC elements when mu falls to this.")
    var muCutoff = KramersKronig().muCutoff

    @Option(name: .customLong("max-m"), help: "The most RC elements to use.")
    var maximumM = KramersKronig().maximumM

    @Option(name: .customLong("max-residual-pct"), help: "Largest |residual| (% of |Z|) of a valid spectrum.")
    var maximumResidual = KramersKronig().maximumResidual_pct

    @Option(name: .customLong("series-capacitance"), help: ArgumentHelp(
        "Series capacitance in the test circuit: auto, on or off.", discussion: """
            auto: when -Z'' rises as the frequency falls at the low-frequency end (log-log slope <= -0.25 over \
            the lowest half decade), the test runs with and without it and keeps the smaller largest residual.
            """))
    var seriesCapacitance: KramersKronig.SeriesCapacitance = .auto

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func validate() throws {
        guard muCutoff > 0, muCutoff <= 1 else { throw ValidationError("--mu-cutoff must be in (0, 1]") }
        guard maximumM >= 1 else { throw ValidationError("--max-m must be at least 1") }
        guard maximumResidual > 0 else { throw ValidationError("--max-residual-pct must be positive") }
    }

    func run() throws {
        try Diagnostics.reporting {
            let (cell, spectra, rejected) = try input.load()
            let test = KramersKronig(muCutoff: muCutoff, maximumM: maximumM, maximumResidual_pct: maximumResidual,
                                     seriesCapacitance: seriesCapacitance)
            let results = test.test(spectra, workers: ProcessInfo.processInfo.activeProcessorCount)
            let report = KkReport(file: input.file, cell: cell, test: test, spectra: spectra, outcomes: results,
                                  rejected: rejected)
            rejected.forEach { Diagnostics.warning($0.problem) }
            for (index, result) in results.enumerated() {
                if case .failure(let error) = result {
                    Diagnostics.warning("\(input.file): cell '\(cell.id)': spectrum \(spectra[index].testID ?? index): \(error)")
                }
            }
            try destination.deliver(report, format: format, inputs: [input.file], count: "\(spectra.count) spectra tested", hdf5Table: "kk_tests")
        }
    }
}

extension KramersKronig.SeriesCapacitance: ExpressibleByArgument {}

/// lin-KK results for people and scripts: one row per spectrum.
struct KkReport: CommandOutput {
    var file: String
    var cell: Cell
    var test: KramersKronig
    var spectra: [ImpedanceSpectrum]
    var outcomes: [Result<KramersKronig.Result, AnalysisError>]
    /// Spectra that could not be read: a row each, with the error.
    var rejected: [(id: Int, problem: String)]

    func results() -> ResultTable {
        test.resultTable(file: file, cell: cell, spectra: spectra, outcomes: outcomes, rejected: rejected)
    }

    func text() -> String {
        let valid = outcomes.filter { (try? $0.get())?.isValid == true }.count
        return "\(file): cell \(cell.id): \(valid) of \(spectra.count + rejected.count) spectra valid (|residual| <= "
            + "\(ValueFormatting.readable(test.maximumResidual_pct)) %)\n" + results().text()
    }
}
