/// Groups steps into cycles: by the instrument's cycle index when the record has one, otherwise by
/// half-cycles under a ``CycleConvention``.
///
/// Without an index, a cycle is a forward half-cycle followed by a reverse one, forward being the
/// convention's first direction (for `symmetric`, the first direction recorded). Several steps in one
/// direction form one half-cycle (their capacities add up). Rests belong to the cycle in progress; rests
/// before the first current belong to the first cycle. A record that starts in the reverse direction
/// (mid-cycle) gets a cycle of its own for that part, marked incomplete, as is a last cycle that never
/// reverses.
public struct CycleAssignment: Sendable, Equatable {
    /// One cycle: its number (the instrument's, or counted from 1 as electrochemists do), its steps and whether both half-cycles
    /// are present.
    public struct Cycle: Sendable, Equatable {
        public var number: Int
        /// Indices into the step list.
        public var steps: Range<Int>
        public var hasCharge: Bool
        public var hasDischarge: Bool

        public var isComplete: Bool { hasCharge && hasDischarge }
    }

    public var cycles: [Cycle]
    /// Whether the instrument's cycle index was used.
    public var fromInstrument: Bool

    public init(steps: [Step], data: CyclingData, convention: CycleConvention) {
        var cycles: [Cycle] = []
        func open(_ number: Int, at index: Int) {
            cycles.append(Cycle(number: number, steps: index..<index, hasCharge: false, hasDischarge: false))
        }
        if let index = data.cycleIndex {
            fromInstrument = true
            for (position, step) in steps.enumerated() {
                let number = index[step.rows.lowerBound]
                if cycles.last?.number != number { open(number, at: position) }
                cycles[cycles.count - 1].add(step, at: position)
            }
        } else {
            fromInstrument = false
            let forward = convention.forwardDirection ?? steps.first { $0.kind.direction != 0 }?.kind.direction ?? 1
            var previous = 0
            for (position, step) in steps.enumerated() {
                let direction = step.kind.direction
                // A cycle opens at the first step, and at a forward step that follows a reverse one.
                if cycles.isEmpty || (direction == forward && previous == -forward) {
                    open(cycles.count + 1, at: position)
                }
                cycles[cycles.count - 1].add(step, at: position)
                if direction != 0 { previous = direction }
            }
        }
        self.cycles = cycles
    }
}

extension CycleAssignment.Cycle {
    fileprivate mutating func add(_ step: Step, at position: Int) {
        steps = steps.lowerBound..<(position + 1)
        if step.kind.direction > 0 { hasCharge = true }
        if step.kind.direction < 0 { hasDischarge = true }
    }
}
