import BenchmarkTiming
import ComplexModule
import CoulombCore
import Foundation

// The DRT of every spectrum in a CSV (spectrum,frequency_Hz,z_real_ohm,z_imag_ohm), timed on one core
// (each spectrum `repeats` times, the median kept) and as a series on every core; prints JSON with the
// times and each spectrum's λ and peaks, for compare_drt.py.
// Usage: drt-bench SPECTRA.csv [repeats] [workers]
let arguments = CommandLine.arguments
guard arguments.count >= 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write("usage: drt-bench SPECTRA.csv [repeats] [workers]\n".data(using: .utf8)!)
    exit(2)
}
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
let workers = arguments.count > 3 ? Int(arguments[3]) ?? ProcessInfo.processInfo.activeProcessorCount
    : ProcessInfo.processInfo.activeProcessorCount

var rows: [String: (f: [Double], z: [Complex<Double>])] = [:]
var order: [String] = []
for line in text.split(separator: "\n").dropFirst() {
    let fields = line.split(separator: ",").map(String.init)
    guard fields.count == 4, let f = Double(fields[1]), let re = Double(fields[2]), let im = Double(fields[3]) else { continue }
    if rows[fields[0]] == nil { order.append(fields[0]) }
    rows[fields[0], default: ([], [])].f.append(f)
    rows[fields[0]]!.z.append(Complex(re, im))
}
let spectra = try order.map { try ImpedanceSpectrum(frequency_Hz: rows[$0]!.f, impedance_ohm: rows[$0]!.z) }
let drt = DistributionOfRelaxationTimes()

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// This thread's CPU time, s: on a machine shared with other work, closer to the cost than wall time.
func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

var entries: [[String: Any]] = []
for (name, spectrum) in zip(order, spectra) {
    var result: DistributionOfRelaxationTimes.Result?
    var cpu: [Double] = []
    let times = Timing.timed(repeats) {
        let start = threadCPUTime()
        result = try? drt.analyse(spectrum)
        cpu.append(threadCPUTime() - start)
    }
    var entry: [String: Any] = ["spectrum": name, "points": spectrum.frequency_Hz.count, "median_s": median(times),
                                "median_cpu_s": median(cpu),
                                "min_cpu_s": cpu.min() ?? 0]
    if let result {
        entry["lambda"] = result.lambda
        entry["r_inf_ohm"] = result.seriesResistance_ohm
        entry["peaks"] = result.peaks.map { ["tau_s": $0.tau_s, "R_ohm": $0.resistance_ohm, "drt_tau_s": $0.drtTau_s,
                                             "drt_area_ohm": $0.drtArea_ohm, "n": $0.exponent.map { $0 as Any } ?? NSNull()] }
        entry["warnings"] = result.warnings
    }
    entries.append(entry)
}
// The series on every core: the whole file `repeats` times.
let series = Array(repeating: spectra, count: max(1, 200 / max(spectra.count, 1))).flatMap { $0 }
let batchTimes = Timing.timed(3) { _ = drt.analyse(series, workers: workers) }
let output: [String: Any] = ["spectra": entries, "series_count": series.count, "series_workers": workers,
                             "series_median_s": median(batchTimes)]
let data = try JSONSerialization.data(withJSONObject: output, options: [.prettyPrinted, .sortedKeys])
print(String(data: data, encoding: .utf8)!)
