import CoulombCore
import Foundation

/// Times the segmented-reduction kernel on a synthetic record, next to a plain copy of its three input
/// columns (the memory-bandwidth floor), printing JSON lines.
///
///     cycle-bench [ROWS] [SEGMENTS] [REPEATS]
@main
struct CycleBenchmark {
    static func main() {
        let arguments = CommandLine.arguments
        let rows = arguments.count > 1 ? Int(arguments[1]) ?? 50_000_000 : 50_000_000
        let segments = arguments.count > 2 ? Int(arguments[2]) ?? 5_000 : 5_000
        let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
        let perSegment = rows / segments
        // Square-wave current, sawtooth voltage, 1 s sampling with jitter: opaque to the optimiser.
        let time = (0..<rows).map { Double($0) + Double($0 % 7) * 1e-3 }
        let current = (0..<rows).map { ($0 / perSegment) % 2 == 0 ? 0.5 : -0.5 }
        let voltage = (0..<rows).map { 3.0 + Double($0 % perSegment) / Double(perSegment) }
        let starts = (0..<segments).map { $0 * perSegment }

        var kernel: [Double] = [], copy: [Double] = []
        var checksum = 0.0
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            let stats = SegmentedReduction.reduce(time_s: time, voltage_V: voltage, current_A: current, segmentStarts: starts)
            kernel.append(seconds(ContinuousClock.now - start))
            checksum += stats[segments / 2].chargeCapacity_Ah + stats[segments / 3].dischargeCapacity_Ah
        }
        var destination = [[Double]](repeating: [Double](repeating: 0, count: rows), count: 3)
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            for (index, column) in [time, voltage, current].enumerated() {
                destination[index].withUnsafeMutableBytes { out in
                    column.withUnsafeBytes { out.copyMemory(from: $0) }
                }
            }
            copy.append(seconds(ContinuousClock.now - start))
            checksum += destination[2][rows / 2]
        }
        for (name, times) in [("kernel", kernel), ("copy", copy)] {
            let sorted = times.sorted()
            print("{\"case\": \"\(name)\", \"rows\": \(rows), \"segments\": \(segments), \"best_s\": \(sorted[0]), "
                  + "\"median_s\": \(sorted[sorted.count / 2]), \"checksum\": \(checksum)}")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
