/// Per-cycle capacities, energies and Coulombic efficiency of a cycling record.
///
/// Steps come from ``StepSegmentation``, cycles from ``CycleAssignment``, and every number from one call
/// of the ``SegmentedReduction`` kernel over the step boundaries. A cycle's capacity is the sum over its
/// charge and discharge steps (several steps in one direction add up); rests carry no capacity except the
/// interval that leads into them, during which the current was still flowing (the trapezoid rule gives it
/// half that interval's charge, as it does for the interval leading out of a rest).
///
/// Under the chosen convention (``CycleConvention/Choice``), per complete cycle:
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
        /// The instrument's cycle index at the cycle's first charge or discharge; `nil` without an index.
        public var instrumentCycle: Int?
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

    public var convention: CycleConvention.Choice
    public var capacitySource: CapacitySource
    /// Whether cycles follow the instrument's cycle index (otherwise they were derived from half-cycles).
    public var cyclesFromInstrument: Bool
    /// The first cycle, when it got back over 110 % of what it took in: the record began partway through its
    /// "in" half-cycle, so it is marked incomplete (no CE, and not the ICE).
    public var startsMidCycle: Int?
    /// 110 %: no cell returns more than it took in beyond measurement error (well under 1 %); above it a
    /// cycle is partial or read under the wrong convention.
    static let implausibleEfficiency = 1.1
    /// Why the record's cycle index was not followed (``CycleAssignment``); `nil` when it was, or there is none.
    public var indexMismatch: String?
    public var rows: [Row]
    /// Cycles of the instrument's index whose first current runs in the reverse direction (a record that
    /// starts mid-cycle, or a protocol whose cycles open the other way): their CE pairs a half-cycle with
    /// the one *after* it, which the user should know.
    public var reverseOpenings: [Int] = []

    /// - Throws: ``AnalysisError`` when counters are asked for and the record has none.
    public init(
        _ data: CyclingData, convention: CycleConvention.Choice, capacitySource: CapacitySource = .integrated,
        segmentation: StepSegmentation = StepSegmentation()
    ) throws(AnalysisError) {
        let counters = data.chargeCapacity_Ah.flatMap { charge in data.dischargeCapacity_Ah.map { (charge, $0) } }
        if capacitySource == .counters, counters == nil {
            throw AnalysisError("capacities from the instrument's counters need its charge and discharge capacity columns, and the file has none")
        }
        let steps = segmentation.steps(data)
        let assignment = CycleAssignment(steps: steps, data: data, convention: convention.convention)

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
        var carriedCurrent = false
        var startsMidCycle: Int?
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
                cycle: cycle.number, instrumentCycle: cycle.instrumentCycle, isComplete: cycle.isComplete,
                chargeCapacity_Ah: capacitySource == .counters ? counterCharge! : q.charge,
                dischargeCapacity_Ah: capacitySource == .counters ? counterDischarge! : q.discharge,
                integratedChargeCapacity_Ah: q.charge, integratedDischargeCapacity_Ah: q.discharge,
                counterChargeCapacity_Ah: counterCharge, counterDischargeCapacity_Ah: counterDischarge,
                chargeEnergy_Wh: q.chargeEnergy, dischargeEnergy_Wh: q.dischargeEnergy,
                start_s: data.time_s[max(rowRange.lowerBound - 1, 0)] - data.time_s[0],
                duration_s: data.time_s[rowRange.upperBound - 1] - data.time_s[max(rowRange.lowerBound - 1, 0)],
                minimumVoltage_V: extremes.low, maximumVoltage_V: extremes.high)
            let input = convention.input(charge: row.chargeCapacity_Ah, discharge: row.dischargeCapacity_Ah)
            let output = convention.output(charge: row.chargeCapacity_Ah, discharge: row.dischargeCapacity_Ah)
            // The first cycle that carries current, getting back more than 110 % of what it took in, began
            // before the record did: its "in" half-cycle is partial, and its CE would be the record's ICE.
            if cycle.isComplete, !convention.isWithheld, firstOutput == nil, !carriedCurrent,
               output > Self.implausibleEfficiency * input {
                row.isComplete = false
                startsMidCycle = cycle.number
            }
            carriedCurrent = carriedCurrent || row.chargeCapacity_Ah > 0 || row.dischargeCapacity_Ah > 0
            if row.isComplete, !convention.isWithheld {
                if firstOutput == nil { firstOutput = output }
                cumulative += input - output
                row.coulombicEfficiency = input > 0 ? output / input : nil
                row.retention = firstOutput.flatMap { $0 > 0 ? output / $0 : nil }
                row.irreversibleCapacity_Ah = input - output
                row.cumulativeIrreversibleCapacity_Ah = cumulative
            }
            rows.append(row)
            if assignment.fromInstrument,
               let opening = steps[cycle.steps].lazy.compactMap(\.kind.direction).first,
               opening != convention.forwardDirection {
                reverseOpenings.append(cycle.number)
            }
        }
        // A record that stops while current still flows, short of the voltage at which the previous
        // cycle's last step in that direction ended (by over 1 % of the range of its step-end voltages),
        // was cut off mid-step: its last cycle is incomplete even if it holds both
        // directions (an instrument's cycle index does not know the file was cut).
        if let last = steps.last, let direction = last.kind.direction, rows.count >= 2, rows[rows.count - 1].isComplete {
            let previous = steps[assignment.cycles[assignment.cycles.count - 2].steps].filter { $0.kind.direction != nil }
            let ends = previous.map { data.voltage_V[$0.rows.upperBound - 1] }
            if let reached = previous.last(where: { $0.kind.direction == direction }).map({ data.voltage_V[$0.rows.upperBound - 1] }),
               let low = ends.min(), let high = ends.max() {
                let end = data.voltage_V[data.count - 1]
                let shortfall = direction.sign * (reached - end)
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
        self.convention = convention
        self.capacitySource = capacitySource
        self.cyclesFromInstrument = assignment.fromInstrument
        self.indexMismatch = assignment.indexMismatch
        self.startsMidCycle = startsMidCycle
        self.rows = rows
    }

    /// What the user must know before trusting the table: a withheld CE, a convention that looks wrong, an
    /// instrument index that was not followed, capacities that sparse logging has skewed. Each names its fix.
    public var warnings: [String] {
        var warnings: [String] = []
        if let withheld = convention.withheldReason { warnings.append("CE withheld: \(withheld)") }
        if let indexMismatch {
            warnings.append("cycles are paired by half-cycles, not by the instrument's index: \(indexMismatch); the instrument's numbers are kept as instrument_cycle")
        }
        if let startsMidCycle {
            warnings.append("cycle \(startsMidCycle) gives back over 110 % of what it took in: the record starts partway through it, so it is marked incomplete and is not the ICE")
        }
        if !reverseOpenings.isEmpty {
            let list = reverseOpenings.map(String.init).joined(separator: ", ")
            let (first, other) = (convention.forwardDirection.rawValue, convention.forwardDirection.reversed.rawValue)
            warnings.append("cycle \(list) of the instrument's index opens with \(other), not \(first): its CE pairs that half-cycle with the one after it (a record starting mid-cycle?)")
        }
        if let conventionWarning {
            warnings.append(conventionWarning + " (set the cell type or the CE convention: a cell card)")
        } else if !implausibleCycles.isEmpty {
            let list = implausibleCycles.map(String.init).joined(separator: ", ")
            warnings.append("cycle \(list) has a CE above 110 %: a partial cycle (a record starting mid-cycle?) or the wrong CE convention")
        }
        if let sparseLoggingWarning { warnings.append(sparseLoggingWarning + " (use the instrument's capacity counters)") }
        return warnings
    }

    /// Complete cycles whose CE exceeds 110 %: more charge out than in beyond any measurement error, so
    /// the cycle is partial (a record that starts mid-cycle) or the convention is the wrong one.
    public var implausibleCycles: [Int] {
        rows.filter { ($0.coulombicEfficiency ?? 0) > Self.implausibleEfficiency }.map(\.cycle)
    }

    /// The first complete cycle's CE (ICE): the formation cycle, wherever the table starts — a rest-only
    /// or partial opening cycle is not it.
    public var initialCoulombicEfficiency: Double? {
        rows.first { $0.coulombicEfficiency != nil }?.coulombicEfficiency
    }

    /// The cycles the mean CE is taken over: every cycle with a CE after the first (formation) one, which
    /// SEI formation and trapped lithium dominate.
    public var meanCoulombicEfficiencyCycles: [Int] {
        Array(rows.filter { $0.coulombicEfficiency != nil }.dropFirst().map(\.cycle))
    }

    /// The mean CE over ``meanCoulombicEfficiencyCycles``.
    public var meanCoulombicEfficiency: Double? {
        let values = rows.compactMap(\.coulombicEfficiency).dropFirst()
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// When most cycles with a CE have one above 100 % (at least two of them), the convention is almost
    /// certainly the wrong one for this cell: more charge cannot come out than went in, cycle after cycle.
    /// The warning names the convention that would read the same record the right way round.
    public var conventionWarning: String? {
        let values = rows.compactMap(\.coulombicEfficiency)
        let above = values.filter { $0 > 1 }.count
        guard above >= 2, 2 * above > values.count else { return nil }
        let other = convention.forwardDirection == .charge ? "anode" : "cathode or full"
        return "\(above) of \(values.count) cycles have a CE above 100 %: the \(convention.convention.rawValue) convention (\(convention.reason)) is probably wrong for this cell; the \(other) convention reads it the other way round"
    }

    /// 0.5 %: what logging can explain. The trapezoid on a sampled current differs from the instrument's
    /// own (kHz) integration by the current's change within one logging interval at each step's edges — well
    /// under 0.1 % at the usual 1–60 s for hour-long steps; more means rows were logged too sparsely to
    /// integrate (or the counters mean something else).
    public static let counterDifferenceLimit = 0.005

    /// When the instrument's counters and the integrated capacity differ by more than
    /// ``counterDifferenceLimit`` while the table uses the integration: the counters are probably the better
    /// capacities.
    public var sparseLoggingWarning: String? {
        guard capacitySource == .integrated, let largest = largestCounterDifference, largest > Self.counterDifferenceLimit else { return nil }
        let percent = (largest * 1000).rounded() / 10
        return "the instrument's capacity counters differ from the integrated current by up to \(percent) % (more than \(Self.counterDifferenceLimit * 100) %): the record is probably logged too sparsely to integrate; the capacity source 'counters' uses the instrument's own"
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
