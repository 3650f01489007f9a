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
            let high = SIMD8<Double>(repeating: threshold), low = SIMD8<Double>(repeating: -threshold)
            for (k, start) in runs.enumerated() {
                let end = k + 1 < runs.count ? runs[k + 1] : current.count
                // Within one instrument step, rows below the threshold (a CV tail decaying under 1 % of a
                // fast pulse elsewhere in the record) keep the step's direction; only a step that never
                // passes the threshold is a rest.
                var direction = keepsDirection ? (start..<end).lazy.map(regime).first { $0 != 0 } ?? 0 : 0
                var stepStart = start
                var stepRegime = keepsDirection ? direction : regime(start)
                var row = start
                while row < end {
                    // Most blocks of eight rows continue the step: one vector comparison skips them.
                    if row + 8 <= end {
                        let block = Self.load(current, row)
                        let same = switch stepRegime {
                        case 1: all(block .> high)
                        case -1: all(block .< low)
                        default: all((block .<= high) .& (block .>= low))
                        }
                        if same {
                            row += 8
                            continue
                        }
                    }
                    var value = regime(row)
                    if keepsDirection {
                        if value == 0 { value = direction } else { direction = value }
                    }
                    if value != stepRegime {
                        steps += split(data, rows: stepStart..<row, direction: stepRegime)
                        (stepStart, stepRegime) = (row, value)
                    }
                    row += 1
                }
                steps += split(data, rows: stepStart..<end, direction: stepRegime)
            }
        }
        return steps
    }

    /// The first rows of the runs of equal instrument step and cycle index (`[0]` without either).
    static func instrumentRuns(_ data: CyclingData) -> [Int] {
        var starts = [0]
        let count = data.count
        // With one index only, it stands in for the other too (comparing it twice changes nothing).
        guard let stepIndex = data.stepIndex ?? data.cycleIndex, let cycleIndex = data.cycleIndex ?? data.stepIndex else {
            return starts
        }
        stepIndex.withUnsafeBufferPointer { step in
            cycleIndex.withUnsafeBufferPointer { cycle in
                var row = 1
                while row < count {
                    // Eight neighbouring pairs at a time; only a block holding a change is walked row by row.
                    if row + 8 <= count {
                        let differs = (loadIndex(step, row) .!= loadIndex(step, row - 1))
                            .| (loadIndex(cycle, row) .!= loadIndex(cycle, row - 1))
                        if !any(differs) {
                            row += 8
                            continue
                        }
                    }
                    if step[row] != step[row - 1] || cycle[row] != cycle[row - 1] { starts.append(row) }
                    row += 1
                }
            }
        }
        return starts
    }

    @inline(__always)
    private static func load(_ buffer: UnsafeBufferPointer<Double>, _ index: Int) -> SIMD8<Double> {
        UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: SIMD8<Double>.self)
    }

    @inline(__always)
    private static func loadIndex(_ buffer: UnsafeBufferPointer<Int>, _ index: Int) -> SIMD8<Int> {
        UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: SIMD8<Int>.self)
    }

    /// max |x|, eight lanes at a time (a closure-based `reduce` is not vectorised).
    static func largestMagnitude(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in
            var lanes = SIMD8<Double>()
            var k = 0
            while k + 8 <= buffer.count {
                var block = load(buffer, k)
                block.replace(with: -block, where: block .< 0)
                lanes.replace(with: block, where: block .> lanes)
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
