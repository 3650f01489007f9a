import Foundation
import HDF5

/// Times Coulomb's HDF5 reads of one dataset, printing one JSON object per case on stdout.
///
///     read-bench FILE DATASET [REPEATS]
///
/// Cases: `fresh` reads into a new array each time (what `readDoubles()` returns, page faults included);
/// `reused` reads into one buffer allocated and touched before timing. A checksum of the values read keeps
/// the optimiser from discarding the work.
@main
struct ReadBenchmark {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3 else {
            FileHandle.standardError.write(Data("usage: read-bench FILE DATASET [REPEATS]\n".utf8))
            exit(64)
        }
        let path = arguments[1], name = arguments[2]
        let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5
        let file = try HDF5File.open(path)
        let dataset = try file.root().dataset(name)

        var fresh: [Double] = []
        var checksum = 0.0
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            let values = try dataset.readDoubles()
            fresh.append(seconds(ContinuousClock.now - start))
            checksum += values[values.count / 2]
        }
        report(name: name, kind: "fresh", count: dataset.count, times: fresh, checksum: checksum)

        var buffer = [Double](repeating: 0, count: dataset.count)
        var reused: [Double] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try dataset.read(into: &buffer)
            reused.append(seconds(ContinuousClock.now - start))
            checksum += buffer[buffer.count / 3]
        }
        report(name: name, kind: "reused", count: dataset.count, times: reused, checksum: checksum)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    static func report(name: String, kind: String, count: Int, times: [Double], checksum: Double) {
        let sorted = times.sorted()
        print("{\"tool\": \"coulomb\", \"dataset\": \"\(name)\", \"case\": \"\(kind)\", \"values\": \(count), "
              + "\"best_s\": \(sorted[0]), \"median_s\": \(sorted[sorted.count / 2]), \"checksum\": \(checksum)}")
    }
}
