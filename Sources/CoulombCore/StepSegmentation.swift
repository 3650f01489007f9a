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
        let threshold = restFraction * Self.largestMagnitude(data.current_A)
        let keepsDirection = data.stepIndex != nil
        let runs = Self.instrumentRuns(data)
        var steps: [Step] = []
        data.current_A.withUnsafeBufferPointer { current in
            func regime(_ row: Int) -> Int {
                current[row] > threshold ? 1 : current[row] < -threshold ? -1 : 0
            }
            for (k, start) in runs.enumerated() {
                let end = k + 1 < runs.count ? runs[k + 1] : current.count
                // Within one instrument step, rows below the threshold (a CV tail decaying under 1 % of a
                // fast pulse elsewhere in the record) keep the step's direction; only a step that never
                // passes the threshold is a rest.
                var direction = keepsDirection ? (start..<end).lazy.map(regime).first { $0 != 0 } ?? 0 : 0
                var stepStart = start
                var stepRegime = keepsDirection ? direction : regime(start)
                for row in start..<end {
                    var value = regime(row)
                    if keepsDirection {
                        if value == 0 { value = direction } else { direction = value }
                    }
                    if value != stepRegime {
                        steps += split(data, rows: stepStart..<row, direction: stepRegime)
                        (stepStart, stepRegime) = (row, value)
                    }
                }
                steps += split(data, rows: stepStart..<end, direction: stepRegime)
            }
        }
        return steps
    }

    /// The first rows of the runs of equal instrument step and cycle index (`[0]` without either).
    static func instrumentRuns(_ data: CyclingData) -> [Int] {
        var starts = [0]
        let step = data.stepIndex, cycle = data.cycleIndex
        guard step != nil || cycle != nil else { return starts }
        for row in 1..<data.count where step.map({ $0[row] != $0[row - 1] }) ?? false
            || cycle.map({ $0[row] != $0[row - 1] }) ?? false {
            starts.append(row)
        }
        return starts
    }

    /// max |x|, eight lanes at a time (a closure-based `reduce` is not vectorised).
    static func largestMagnitude(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in
            var lanes = SIMD8<Double>()
            var k = 0
            while k + 8 <= buffer.count {
                let block = UnsafeRawPointer(buffer.baseAddress! + k).loadUnaligned(as: SIMD8<Double>.self)
                lanes = pointwiseMax(lanes, pointwiseMax(block, -block))
                k += 8
            }
            var largest = lanes.max()
            while k < buffer.count {
                largest = max(largest, abs(buffer[k]))
                k += 1
            }
            return largest
        }
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
