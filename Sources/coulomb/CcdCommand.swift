import ArgumentParser
import CoulombCore
import CoulombIO

/// `coulomb ccd FILE`: the critical current density of a symmetric cell's current-density ramp.
struct CcdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccd",
        abstract: "Critical current density, failure kind and onset of a Li|SE|Li step ramp.",
        discussion: """
            Half-cycles are grouped into current-density levels; the Ohmic baseline ASR_dc is fitted on the \
            first two levels; each half-cycle is checked for a hard short, a sudden drop at constant current, \
            an overpotential lower than at the level before, and noise far above the first level's. A drop is \
            sudden when it happens within --drop-window samples; a level's failure must be confirmed (a hard \
            short, a recurrence, or the next level's plateau below --confirm-fraction of ASR_dc·j). The CCD \
            is the last level passed (null when the first level fails); the failing level and the failure \
            mode (sudden_hard, partial_resistive, sudden_partial, transient_soft, gradual_soft) are reported.
            """
    )

    @OptionGroup var input: SymmetricInput
    @OptionGroup var criteria: CcdThresholdOptions

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func run() throws {
        try input.report(to: destination, format: format, count: { "\($0.verdict.levels.count) levels" }) { cell, data, area in
            CcdReport(file: input.file, cell: cell, verdict: try CriticalCurrentDensity(data, area_cm2: area, thresholds: criteria.thresholds))
        }
    }
}

/// The thresholds of a CCD ramp's verdict (defaults and their reasons: `CriticalCurrentDensity.Thresholds`).
struct CcdThresholdOptions: ParsableArguments {
    @OptionGroup var shorts: ShortThresholdOptions

    @Option(name: .customLong("baseline-levels"), help: "Levels the Ohmic baseline ASR_dc is fitted on.")
    var baselineLevels = CriticalCurrentDensity.Thresholds().baselineLevels

    @Option(name: .customLong("collapse-fraction"), help: "Overpotential collapse: a plateau this fraction below the previous level's.")
    var collapseFraction = CriticalCurrentDensity.Thresholds().collapseFraction

    @Option(name: .customLong("super-ohmic-factor"), help: "Super-Ohmic (informational): a plateau above this multiple of ASR_dc·j.")
    var superOhmicFactor = CriticalCurrentDensity.Thresholds().superOhmicFactor

    @Option(name: .customLong("confirm-fraction"), help: "A suspect level fails only if its failure recurs or the next level's plateau is below this fraction of ASR_dc·j.")
    var confirmFraction = CriticalCurrentDensity.Thresholds().confirmFraction

    var thresholds: CriticalCurrentDensity.Thresholds {
        var thresholds = CriticalCurrentDensity.Thresholds()
        thresholds.shorts = shorts.criteria
        thresholds.baselineLevels = baselineLevels
        thresholds.collapseFraction = collapseFraction
        thresholds.superOhmicFactor = superOhmicFactor
        thresholds.confirmFraction = confirmFraction
        return thresholds
    }

    func validate() throws {
        guard baselineLevels >= 1 else { throw ValidationError("--baseline-levels must be at least 1") }
    }
}

/// A CCD verdict for people and scripts.
struct CcdReport: CommandOutput {
    var file: String
    var cell: Cell
    var verdict: CriticalCurrentDensity

    func results() -> ResultTable {
        verdict.resultTable(file: file, cell: cell)
    }

    func text() -> String {
        let readable = ValueFormatting.readable
        var ccd = verdict.ccd_mA_cm2.map { "\(readable($0)) mA/cm² (last level passed)" } ?? "none (the first level failed)"
        if verdict.ccdIsLowerBound { ccd = "≥ \(readable(verdict.ccd_mA_cm2)) mA/cm² (no failure up to the last level)" }
        if let level = verdict.failureLevel_mA_cm2 { ccd += "; failed at \(readable(level)) mA/cm²" }
        var lines = ["\(file): cell \(cell.id)", "CCD: \(ccd)"]
        if verdict.failure != .none {
            lines.append("failure: \(verdict.failure.rawValue) (\(verdict.failureMode?.rawValue ?? "")), \(ValueFormatting.duration(verdict.onsetTime_s)) into the test, after \(readable(verdict.cumulativeArealCapacity_mAh_cm2)) mAh/cm²")
        }
        lines.append("protocol: \(verdict.rampProtocol.rawValue); ASR_dc \(readable(verdict.asrDC_ohm_cm2)) Ω·cm² (first levels)")
        return lines.joined(separator: "\n") + "\n" + results().text()
    }
}
