import BenchmarkTiming
import CoulombCore
import CoulombIO
import Foundation

/// Times Coulomb's dQ/dV of every half-cycle of a cycling file, the data already in memory, printing JSON
/// lines: the read (for reference), the analysis, its stages, and the peaks of one cycle (or `all`) for
/// the sanity check against cellpy.
///
///     dqdv-bench FILE [REPEATS] [PEAK_CYCLE|all]
@main
struct DqdvBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count > 1 else {
            FileHandle.standardError.write(Data("usage: dqdv-bench FILE [REPEATS] [PEAK_CYCLE|all]\n".utf8))
            exit(2)
        }
        let path = arguments[1]
        let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
        let peakCycles: ((Int) -> Bool)? = arguments.count > 3
            ? (arguments[3] == "all" ? { _ in true } : { [chosen = Int(arguments[3])] in $0 == chosen }) : nil

        var data: CyclingData?
        let read = try Timing.timed(repeats) { data = try CellFileReader.read(path).cells[0].cell.cycling }
        guard let data else { fatalError("\(path): no cycling data") }

        let convention = CycleConvention.Choice.choose(.anode, cell: Cell(id: "bench"), data: data)
        var result: DifferentialAnalysis.Result?
        let analysis = try Timing.timed(repeats) {
            result = try DifferentialAnalysis().curves(.incrementalCapacity, of: data, convention: convention)
        }
        let curves = result!.curves
        let points = curves.reduce(0) { $0 + $1.grid.values.count }
        let stages = stageTimes(data, convention: convention, repeats: repeats)
        for (name, times) in [("read", read), ("analysis", analysis)] + stages {
            let sorted = times.sorted()
            print("{\"case\": \"\(name)\", \"rows\": \(data.count), \"best_s\": \(sorted[0]), "
                  + "\"median_s\": \(sorted[sorted.count / 2]), \"curves\": \(curves.count), "
                  + "\"skipped\": \(result!.skipped.count), \"points\": \(points)}")
        }
        if let peakCycles {
            for curve in curves where peakCycles(curve.cycle) {
                let peaks = PeakFinder().peaks(curve.derivativeGrid)
                let positions = peaks.map { String($0.position) }.joined(separator: ", ")
                let heights = peaks.map { String($0.height) }.joined(separator: ", ")
                print("{\"case\": \"peaks\", \"cycle\": \(curve.cycle), \"direction\": \(Int(curve.direction.sign)), "
                      + "\"positions_V\": [\(positions)], \"heights_Ah_V\": [\(heights)]}")
            }
        }
    }

    /// The analysis's stages through their public entry points, in the order `DifferentialAnalysis.curves`
    /// runs them with its defaults (1 mV grid, 2 mV level filter, Gaussian of 10 mV FWHM), each timed alone.
    static func stageTimes(_ data: CyclingData, convention: CycleConvention.Choice, repeats: Int) -> [(String, [Double])] {
        let analysis = DifferentialAnalysis()
        var steps: [Step] = [], assignment: CycleAssignment?, halves: [HalfCycle] = []
        var filtered: [(voltage_V: [Double], capacity_Ah: [Double])] = [], grids: [UniformGrid] = []
        var checksum = 0.0
        let segmentation = Timing.timed(repeats) { steps = StepSegmentation().steps(data) }
        let assign = Timing.timed(repeats) {
            assignment = CycleAssignment(steps: steps, data: data, convention: convention.convention)
        }
        let half = Timing.timed(repeats) { halves = HalfCycle.all(steps: steps, cycles: assignment!.cycles) }
        let filter = Timing.timed(repeats) { filtered = halves.map { analysis.levelFilter.apply($0, in: data) } }
        let grid = Timing.timed(repeats) {
            grids = zip(halves, filtered).map { half, kept in
                let (voltage, capacity) = half.direction == .discharge
                    ? (Array(kept.voltage_V.reversed()), Array(kept.capacity_Ah.reversed())) : kept
                return UniformGrid.interpolating(x: voltage, y: capacity, spacing: analysis.resolution_V)
            }
        }
        let smoothing = Timing.timed(repeats) {
            for grid in grids {
                checksum += analysis.voltageSmoothing.derivative(grid.values, spacing: analysis.resolution_V).last ?? 0
            }
        }
        precondition(checksum.isFinite)
        return [("segmentation", segmentation), ("assignment", assign), ("half_cycles", half),
                ("level_filter", filter), ("grid", grid), ("smoothing", smoothing)]
    }
}
