/// Where one run of impedance rows holds several frequency sweeps: instruments that repeat a sweep
/// (EC-Lab PEIS loops, Gamry repeats, a CSV of several measurements pasted together) write them one after
/// the other, and read as one spectrum their repeated frequencies break the fit while lin-KK calls the
/// mixture valid.
///
/// A sweep runs in one direction. The direction is set by the first step between two points of a sweep;
/// the first step against it — a jump back to the start frequency (a restart) or a turn (a down-then-up
/// sweep) — begins the next sweep at that point. Two consecutive frequencies within 1 % of each other count
/// as one point measured twice (instruments repeat a point when they change current range; 200 points per
/// decade are still 1.2 % apart) and set no direction. So one sweep with a repeated point stays one
/// spectrum, and a down-then-up sweep becomes two: the down sweep, its lowest point included, and the up sweep.
/// Non-finite or non-positive frequencies set no direction, so validation still names their row.
enum FrequencySweeps {
    /// Consecutive frequencies closer than this relative difference are one point repeated.
    static let repeatTolerance = 0.01

    /// The index ranges of the sweeps, in order, covering every index.
    static func ranges(_ frequency: [Double]) -> [Range<Int>] {
        guard !frequency.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var start = 0
        var direction = 0.0
        for i in frequency.indices.dropFirst() {
            let ratio = frequency[i] / frequency[i - 1]
            guard ratio.isFinite, ratio > 0, abs(ratio - 1) > repeatTolerance else { continue }
            let step: Double = ratio > 1 ? 1 : -1
            if direction == 0 {
                direction = step
            } else if step != direction {
                ranges.append(start..<i)
                (start, direction) = (i, 0)
            }
        }
        ranges.append(start..<frequency.count)
        return ranges
    }
}
