/// Groups steps into cycles: each forward half-cycle with the reverse half-cycle that follows it, under a
/// ``CycleConvention`` — and by the instrument's cycle index when the index agrees with that pairing.
///
/// A cycle is a forward half-cycle followed by a reverse one, forward being the convention's first
/// direction (for `symmetric`, the first direction recorded). Several steps in one direction form one
/// half-cycle (their capacities add up: a CC step and its CV hold, pulses between rests). Rests belong to
/// the cycle in progress; rests before the first current belong to the first cycle. A record that starts in
/// the reverse direction (mid-cycle) gets a cycle of its own for that part, marked incomplete, as is a last
/// cycle that never reverses.
///
/// An instrument's cycle index is used as it is — rest-only cycles and all — when it cuts the charge and
/// discharge steps exactly where the pairing does. It often does not: some cyclers and protocols bump the
/// index when delithiation starts (so an index cycle holds a delithiation and the *next* lithiation), and
/// some exports keep one index across several cycles (Arbin's `Cycle_Index` staying 1 through steps
/// 1, 2, 3, 2, 3). CE from such an index pairs the wrong half-cycles or sums two of one direction, so the
/// pairing wins; the instrument's number of each cycle's first half-cycle is kept as a label, and becomes
/// the cycle's number when those labels increase strictly (else cycles are counted from 1).
public struct CycleAssignment: Sendable, Equatable {
    /// One cycle: its number (the instrument's, or counted from 1 as electrochemists do), its steps and whether both half-cycles
    /// are present.
    public struct Cycle: Sendable, Equatable {
        public var number: Int
        /// Indices into the step list.
        public var steps: Range<Int>
        public var hasCharge: Bool
        public var hasDischarge: Bool
        /// The instrument's cycle index at the cycle's first charge or discharge step (its first step when
        /// it has none); `nil` without an index.
        public var instrumentCycle: Int?

        public var isComplete: Bool { hasCharge && hasDischarge }
    }

    public var cycles: [Cycle]
    /// Whether the instrument's cycle index was used.
    public var fromInstrument: Bool
    /// Why the instrument's index was not used although the record has one; `nil` otherwise.
    public var indexMismatch: String?

    public init(steps: [Step], data: CyclingData, convention: CycleConvention) {
        let forward = convention.forwardDirection ?? steps.lazy.compactMap(\.kind.direction).first ?? .charge
        var paired: [Cycle] = []
        var previous: Direction?
        for (position, step) in steps.enumerated() {
            let direction = step.kind.direction
            // A cycle opens at the first step, and at a forward step that follows a reverse one.
            if paired.isEmpty || (direction == forward && previous == forward.reversed) {
                paired.append(Cycle(number: paired.count + 1, steps: position..<position, hasCharge: false, hasDischarge: false))
            }
            paired[paired.count - 1].add(step, at: position)
            if let direction { previous = direction }
        }
        guard let index = data.cycleIndex else {
            (cycles, fromInstrument, indexMismatch) = (paired, false, nil)
            return
        }
        var instrument: [Cycle] = []
        for (position, step) in steps.enumerated() {
            let number = index[step.rows.lowerBound]
            if instrument.last?.number != number {
                instrument.append(Cycle(number: number, steps: position..<position, hasCharge: false, hasDischarge: false))
            }
            instrument[instrument.count - 1].add(step, at: position)
        }
        for k in instrument.indices { instrument[k].instrumentCycle = instrument[k].number }
        guard let mismatch = Self.mismatch(instrument, paired, steps: steps) else {
            (cycles, fromInstrument, indexMismatch) = (instrument, true, nil)
            return
        }
        for k in paired.indices {
            let range = paired[k].steps
            let opening = steps[range].firstIndex { $0.kind.direction != nil } ?? range.lowerBound
            paired[k].instrumentCycle = index[steps[opening].rows.lowerBound]
        }
        let labels = paired.map { $0.instrumentCycle! }
        if zip(labels, labels.dropFirst()).allSatisfy({ $0 < $1 }) {
            for k in paired.indices { paired[k].number = labels[k] }
        }
        (cycles, fromInstrument, indexMismatch) = (paired, false, mismatch)
    }

    /// Where the instrument's grouping of charge and discharge steps differs from the pairing, in words;
    /// `nil` when the two agree on every non-rest step.
    private static func mismatch(_ instrument: [Cycle], _ paired: [Cycle], steps: [Step]) -> String? {
        func owners(_ cycles: [Cycle]) -> [Int] {
            var owner = [Int](repeating: 0, count: steps.count)
            for (k, cycle) in cycles.enumerated() { for position in cycle.steps { owner[position] = k } }
            return owner
        }
        let byIndex = owners(instrument), byPairing = owners(paired)
        let active = steps.indices.filter { steps[$0].kind.direction != nil }
        for (a, b) in zip(active, active.dropFirst()) where (byIndex[a] == byIndex[b]) != (byPairing[a] == byPairing[b]) {
            let number = instrument[byIndex[b]].number
            if byIndex[a] == byIndex[b] {
                let what = steps[a].kind.direction == steps[b].kind.direction ? "two half-cycles of one direction" : "the end of one cycle and the start of the next"
                return "the instrument's cycle \(number) holds \(what)"
            }
            return "the instrument's index starts cycle \(number) in the middle of a cycle (at a \(steps[b].kind.direction?.rawValue ?? "rest"))"
        }
        return nil
    }
}

extension CycleAssignment.Cycle {
    fileprivate mutating func add(_ step: Step, at position: Int) {
        steps = steps.lowerBound..<(position + 1)
        switch step.kind.direction {
        case .charge: hasCharge = true
        case .discharge: hasDischarge = true
        case nil: break
        }
    }
}
