/// The constant-current part of one cycle in one direction: the row ranges of its CC steps.
///
/// Only constant-current steps belong to it: a constant-voltage hold adds capacity at one voltage and
/// would be a spike in dQ/dV, and rests add none. Several CC steps in one direction (a rate step, a
/// pulse train) follow one another with the capacity running on (see ``LevelFilter``).
public struct HalfCycle: Sendable, Equatable {
    public var cycle: Int
    /// +1 charge, −1 discharge.
    public var direction: Int
    /// The rows of its CC steps, in record order.
    public var steps: [Range<Int>] = []

    /// The half-cycles of `cycles` in the directions asked for, in the order they happened; a direction
    /// without a CC step in a cycle gives no half-cycle.
    public static func all(
        steps: [Step], cycles: [CycleAssignment.Cycle], directions: Set<Int> = [1, -1]
    ) -> [HalfCycle] {
        var result: [HalfCycle] = []
        for cycle in cycles {
            let first = result.count  // this cycle's half-cycles start here, in order of appearance
            for step in steps[cycle.steps] {
                let direction = step.kind.direction
                guard step.kind == .constantCurrentCharge || step.kind == .constantCurrentDischarge,
                      directions.contains(direction) else { continue }
                if let k = result[first...].firstIndex(where: { $0.direction == direction }) {
                    result[k].steps.append(step.rows)
                } else {
                    result.append(HalfCycle(cycle: cycle.number, direction: direction, steps: [step.rows]))
                }
            }
        }
        return result
    }
}
