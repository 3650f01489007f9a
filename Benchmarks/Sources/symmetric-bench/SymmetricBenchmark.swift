import BenchmarkTiming
import CoulombCore

/// Times the symmetric-cell analyses on a 1,000-hour trace sampled every second (3.6M rows): the
/// long-term short monitor on constant-current cycling (±0.2 mA cm⁻², 1 h half-cycles), and the CCD
/// analysis on a step ramp of the same length. Prints one markdown row per case (best and median of the
/// runs given as the first argument, default 5).
@main
struct SymmetricBenchmark {
    static func main() throws {
        let repeats = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 5 : 5
        let rows = 3_600_000
        let monitorData = try record(rows: rows) { _ in 0.2 }
        // A ramp of 20 levels, 0.05 mA cm⁻² apart, 50 h each.
        let rampData = try record(rows: rows) { hour in 0.05 * Double(1 + hour / 50) }
        print("| analysis | rows | best | median |")
        print("|---|---|---|---|")
        for (name, body) in [
            ("`ShortMonitor` (coulomb shorts), constant ±0.2 mA cm⁻²", { _ = try ShortMonitor(monitorData, area_cm2: 1) }),
            ("`CriticalCurrentDensity` (coulomb ccd), 20-level ramp", { _ = try CriticalCurrentDensity(rampData, area_cm2: 1) }),
        ] as [(String, () throws -> Void)] {
            let times = try Timing.timed(repeats, body).sorted()
            print("| \(name) | \(rows) | \(milliseconds(times[0])) | \(milliseconds(times[times.count / 2])) |")
        }
    }

    static func milliseconds(_ seconds: Double) -> String {
        "\(Int((seconds * 1000).rounded())) ms"
    }

    /// 1 s samples, 1 h half-cycles alternating in sign, j(hour) mA on 1 cm², an Ohmic 100 Ω·cm² plateau
    /// with ±0.2 mV of deterministic noise.
    static func record(rows: Int, currentDensity: (Int) -> Double) throws -> CyclingData {
        var time = [Double](repeating: 0, count: rows), voltage = time, current = time
        var step = [Int](repeating: 0, count: rows)
        var noise: UInt64 = 0x9E37_79B9_7F4A_7C15
        for k in 0..<rows {
            let hour = k / 3600
            let sign = hour % 2 == 0 ? 1.0 : -1.0
            let j = currentDensity(hour)
            noise = noise &* 6364136223846793005 &+ 1442695040888963407
            let jitter = (Double(noise >> 11) / Double(1 << 53) - 0.5) * 0.0004
            time[k] = Double(k)
            current[k] = sign * j / 1000
            voltage[k] = sign * j / 1000 * 100 + jitter
            step[k] = hour
        }
        return try CyclingData(time_s: time, voltage_V: voltage, current_A: current, stepIndex: step)
    }
}
