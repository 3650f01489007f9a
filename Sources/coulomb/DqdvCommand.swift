import ArgumentParser
import CoulombCore
import CoulombIO
import Foundation

/// `coulomb dqdv FILE`: incremental capacity (or differential voltage) per half-cycle, and its peaks.
struct DqdvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dqdv",
        abstract: "dQ/dV (or dV/dQ with --dvdq) per half-cycle, with peak positions, heights, areas and widths.",
        discussion: """
            Per half-cycle (its constant-current steps): the samples of each --level-step-V voltage level are \
            averaged into one point (the mean, so noise does not shift peaks), moving only forward in voltage \
            so relaxation spikes and noise cannot fold the curve; capacity is \
            interpolated onto a uniform voltage grid (--resolution-V) and differentiated with Gaussian \
            smoothing of FWHM --smoothing-width-V (default: area-preserving, no ringing) or a Savitzky–Golay \
            filter. Discharge dQ/dV is negative. With --dvdq, voltage is put on a capacity grid instead.
            """
    )

    @Argument(help: "A battdat or hdf5-columns file, or a cycler export.")
    var file: String

    @OptionGroup var selection: CellSelection

    @OptionGroup var analysis: DifferentialSettings

    @Flag(help: "Report the peaks of each curve instead of the curve.")
    var peaks = false

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func validate() throws {
        guard try destination.kind() != .h5 else {
            throw ValidationError("dqdv writes .csv or .json; per-cycle HDF5 tables come from `coulomb cycles -o FILE.h5`")
        }
    }

    func run() throws {
        try Diagnostics.reporting {
            let (cell, data) = try selection.cycling(in: file)
            let (choice, result, finder) = try analysis.curves(of: data, cell: cell, file: file)
            let report = DifferentialReport(file: file, cell: cell, convention: choice, result: result,
                                            settings: analysis.settings, peaks: peaks ? finder : nil)
            try destination.deliver(report, format: format, inputs: [file], count: "\(report.result.curves.count) curves")
        }
    }
}

/// The dQ/dV and dV/dQ settings `dqdv` and `plot dqdv` share: which cycles, and how curves are made.
struct DifferentialSettings: ParsableArguments {
    @Option(help: "Cycles to analyse, e.g. 1,2,10 or 1-5,10 (default: all).")
    var cycles: NumberList?

    @OptionGroup var convention: ConventionOptions

    @Option(help: "charge, discharge or both.")
    var direction: DirectionOption = .both

    @Option(name: .customLong("resolution-V"), help: "Voltage grid step in volts.")
    var resolution_V = 0.001

    @Option(name: .customLong("level-step-V"), help: "Smallest voltage step between kept points, in volts.")
    var levelStep_V = 0.002

    @Option(help: "gaussian, savitzky-golay or none.")
    var smoothing: SmoothingOption = .gaussian

    @Option(name: .customLong("smoothing-width-V"),
            help: "Gaussian FWHM or Savitzky–Golay window in volts (default: 0.01 for gaussian, 0.02 for savitzky-golay).")
    var smoothingWidth_V: Double?

    @Option(name: .customLong("polynomial-order"), help: "Savitzky–Golay polynomial order.")
    var polynomialOrder = 3

    @Flag(help: "dV/dQ against capacity instead of dQ/dV against voltage.")
    var dvdq = false

    @Option(name: .customLong("resolution-mAh"), help: "dV/dQ capacity grid step in mAh (default: 1/1000 of the largest half-cycle).")
    var resolution_mAh: Double?

    @Option(name: .customLong("smoothing-width-mAh"), help: "dV/dQ smoothing width in mAh (default: 1/100 of the largest half-cycle).")
    var smoothingWidth_mAh: Double?

    @Option(help: "Smallest peak prominence, as a fraction of the curve's largest value.")
    var prominence = 0.05

    func validate() throws {
        if dvdq, smoothing == .savitzkyGolay, smoothingWidth_mAh == nil {
            throw ValidationError("--dvdq with --smoothing savitzky-golay needs --smoothing-width-mAh")
        }
    }

    /// The curves of the chosen cycles and directions, the convention that paired half-cycles into
    /// cycles, and the peak finder; half-cycles too short for a curve are warned about.
    func curves(of data: CyclingData, cell: Cell, file: String) throws
        -> (convention: CycleConvention.Choice, result: DifferentialAnalysis.Result, peaks: PeakFinder) {
        let (choice, result) = try CellAnalysisError.naming(file, cell) {
            try AnalysisError.requirePositive(prominence, "the peak prominence")
            let choice = convention.choose(cell, data)
            let result = try analysis().curves(dvdq ? .differentialVoltage : .incrementalCapacity, of: data,
                                               convention: choice, cycles: cycles.map { Set($0.numbers) },
                                               directions: direction.directions)
            return (choice, result)
        }
        for skipped in result.skipped {
            Diagnostics.warning("\(file): cell '\(cell.id)': cycle \(skipped.cycle) \(skipped.direction.rawValue): \(skipped.reason)")
        }
        return (choice, result, PeakFinder(minimumProminence: prominence))
    }

    var width: Double { smoothingWidth_V ?? (smoothing == .gaussian ? 0.010 : 0.020) }

    func analysis() -> DifferentialAnalysis {
        var analysis = DifferentialAnalysis()
        analysis.levelFilter = LevelFilter(step_V: levelStep_V)
        analysis.resolution_V = resolution_V
        analysis.voltageSmoothing = smoothing.smoothing(width: width, order: polynomialOrder)
        analysis.resolution_Ah = resolution_mAh.map(UnitConversion.ampereHours(milliampereHours:))
        // Without a width, the core's default Gaussian scales with the data.
        analysis.capacitySmoothing = smoothing == .none ? Smoothing.none
            : smoothingWidth_mAh.map { smoothing.smoothing(width: UnitConversion.ampereHours(milliampereHours: $0), order: polynomialOrder) }
        return analysis
    }

    /// The settings, as the outputs state them.
    var settings: [(key: String, value: JSONValue)] {
        var list: [(key: String, value: JSONValue)] = [
            ("level_step_V", .number(levelStep_V)), ("smoothing", .string(smoothing.rawValue)),
        ]
        if dvdq {
            list.append(("resolution_mAh", resolution_mAh.json))
            list.append(("smoothing_width_mAh", smoothingWidth_mAh.json))
        } else {
            list.append(("resolution_V", .number(resolution_V)))
            if smoothing != .none { list.append(("smoothing_width_V", .number(width))) }
        }
        if smoothing == .savitzkyGolay { list.append(("polynomial_order", .number(Double(polynomialOrder)))) }
        return list
    }
}

enum DirectionOption: String, ExpressibleByArgument, CaseIterable {
    case charge, discharge, both

    var directions: Set<Direction> {
        switch self {
        case .charge: [.charge]
        case .discharge: [.discharge]
        case .both: Set(Direction.allCases)
        }
    }
}

enum SmoothingOption: String, ExpressibleByArgument, CaseIterable {
    case gaussian
    case savitzkyGolay = "savitzky-golay"
    case none

    func smoothing(width: Double, order: Int) -> Smoothing {
        switch self {
        case .gaussian: .gaussian(fwhm: width)
        case .savitzkyGolay: .savitzkyGolay(width: width, order: order)
        case .none: .none
        }
    }
}
