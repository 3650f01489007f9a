import ArgumentParser
import CoulombCore
import CoulombIO

/// `--cell ID`: which cell of a file an analysis runs on.
struct CellSelection: ParsableArguments {
    @Option(name: .long, help: "The cell to analyse, when the file holds several.")
    var cell: String?

    @OptionGroup var card: CellCardOptions

    /// The chosen cell of a file and its cycling record; warnings from reading are printed.
    func cycling(in path: String) throws -> (cell: Cell, data: CyclingData) {
        let file = try card.read(path)
        file.warnings.forEach(Diagnostics.warning)
        let chosen = try file.cell(named: cell, holding: "cells") { _ in true }.cell
        guard let data = chosen.cycling else {
            throw CoulombIOError(file: path, problem: "cell '\(chosen.id)' has no cycling data")
        }
        return (chosen, data)
    }
}

/// What `ccd` and `shorts` read: a symmetric cell's file, the cell and its electrode area.
struct SymmetricInput: ParsableArguments {
    @Argument(help: "A battdat or hdf5-columns file, or a cycler export, of a symmetric cell.")
    var file: String

    @OptionGroup var selection: CellSelection

    /// The cell, its record and the area to use (`nil` when neither an option, a card nor the file gives one).
    func load() throws -> (cell: Cell, data: CyclingData, area_cm2: Double?) {
        let (cell, data) = try selection.cycling(in: file)
        return (cell, data, cell.area_cm2)
    }

    /// Runs an analysis on the cell and delivers its report; errors name the file and the cell.
    func report<R: CommandOutput>(
        to destination: OutputFileOptions, format: OutputFormatOptions, count: (R) -> String,
        _ analysis: (_ cell: Cell, _ data: CyclingData, _ area_cm2: Double?) throws -> R
    ) throws {
        try Diagnostics.reporting {
            let (cell, data, area) = try load()
            let report = try CellAnalysisError.naming(file, cell) { try analysis(cell, data, area) }
            try destination.deliver(report, format: format, inputs: [file], count: count(report))
        }
    }
}

/// The short-circuit thresholds of `ccd` and `shorts` (defaults and their reasons: `ShortCriteria`).
struct ShortThresholdOptions: ParsableArguments {
    @Option(name: .customLong("hard-short-fraction"), help: "Hard short: |V| below this fraction of the expected overpotential, lasting.")
    var hardShortFraction = ShortCriteria().hardShortFraction

    @Option(name: .customLong("drop-fraction"), help: "Sudden drop: a fall of |V| of more than this fraction of the plateau…")
    var dropFraction = ShortCriteria().dropFraction

    @Option(name: .customLong("drop-noise-factor"), help: "…and more than this many times the half-cycle's noise.")
    var dropNoiseFactor = ShortCriteria().dropNoiseFactor

    @Option(name: .customLong("noise-factor"), help: "Soft short: noise above this many times the cell's early noise.")
    var noiseFactor = ShortCriteria().noiseFactor

    @Option(name: .customLong("drop-window"), help: "A drop is sudden when it happens within this many samples.")
    var dropWindow = ShortCriteria().dropWindow

    @Option(name: .customLong("ohmic-tolerance"), help: "After a drop that stays: a trace whose start and growth stay within this fraction of its plateau is a resistor (partial_resistive).")
    var ohmicTolerance = ShortCriteria().ohmicTolerance

    @Option(name: .customLong("gradual-fraction"), help: "Gradual soft short (shorts): plateau ASR this fraction below the established one…")
    var gradualFraction = ShortCriteria().gradualFraction

    @Option(name: .customLong("gradual-half-cycles"), help: "…for this many consecutive half-cycles.")
    var gradualHalfCycles = ShortCriteria().gradualHalfCycles

    var criteria: ShortCriteria {
        var criteria = ShortCriteria()
        criteria.dropWindow = dropWindow
        criteria.ohmicTolerance = ohmicTolerance
        criteria.gradualFraction = gradualFraction
        criteria.gradualHalfCycles = gradualHalfCycles
        criteria.hardShortFraction = hardShortFraction
        criteria.dropFraction = dropFraction
        criteria.dropNoiseFactor = dropNoiseFactor
        criteria.noiseFactor = noiseFactor
        return criteria
    }

    func validate() throws {
        guard dropWindow >= 1 else { throw ValidationError("--drop-window must be at least 1 sample") }
        guard gradualHalfCycles >= 1 else { throw ValidationError("--gradual-half-cycles must be at least 1") }
        guard gradualFraction > 0, gradualFraction < 1 else { throw ValidationError("--gradual-fraction must lie between 0 and 1") }
    }
}

/// `--mode`: the Coulombic-efficiency convention, or `auto`.
/// `--mode`: the CE convention, which also decides how half-cycles pair into cycles.
struct ConventionOptions: ParsableArguments {
    @Option(help: "Coulombic-efficiency convention, which decides how half-cycles pair into cycles: auto, anode, cathode, full or symmetric.")
    var mode: ModeOption = .auto

    /// The convention for a cell's record: the one asked for, or the one its evidence supports.
    func choose(_ cell: Cell, _ data: CyclingData) -> CycleConvention.Choice {
        CycleConvention.Choice.choose(mode.convention, cell: cell, data: data)
    }
}

/// `--capacity-source`: capacities integrated from the current or the instrument's counters.
struct CapacitySourceOptions: ParsableArguments {
    @Option(name: .customLong("capacity-source"), help: "integrated (from the current) or counters (the instrument's).")
    var capacitySource: CapacitySourceOption = .integrated
}

enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case auto, anode, cathode, full, symmetric

    var convention: CycleConvention? { CycleConvention(rawValue: rawValue) }
}

/// An analysis failure on a cell, told with the file and the cell it concerns.
struct CellAnalysisError: Error, CustomStringConvertible {
    var file: String
    var cell: String
    var error: any Error

    var description: String { "\(file): cell '\(cell)': \(error)" }

    /// Runs `body`, naming the file and cell in any error it throws.
    static func naming<T>(_ file: String, _ cell: Cell, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw CellAnalysisError(file: file, cell: cell.id, error: error) }
    }
}
