/// A restart of the test clock between two sequences of one test, found and undone by
/// ``TimeReset/repair(_:)``.
///
/// Cyclers that append one schedule's data to another's, and battdat files joined from several exports,
/// start `test_time` again near zero. Such a restart is the only backward step repaired; anything else
/// stays an error, because shifting time silently would change every capacity computed from it.
public struct TimeReset: Sendable, Equatable, CustomStringConvertible {
    /// The first row of the new sequence.
    public var row: Int
    /// The time on the row before, and on this row, as recorded.
    public var before_s: Double
    public var after_s: Double
    /// What was added to this row and every later one.
    public var offset_s: Double

    public init(row: Int, before_s: Double, after_s: Double, offset_s: Double) {
        self.row = row
        self.before_s = before_s
        self.after_s = after_s
        self.offset_s = offset_s
    }

    /// A backward step counts as a restart when the clock falls to at most this fraction of where it was:
    /// a new sequence starts near zero, while a bad time stamp or a shuffled row does not.
    public static let restartFraction = 0.05

    public var description: String {
        "time restarts at row \(row) (\(before_s) s → \(after_s) s); this row and later ones shifted by +\(offset_s) s"
    }

    /// Undoes clock restarts, returning the continuous time and what was done; `nil` when some backward
    /// step is not a restart (the caller then reports the first one as an error). NaN is never repaired.
    public static func repair(_ time: [Double]) -> (time_s: [Double], resets: [TimeReset])? {
        guard let first = CyclingData.firstBackwardStep(time) else { return (time, []) }
        var repaired = time
        var resets: [TimeReset] = []
        var offset = 0.0
        var row = first
        while row < time.count {
            let previous = time[row - 1], current = time[row]
            if current < previous {
                guard current.isFinite, previous > 0, current <= restartFraction * previous else { return nil }
                // Bridge the gap with the sampling interval just before the restart, so the step across it
                // looks like any other step rather than a zero-length one.
                let interval = row >= 2 ? max(time[row - 1] - time[row - 2], 0) : 0
                offset += previous - current + interval
                resets.append(TimeReset(row: row, before_s: previous, after_s: current, offset_s: offset))
            }
            repaired[row] = current + offset
            row += 1
        }
        return (repaired, resets)
    }
}
