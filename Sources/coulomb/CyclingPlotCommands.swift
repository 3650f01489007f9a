import ArgumentParser
import CoulombCore
import CoulombPlot

/// What the cycling figures read: a file and its cell.
struct CyclingPlotInput: ParsableArguments {
    @Argument(help: "A battdat or hdf5-columns file.")
    var file: String

    @OptionGroup var selection: CellSelection

    @OptionGroup var destination: FigureOutputOptions

    /// Loads the cell and writes the figure `draw` makes of it; analysis errors name the file and cell.
    func plot(_ draw: (_ cell: Cell, _ data: CyclingData, _ subtitle: String) throws -> String) throws {
        try Diagnostics.reporting {
            let (cell, data) = try selection.cycling(in: file)
            let svg = try CellAnalysisError.naming(file, cell) { try draw(cell, data, "\(file) · cell \(cell.id)") }
            try destination.write(svg, inputs: [file])
        }
    }

    /// `plot` for the figures per gram under a CE convention: the active mass must be known, and the
    /// subtitle names the convention chosen.
    func plot(convention: ConventionOptions,
              _ draw: (_ data: CyclingData, _ choice: CycleConvention.Choice, _ activeMass_g: Double?, _ subtitle: String) throws -> String) throws {
        try plot { cell, data, subtitle in
            try AnalysisError.requirePositive(cell.activeMass_g, "the active mass (g)")
            let choice = convention.choose(cell, data)
            return try draw(data, choice, cell.activeMass_g, subtitle + " · " + choice.caption)
        }
    }
}

/// `coulomb plot voltage FILE`.
struct VoltageTimePlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voltage", abstract: "Voltage (and current) against time.")

    @OptionGroup var input: CyclingPlotInput

    @Flag(name: .customLong("no-current"), help: "Leave out the current axis.")
    var noCurrent = false

    func run() throws {
        try input.plot { _, data, subtitle in Plot.voltageTime(data, showCurrent: !noCurrent, subtitle: subtitle) }
    }
}

/// `coulomb plot voltage-capacity FILE`.
struct VoltageCapacityPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voltage-capacity",
        abstract: "Voltage against capacity per half-cycle, cycles coloured from first (dark) to last (pale).")

    @OptionGroup var input: CyclingPlotInput

    @Option(help: "Cycles to draw, e.g. 1,2,10 or 1-5,10 (default: all).")
    var cycles: NumberList?

    @OptionGroup var convention: ConventionOptions

    func run() throws {
        try input.plot(convention: convention) { data, choice, mass, subtitle in
            let curves = try VoltageCapacityCurve.all(data, convention: choice, cycles: cycles.map { Set($0.numbers) })
            return Plot.voltageCapacity(curves, activeMass_g: mass, subtitle: subtitle)
        }
    }
}

/// `coulomb plot capacity FILE`.
struct CapacityPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity", abstract: "Charge and discharge capacity and Coulombic efficiency against cycle (as `coulomb cycles`).")

    @OptionGroup var input: CyclingPlotInput

    @OptionGroup var convention: ConventionOptions
    @OptionGroup var capacities: CapacitySourceOptions

    func run() throws {
        try input.plot(convention: convention) { data, choice, mass, subtitle in
            let table = try CycleTable(data, convention: choice, capacitySource: capacities.capacitySource.source)
            return Plot.capacityEfficiency(table, activeMass_g: mass, subtitle: subtitle)
        }
    }
}

/// `coulomb plot dqdv FILE`.
struct DqdvPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dqdv", abstract: "dQ/dV (or dV/dQ) of the chosen cycles overlaid, with their peaks marked (as `coulomb dqdv`).")

    @OptionGroup var input: CyclingPlotInput
    @OptionGroup var analysis: DifferentialSettings

    @Flag(name: .customLong("no-peaks"), help: "Do not mark the peaks.")
    var noPeaks = false

    func run() throws {
        try input.plot { cell, data, subtitle in
            let (_, result, finder) = try analysis.curves(of: data, cell: cell, file: input.file)
            guard !result.curves.isEmpty else { throw AnalysisError("no half-cycle gave a curve") }
            return Plot.differential(result.curves, peaks: noPeaks ? nil : finder, subtitle: subtitle)
        }
    }
}
