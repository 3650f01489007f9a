import BenchmarkTiming
import CoulombCore
import Foundation

/// Times Coulomb's whole per-cycle table on a realistic synthetic record — and its parts — next to a
/// plain copy of its input columns, printing JSON lines (one per case, then the table itself, so the
/// Python side can check it against numpy).
///
///     cycle-table-bench [ROWS] [CYCLES] [REPEATS]
///
/// The record is the one `compare_cycle_table.py` builds with numpy, value for value: per cycle a CC
/// charge, a CV tail, a rest, a CC discharge and a rest, with noise from a counter-based generator.
@main
struct CycleTableBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        let rows = arguments.count > 1 ? Int(arguments[1]) ?? 50_000_000 : 50_000_000
        let cycles = arguments.count > 2 ? Int(arguments[2]) ?? 5_000 : 5_000
        let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
        let record = SyntheticRecord(rows: rows, cycles: cycles)
        var checksum = 0.0
        var results: [(String, [Double], String)] = []

        // Construction validates the columns (lengths, finite values, time never decreasing): its own pass.
        var data: CyclingData?
        let construct = try Timing.timed(repeats) {
            data = try CyclingData(time_s: record.time_s, voltage_V: record.voltage_V, current_A: record.current_A,
                                   cycleIndex: record.cycleIndex, stepIndex: record.stepIndex)
        }
        results.append(("construct", construct, ""))
        let cycling = data!

        var table: CycleTable?
        let whole = try Timing.timed(repeats) {
            table = try CycleTable(cycling, convention: CycleConvention.Choice.choose(.full, cell: Cell(id: "bench"), data: cycling))
            checksum += table!.rows[cycles / 2].dischargeCapacity_Ah
        }
        results.append(("table", whole, ", \"cycles_out\": \(table!.rows.count)"))

        // Where the table's time goes: its three stages, run as CycleTable runs them.
        var steps: [Step] = []
        let segmentation = Timing.timed(repeats) { steps = StepSegmentation().steps(cycling) }
        results.append(("segmentation", segmentation, ", \"steps\": \(steps.count)"))
        // The same record without the instrument's step index, and without either index: what following
        // the instrument's runs costs (the steps found from the current alone are nearly the same).
        for (name, stepIndex, cycleIndex) in [("segmentation_no_step_index", nil, record.cycleIndex),
                                             ("segmentation_no_indices", nil, nil)] as [(String, [Int]?, [Int]?)] {
            let variant = try CyclingData(time_s: record.time_s, voltage_V: record.voltage_V, current_A: record.current_A,
                                          cycleIndex: cycleIndex, stepIndex: stepIndex)
            var found = 0
            let times = Timing.timed(repeats) { found = StepSegmentation().steps(variant).count }
            results.append((name, times, ", \"steps\": \(found)"))
        }
        var assignment: CycleAssignment?
        let assign = Timing.timed(repeats) {
            assignment = CycleAssignment(steps: steps, data: cycling, convention: .full)
        }
        results.append(("assignment", assign, ", \"cycles_out\": \(assignment!.cycles.count)"))
        var segmentCount = 0
        let reduction = Timing.timed(repeats) {
            // Every step a segment, and a rest's first row a segment of its own (as CycleTable does).
            var starts: [Int] = []
            starts.reserveCapacity(2 * steps.count)
            for step in steps {
                starts.append(step.rows.lowerBound)
                if step.kind == .rest, step.rows.count > 1 { starts.append(step.rows.lowerBound + 1) }
            }
            segmentCount = starts.count
            let statistics = SegmentedReduction.reduce(
                time_s: cycling.time_s, voltage_V: cycling.voltage_V, current_A: cycling.current_A, segmentStarts: starts)
            checksum += statistics[statistics.count / 2].chargeCapacity_Ah
        }
        results.append(("reduction", reduction, ", \"segments\": \(segmentCount)"))

        // The kernel alone over the instrument's cycles (what numpy's reduceat does).
        let cycleStarts = (0..<cycles).map { $0 * record.perCycle }
        let kernel = Timing.timed(repeats) {
            let statistics = SegmentedReduction.reduce(
                time_s: cycling.time_s, voltage_V: cycling.voltage_V, current_A: cycling.current_A,
                segmentStarts: cycleStarts)
            checksum += statistics[cycles / 3].dischargeCapacity_Ah
        }
        results.append(("kernel_cycles", kernel, ", \"segments\": \(cycles)"))

        // The floor: copy the table's input columns (3 float columns, and with the two index columns).
        var doubles = [[Double]](repeating: [Double](repeating: 0, count: rows), count: 3)
        var integers = [[Int]](repeating: [Int](repeating: 0, count: rows), count: 2)
        let copy3 = Timing.timed(repeats) {
            for (index, column) in [record.time_s, record.voltage_V, record.current_A].enumerated() {
                doubles[index].withUnsafeMutableBytes { out in column.withUnsafeBytes { out.copyMemory(from: $0) } }
            }
            checksum += doubles[2][rows / 2]
        }
        results.append(("copy3", copy3, ""))
        let copy5 = Timing.timed(repeats) {
            for (index, column) in [record.time_s, record.voltage_V, record.current_A].enumerated() {
                doubles[index].withUnsafeMutableBytes { out in column.withUnsafeBytes { out.copyMemory(from: $0) } }
            }
            for (index, column) in [record.cycleIndex, record.stepIndex].enumerated() {
                integers[index].withUnsafeMutableBytes { out in column.withUnsafeBytes { out.copyMemory(from: $0) } }
            }
            checksum += doubles[2][rows / 2] + Double(integers[1][rows / 3])
        }
        results.append(("copy5", copy5, ""))

        for (name, times, extra) in results {
            let sorted = times.sorted()
            print("{\"case\": \"\(name)\", \"rows\": \(rows), \"best_s\": \(sorted[0]), "
                  + "\"median_s\": \(sorted[sorted.count / 2])\(extra), \"checksum\": \(checksum)}")
        }
        // The table itself, column by column, for the comparison with numpy.
        let table_ = table!
        func column(_ key: String, _ value: (CycleTable.Row) -> Double) -> String {
            "\"\(key)\": [" + table_.rows.map { String(value($0)) }.joined(separator: ",") + "]"
        }
        let columns = [
            column("cycle", { Double($0.cycle) }),
            column("charge_Ah", \.chargeCapacity_Ah), column("discharge_Ah", \.dischargeCapacity_Ah),
            column("charge_Wh", \.chargeEnergy_Wh), column("discharge_Wh", \.dischargeEnergy_Wh),
            column("duration_s", \.duration_s),
            column("min_V", \.minimumVoltage_V), column("max_V", \.maximumVoltage_V),
            column("ce", { $0.coulombicEfficiency ?? .nan }),
        ]
        print("{\"case\": \"rows\", " + columns.joined(separator: ", ") + "}")
    }
}

