/// The constant-current part of one cycle in one direction: the row ranges of its CC steps.
///
/// Only constant-current steps belong to it: a constant-voltage hold adds capacity at one voltage and
/// would be a spike in dQ/dV, and rests add none. Several CC steps in one direction (a rate step, a
/// pulse train) follow one another with the capacity running on (see ``LevelFilter``).
public struct HalfCycle: Sendable, Equatable {
    public var cycle: Int
    public var direction: Direction
    /// The rows of its CC steps, in record order.
    public var steps: [Range<Int>] = []

    /// The half-cycles of `cycles` in the directions asked for, in the order they happened; a direction
    /// without a CC step in a cycle gives no half-cycle.
    ///
    /// - Parameters:
    ///   - steps: the record's steps (``StepSegmentation``).
    ///   - cycles: the cycles, as ``CycleAssignment`` pairs the steps.
    ///   - directions: charge, discharge, or both.
    ///   - includingHolds: add the constant-voltage steps too (for a voltage–capacity curve, where
    ///     a hold's capacity belongs; dQ/dV leaves them out).
    public static func all(
        steps: [Step], cycles: [CycleAssignment.Cycle], directions: Set<Direction> = Set(Direction.allCases), includingHolds: Bool = false
    ) -> [HalfCycle] {
        var result: [HalfCycle] = []
        for cycle in cycles {
            let first = result.count  // this cycle's half-cycles start here, in order of appearance
            for step in steps[cycle.steps] {
                let constantCurrent = step.kind == .constantCurrentCharge || step.kind == .constantCurrentDischarge
                guard let direction = step.kind.direction, constantCurrent || includingHolds, directions.contains(direction) else { continue }
                if let k = result[first...].firstIndex(where: { $0.direction == direction }) {
                    result[k].steps.append(step.rows)
                } else {
                    result.append(HalfCycle(cycle: cycle.number, direction: direction, steps: [step.rows]))
                }
            }
        }
        return result
    }

    /// Calls `body` with every row of the half-cycle's steps, in order, and the capacity passed in the
    /// half-cycle's direction up to that row (Ah, from the start of its first step).
    ///
    /// The capacity is the running trapezoid integral of the current flowing in the half-cycle's direction,
    /// each step including the interval that leads into its first row, as in ``SegmentedReduction``.
    public func forEachSample(in data: CyclingData, _ body: (_ row: Int, _ capacity_Ah: Double) -> Void) {
        let t = data.time_s, i = data.current_A
        let sign = direction.sign
        var q = 0.0
        for rows in steps {
            for row in rows {
                if row > 0 {
                    q += SegmentedReduction.positivePart(dt: t[row] - t[row - 1], sign * i[row - 1], sign * i[row]) / 3600
                }
                body(row, q)
            }
        }
    }
}
