/// Cuts a cycling record into steps: rest, constant-current charge or discharge, constant-voltage hold.
///
/// A row is at rest when |I| is at most `restFraction` of the largest |I| in the record; otherwise it charges
/// (I > 0) or discharges. Where the instrument numbers its steps, a step is a rest only if none of its rows
/// passes that threshold; its quieter rows otherwise belong to the direction around them. A new step starts wherever that regime changes or the instrument's step or cycle
/// index changes. Within a charge or discharge run, a constant-voltage hold is the longest tail over which the
/// voltage stays within `holdVoltageTolerance_V` of its final value while the current decays by more than
/// `holdCurrentDecay` — the signature of a CV step, whether or not the instrument gave it its own index.
public struct StepSegmentation: Sendable {
    /// 1 % of the largest current: far above cycler zero-offsets (~0.01–0.1 % of range), far below any
    /// C/50 current used in practice when the largest current is ~C/5–1C.
    public var restFraction = 0.01
    /// 2 mV: a CV hold is regulated to ~0.1 mV; CC voltage drifts far more than this over the same span.
    public var holdVoltageTolerance_V = 0.002
    /// A CV tail must shed at least this fraction of its starting current.
    public var holdCurrentDecay = 0.2
    /// A CV tail needs at least this many samples, so noise on a CC plateau's last points is not a hold.
    public var holdMinimumSamples = 4

    public init() {}

    public func steps(_ data: CyclingData) -> [Step] {
        let current = data.current_A
        let largest = current.reduce(0) { max($0, abs($1)) }
        let threshold = restFraction * largest
        var regime = current.map { $0 > threshold ? 1 : $0 < -threshold ? -1 : 0 }
        if let index = data.stepIndex {
            // Within one instrument step, rows below the threshold (a CV tail decaying under 1 % of a fast
            // pulse elsewhere in the record) keep the step's direction; only a step that never passes the
            // threshold is a rest.
            var start = 0
            for row in 1...data.count where row == data.count || index[row] != index[start]
                || (data.cycleIndex.map { $0[row] != $0[start] } ?? false) {
                var direction = regime[start..<row].first { $0 != 0 } ?? 0
                for k in start..<row {
                    if regime[k] == 0 { regime[k] = direction } else { direction = regime[k] }
                }
                start = row
            }
        }
        var steps: [Step] = []
        var start = 0
        for row in 1...data.count {
            let ends = row == data.count || regime[row] != regime[start]
                || (data.stepIndex.map { $0[row] != $0[start] } ?? false)
                || (data.cycleIndex.map { $0[row] != $0[start] } ?? false)
            guard ends else { continue }
            steps += split(data, rows: start..<row, direction: regime[start])
            start = row
        }
        return steps
    }

    /// A charge or discharge run as a CC step, or a CC step followed by a CV hold.
    private func split(_ data: CyclingData, rows: Range<Int>, direction: Int) -> [Step] {
        guard direction != 0 else { return [Step(rows: rows, kind: .rest)] }
        let cc: Step.Kind = direction > 0 ? .constantCurrentCharge : .constantCurrentDischarge
        let cv: Step.Kind = direction > 0 ? .constantVoltageCharge : .constantVoltageDischarge
        let voltage = data.voltage_V, current = data.current_A
        let final = voltage[rows.upperBound - 1]
        var holdStart = rows.upperBound - 1
        while holdStart > rows.lowerBound, abs(voltage[holdStart - 1] - final) <= holdVoltageTolerance_V {
            holdStart -= 1
        }
        let tail = holdStart..<rows.upperBound
        let decayed = abs(current[tail.upperBound - 1]) <= (1 - holdCurrentDecay) * abs(current[tail.lowerBound])
        guard tail.count >= holdMinimumSamples, decayed else { return [Step(rows: rows, kind: cc)] }
        if tail.lowerBound == rows.lowerBound { return [Step(rows: rows, kind: cv)] }
        return [Step(rows: rows.lowerBound..<tail.lowerBound, kind: cc), Step(rows: tail, kind: cv)]
    }
}