/// The synthetic record, row by row; `compare_cycle_table.py` computes the same numbers with numpy.
///
/// 1 s sampling with up to 1 ms jitter. Per cycle (row m of the cycle's P rows):
/// - CC charge, 40 %: I = 1 A ± 2 mA, V rising 3.5 → 4.2 V;
/// - CV tail, 10 %: V = 4.2 V ± 50 µV, I = 1/(1 + m′/100) A ± 1 mA (down to ~0.09 A);
/// - rest, 5 %: I = ±0.1 mA, V relaxing 4.2 → 4.15 V;
/// - CC discharge, 40 %: I = −1 A ± 2 mA, V falling 4.1 → 3.0 V;
/// - rest, 5 %: V relaxing 3.0 → 3.05 V.
/// Noise is uniform, from splitmix64 of (4·row + column), so both languages get the same bits.
struct SyntheticRecord {
    var perCycle: Int
    var time_s: [Double] = [], voltage_V: [Double] = [], current_A: [Double] = []
    var cycleIndex: [Int] = [], stepIndex: [Int] = []

    init(rows: Int, cycles: Int) {
        precondition(rows % cycles == 0, "rows must be a multiple of cycles")
        perCycle = rows / cycles
        let p = perCycle
        let a = p * 4 / 10, b = p / 10, r = p / 20, d = p * 4 / 10
        time_s = [Double](repeating: 0, count: rows)
        voltage_V = [Double](repeating: 0, count: rows)
        current_A = [Double](repeating: 0, count: rows)
        cycleIndex = [Int](repeating: 0, count: rows)
        stepIndex = [Int](repeating: 0, count: rows)
        for k in 0..<rows {
            let m = k % p
            let jitter = Self.uniform(k, 0), ni = 2 * Self.uniform(k, 1) - 1, nv = 2 * Self.uniform(k, 2) - 1
            time_s[k] = Double(k) + 0.001 * jitter
            cycleIndex[k] = k / p
            let current: Double, voltage: Double, step: Int
            if m < a {
                (step, current) = (1, 1.0 + 0.002 * ni)
                voltage = 3.5 + 0.7 * (Double(m) / Double(a)) + 1e-4 * nv
            } else if m < a + b {
                (step, current) = (2, 1.0 / (1.0 + Double(m - a) / 100.0) + 0.001 * ni)
                voltage = 4.2 + 5e-5 * nv
            } else if m < a + b + r {
                (step, current) = (3, 1e-4 * ni)
                voltage = 4.15 + 0.05 / (1.0 + Double(m - a - b) / 50.0) + 1e-4 * nv
            } else if m < a + b + r + d {
                (step, current) = (4, -1.0 + 0.002 * ni)
                voltage = 4.1 - 1.1 * (Double(m - a - b - r) / Double(d)) + 1e-4 * nv
            } else {
                (step, current) = (5, 1e-4 * ni)
                voltage = 3.05 - 0.05 / (1.0 + Double(m - a - b - r - d) / 50.0) + 1e-4 * nv
            }
            current_A[k] = current
            voltage_V[k] = voltage
            stepIndex[k] = step
        }
    }

    /// A uniform double in [0, 1) from splitmix64 of 4·row + column.
    @inline(__always)
    static func uniform(_ row: Int, _ column: Int) -> Double {
        var z = (UInt64(4 * row + column) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) * 0x1p-53
    }
}

