/// Per-cycle capacities, energies and Coulombic efficiency of a cycling record.
///
/// Steps come from ``StepSegmentation``, cycles from ``CycleAssignment``, and every number from one call
/// of the ``SegmentedReduction`` kernel over the step boundaries. A cycle's capacity is the sum over its
/// charge and discharge steps (several steps in one direction add up); rests carry no capacity except the
/// interval that leads into them, during which the current was still flowing (the trapezoid rule gives it
/// half that interval's charge, as it does for the interval leading out of a rest).
///
/// With the ``CoulombicEfficiency`` convention, per complete cycle:
///
///     CE = Q_out / Q_in
///     retention = Q_out / Q_out(first complete cycle)
///     irreversible capacity = Q_in − Q_out, and its running sum
///
/// An incomplete cycle (the record starts mid-cycle, ends before the cycle reverses, or stops mid-step
/// short of the voltage the cycle before reached) keeps its capacities but has no CE, retention or
/// irreversible capacity: never 0 or ∞.
public struct CycleTable: Sendable {
    /// One cycle's numbers. Capacities in Ah and energies in Wh, as integrated or counted.
    public struct Row: Sendable, Equatable {
        public var cycle: Int
        public var isComplete: Bool
        /// Charge and discharge capacity from the chosen ``CapacitySource``.
        public var chargeCapacity_Ah: Double
        public var dischargeCapacity_Ah: Double
        /// The same, integrated from the current (whatever the source).
        public var integratedChargeCapacity_Ah: Double
        public var integratedDischargeCapacity_Ah: Double
        /// The same, from the instrument's counters, when the record has them.
        public var counterChargeCapacity_Ah: Double?
        public var counterDischargeCapacity_Ah: Double?
        public var chargeEnergy_Wh: Double
        public var dischargeEnergy_Wh: Double
        /// When the cycle began (the previous cycle's last sample), counted from the record's first sample.
        public var start_s: Double
        /// From the previous cycle's last sample to this cycle's last sample.
        public var duration_s: Double
        /// Voltage extremes over the cycle's samples, rests included.
        public var minimumVoltage_V: Double
        public var maximumVoltage_V: Double
        /// Q_out / Q_in as a fraction; `nil` for an incomplete cycle.
        public var coulombicEfficiency: Double?
        /// Q_out / Q_out of the first complete cycle, as a fraction.
        public var retention: Double?
        /// Q_in − Q_out.
        public var irreversibleCapacity_Ah: Double?
        /// The running sum of irreversible capacity over complete cycles so far.
        public var cumulativeIrreversibleCapacity_Ah: Double?

        /// E/Q while charging (integrated energy over integrated capacity); `nil` without charge.
        public var meanChargeVoltage_V: Double? {
            integratedChargeCapacity_Ah > 0 ? chargeEnergy_Wh / integratedChargeCapacity_Ah : nil
        }

        /// E/Q while discharging; `nil` without discharge.
        public var meanDischargeVoltage_V: Double? {
            integratedDischargeCapacity_Ah > 0 ? dischargeEnergy_Wh / integratedDischargeCapacity_Ah : nil
        }
    }

    public var efficiency: CoulombicEfficiency
    public var capacitySource: CapacitySource
    /// Whether cycles follow the instrument's cycle index (otherwise they were derived from half-cycles).
    public var cyclesFromInstrument: Bool
    public var rows: [Row]
    /// Cycles of the instrument's index whose first current runs in the reverse direction (a record that
    /// starts mid-cycle, or a protocol whose cycles open the other way): their CE pairs a half-cycle with
    /// the one *after* it, which the user should know.
    public var reverseOpenings: [Int] = []

