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
            let first = result.count  // this cycle's half-cycles start here, in order of appearance
            for step in steps[cycle.steps] {
                let direction = step.kind.direction
                guard step.kind == .constantCurrentCharge || step.kind == .constantCurrentDischarge,
                      directions.contains(direction) else { continue }
                let k = result[first...].firstIndex { $0.direction == direction } ?? {
                    result.append(HalfCycle(cycle: cycle.number, direction: direction))
                    return result.count - 1
                }()
                var q = result[k].capacity_Ah.last ?? 0
                let sign = Double(direction)
                result[k].voltage_V.reserveCapacity(result[k].voltage_V.count + step.rows.count)
                result[k].capacity_Ah.reserveCapacity(result[k].capacity_Ah.count + step.rows.count)
                for row in step.rows {
                    if row > 0 {
                        q += SegmentedReduction.positivePart(dt: t[row] - t[row - 1], sign * i[row - 1], sign * i[row]) / 3600
                    }
                    result[k].voltage_V.append(v[row])
                    result[k].capacity_Ah.append(q)
                }
            }
        }
        return result
    }
}
