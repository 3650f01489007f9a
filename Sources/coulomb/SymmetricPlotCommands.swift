import ArgumentParser
import CoulombCore
import CoulombPlot

extension SymmetricInput {
    /// Runs an analysis on the cell and writes the figure it draws; errors name the file and the cell.
    func plot(to destination: FigureOutputOptions,
              _ draw: (_ data: CyclingData, _ area_cm2: Double?, _ subtitle: String) throws -> String) throws {
        try Diagnostics.reporting {
            let (cell, data, area) = try load()
            let svg = try CellAnalysisError.naming(file, cell) { try draw(data, area, "\(file) · cell \(cell.id)") }
            try destination.write(svg, inputs: [file])
        }
    }
}

/// `coulomb plot ccd FILE`.
struct CcdPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccd",
        abstract: "A symmetric cell's current-density ramp: the trace, its levels shaded, the failure onset marked (as `coulomb ccd`).")

    @OptionGroup var input: SymmetricInput
    @OptionGroup var criteria: CcdThresholdOptions
    @OptionGroup var destination: FigureOutputOptions

    func run() throws {
        try input.plot(to: destination) { data, area, subtitle in
            let verdict = try CriticalCurrentDensity(data, area_cm2: area, thresholds: criteria.thresholds)
            return Plot.symmetricTrace(data, ccd: verdict, subtitle: subtitle)
        }
    }
}

/// `coulomb plot shorts FILE`.
struct ShortsPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shorts",
        abstract: "Long plating/stripping of a symmetric cell: the trace with its first soft and hard short marked (as `coulomb shorts`).")

    @OptionGroup var input: SymmetricInput
    @OptionGroup var shorts: ShortThresholdOptions
    @OptionGroup var destination: FigureOutputOptions

    func run() throws {
        try input.plot(to: destination) { data, area, subtitle in
            let monitor = try ShortMonitor(data, area_cm2: area, criteria: shorts.criteria)
            return Plot.symmetricTrace(data, shorts: monitor, subtitle: subtitle)
        }
    }
}