    /// - Throws: ``AnalysisError`` when counters are asked for and the record has none.
    public init(
        _ data: CyclingData, efficiency: CoulombicEfficiency, capacitySource: CapacitySource = .integrated,
        segmentation: StepSegmentation = StepSegmentation()
    ) throws(AnalysisError) {
        let counters = data.chargeCapacity_Ah.flatMap { charge in data.dischargeCapacity_Ah.map { (charge, $0) } }
        if capacitySource == .counters, counters == nil {
            throw AnalysisError("--capacity-source counters needs the instrument's charge and discharge capacity columns, and the file has none")
        }
        let steps = segmentation.steps(data)
        let assignment = CycleAssignment(steps: steps, data: data, convention: efficiency.convention)

        // One kernel call: every step is a segment, and a rest's first row is a segment of its own, so the
        // interval leading into the rest can be counted while the rest itself is not.
        var starts: [Int] = []
        var counted: [Bool] = []
        var firstSegment: [Int] = []  // per step, its first segment
        for step in steps {
            firstSegment.append(starts.count)
            starts.append(step.rows.lowerBound)
            counted.append(true)
            if step.kind == .rest, step.rows.count > 1 {
                starts.append(step.rows.lowerBound + 1)
                counted.append(false)
            }
        }
        let statistics = SegmentedReduction.reduce(
            time_s: data.time_s, voltage_V: data.voltage_V, current_A: data.current_A, segmentStarts: starts)

        var rows: [Row] = []
        var reverseOpenings: [Int] = []
        var firstOutput: Double?
        var cumulative = 0.0
        for cycle in assignment.cycles {
            let segmentRange = firstSegment[cycle.steps.lowerBound]..<(cycle.steps.upperBound < firstSegment.count
                ? firstSegment[cycle.steps.upperBound] : starts.count)
            var q = (charge: 0.0, discharge: 0.0, chargeEnergy: 0.0, dischargeEnergy: 0.0)
            var extremes = (low: Double.infinity, high: -Double.infinity)
            for k in segmentRange {
                extremes = (min(extremes.low, statistics[k].minimumVoltage_V), max(extremes.high, statistics[k].maximumVoltage_V))
            }
            for k in segmentRange where counted[k] {
                q.charge += statistics[k].chargeCapacity_Ah
                q.discharge += statistics[k].dischargeCapacity_Ah
                q.chargeEnergy += statistics[k].chargeEnergy_Wh
                q.dischargeEnergy += statistics[k].dischargeEnergy_Wh
            }
            let rowRange = steps[cycle.steps.lowerBound].rows.lowerBound..<steps[cycle.steps.upperBound - 1].rows.upperBound
            let counterCharge = counters.map { CapacityCounters.growth($0.0, rows: rowRange) }
            let counterDischarge = counters.map { CapacityCounters.growth($0.1, rows: rowRange) }
            var row = Row(
                cycle: cycle.number, isComplete: cycle.isComplete,
                chargeCapacity_Ah: capacitySource == .counters ? counterCharge! : q.charge,
                dischargeCapacity_Ah: capacitySource == .counters ? counterDischarge! : q.discharge,
                integratedChargeCapacity_Ah: q.charge, integratedDischargeCapacity_Ah: q.discharge,
                counterChargeCapacity_Ah: counterCharge, counterDischargeCapacity_Ah: counterDischarge,
                chargeEnergy_Wh: q.chargeEnergy, dischargeEnergy_Wh: q.dischargeEnergy,
                start_s: data.time_s[max(rowRange.lowerBound - 1, 0)] - data.time_s[0],
                duration_s: data.time_s[rowRange.upperBound - 1] - data.time_s[max(rowRange.lowerBound - 1, 0)],
                minimumVoltage_V: extremes.low, maximumVoltage_V: extremes.high)
            if cycle.isComplete {
                let input = efficiency.input(charge: row.chargeCapacity_Ah, discharge: row.dischargeCapacity_Ah)
                let output = efficiency.output(charge: row.chargeCapacity_Ah, discharge: row.dischargeCapacity_Ah)
                if firstOutput == nil { firstOutput = output }
                cumulative += input - output
                row.coulombicEfficiency = input > 0 ? output / input : nil
                row.retention = firstOutput.flatMap { $0 > 0 ? output / $0 : nil }
                row.irreversibleCapacity_Ah = input - output
                row.cumulativeIrreversibleCapacity_Ah = cumulative
            }
            rows.append(row)
            if assignment.fromInstrument,
               let opening = steps[cycle.steps].first(where: { $0.kind.direction != 0 })?.kind.direction,
               opening != efficiency.forwardDirection {
                reverseOpenings.append(cycle.number)
            }
        }
        // A record that stops while current still flows, short of the voltage at which the previous
        // cycle's last step in that direction ended (by over 1 % of the range of its step-end voltages),
        // was cut off mid-step: its last cycle is incomplete even if it holds both
        // directions (an instrument's cycle index does not know the file was cut).
        if let last = steps.last, last.kind.direction != 0, rows.count >= 2, rows[rows.count - 1].isComplete {
            let previous = steps[assignment.cycles[assignment.cycles.count - 2].steps].filter { $0.kind.direction != 0 }
            let ends = previous.map { data.voltage_V[$0.rows.upperBound - 1] }
            if let reached = previous.last(where: { $0.kind.direction == last.kind.direction }).map({ data.voltage_V[$0.rows.upperBound - 1] }),
               let low = ends.min(), let high = ends.max() {
                let end = data.voltage_V[data.count - 1]
                let shortfall = last.kind.direction > 0 ? reached - end : end - reached
                if shortfall > 0.01 * (high - low) {
                    rows[rows.count - 1].isComplete = false
                    rows[rows.count - 1].coulombicEfficiency = nil
                    rows[rows.count - 1].retention = nil
                    rows[rows.count - 1].irreversibleCapacity_Ah = nil
                    rows[rows.count - 1].cumulativeIrreversibleCapacity_Ah = nil
                }
            }
        }
        self.reverseOpenings = reverseOpenings
        self.efficiency = efficiency
        self.capacitySource = capacitySource
        self.cyclesFromInstrument = assignment.fromInstrument
        self.rows = rows
    }

    /// Complete cycles whose CE exceeds 110 %: more charge out than in beyond any measurement error, so
    /// the cycle is partial (a record that starts mid-cycle) or the convention is the wrong one.
    public var implausibleCycles: [Int] {
        rows.filter { ($0.coulombicEfficiency ?? 0) > 1.1 }.map(\.cycle)
    }

    /// The first cycle's CE, when the record starts with a complete cycle.
    public var initialCoulombicEfficiency: Double? {
        rows.first?.coulombicEfficiency
    }

    /// The mean CE of the complete cycles after the first (the first is dominated by SEI formation).
    public var meanCoulombicEfficiency: Double? {
        let values = rows.dropFirst().compactMap(\.coulombicEfficiency)
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The largest relative difference |counter − integrated| / integrated over complete cycles, in both
    /// directions; `nil` without counters.
    public var largestCounterDifference: Double? {
        guard rows.contains(where: { $0.counterChargeCapacity_Ah != nil }) else { return nil }
        var largest = 0.0
        for row in rows where row.isComplete {
            for (counter, integrated) in [(row.counterChargeCapacity_Ah, row.integratedChargeCapacity_Ah),
                                          (row.counterDischargeCapacity_Ah, row.integratedDischargeCapacity_Ah)]
            where integrated > 0 {
                largest = max(largest, abs((counter ?? integrated) - integrated) / integrated)
            }
        }
        return largest
    }
}
