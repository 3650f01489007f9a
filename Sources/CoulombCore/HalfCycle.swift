/// The constant-current part of one cycle in one direction, with the capacity passed up to each row.
///
/// Only constant-current steps belong to it: a constant-voltage hold adds capacity at one voltage and
/// would be a spike in dQ/dV, and rests add none. Several CC steps in one direction (a rate step, a
/// pulse train) follow one another with the capacity running on. The capacity is the running trapezoid
/// integral of the current flowing in the half-cycle's direction, each step including the interval that
/// leads into its first row, as in ``SegmentedReduction``.
public struct HalfCycle: Sendable {
    public var cycle: Int
    /// +1 charge, −1 discharge.
    public var direction: Int
    public var voltage_V: [Double] = []
    /// Capacity passed since the half-cycle began, at each row, in Ah (non-decreasing).
    public var capacity_Ah: [Double] = []

    /// The half-cycles of `cycles` in the directions asked for, in the order they happened; a direction
    /// without a CC step in a cycle gives no half-cycle.
    public static func all(
        _ data: CyclingData, steps: [Step], cycles: [CycleAssignment.Cycle], directions: Set<Int> = [1, -1]
    ) -> [HalfCycle] {
        let t = data.time_s, v = data.voltage_V, i = data.current_A
        var result: [HalfCycle] = []
        for cycle in cycles {
            var halves: [Int: HalfCycle] = [:]
            var order: [Int] = []
            for step in steps[cycle.steps] {
                let direction = step.kind.direction
                guard step.kind == .constantCurrentCharge || step.kind == .constantCurrentDischarge,
                      directions.contains(direction) else { continue }
                if halves[direction] == nil {
                    halves[direction] = HalfCycle(cycle: cycle.number, direction: direction)
                    order.append(direction)
                }
                var q = halves[direction]!.capacity_Ah.last ?? 0
                let sign = Double(direction)
                for row in step.rows {
                    if row > 0 {
                        q += SegmentedReduction.positivePart(dt: t[row] - t[row - 1], sign * i[row - 1], sign * i[row]) / 3600
                    }
                    halves[direction]!.voltage_V.append(v[row])
                    halves[direction]!.capacity_Ah.append(q)
                }
            }
            result += order.map { halves[$0]! }
        }
        return result
    }
}
