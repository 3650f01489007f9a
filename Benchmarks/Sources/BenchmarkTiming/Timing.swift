/// Wall-clock timing shared by the benchmark executables.
public enum Timing {
    /// The time of each of `repeats` runs of `body`, in seconds.
    public static func timed(_ repeats: Int, _ body: () throws -> Void) rethrows -> [Double] {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try body()
            times.append(seconds(ContinuousClock.now - start))
        }
        return times
    }

    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
