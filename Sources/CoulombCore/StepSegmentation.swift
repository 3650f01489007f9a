/// Cuts a cycling record into steps: rest, constant-current charge or discharge, constant-voltage hold.
///
/// Rest is judged against ``restThreshold(_:)``: the larger of an absolute floor above cycler zero offsets and
/// a small fraction of the record's largest current. Where the instrument numbers its steps, its steps are
/// trusted: a step is a rest when its typical current (the median of nine rows spread over it) is under the
/// threshold, and otherwise every row of it — a CV tail decaying toward zero included — keeps the step's
/// direction unless the current reverses. Without step numbers each row is judged on its own. A new step
/// starts wherever that regime changes or the instrument's step or cycle index changes. Within a charge or
/// discharge run, a constant-voltage hold is the longest tail over which the voltage stays within
/// `holdVoltageTolerance_V` of its final value while the current decays by more than `holdCurrentDecay` —
/// the signature of a CV step, whether or not the instrument gave it its own index.
public struct StepSegmentation: Sendable {
    /// 0.1 % of the largest current. A record's currents span far more than the 1 % once used: a CCD ramp
    /// from 0.05 to 12.8 mA cm⁻² puts its first level at 0.4 % of its last, and a C/50 formation step in a
    /// file with 5C pulses sits at 0.4 % of them; both are currents, not rests.
    public var restFraction = 0.001
    /// 1 µA: twenty times a typical zero offset (−50 nA during a rest was seen on a real cycler), below
    /// the smallest currents used on solid-state cells (0.01 mA cm⁻² on a 0.1 cm² pellet is 1 µA).
    public var restFloor_A = 1e-6
    /// 2 mV: a CV hold is regulated to ~0.1 mV; CC voltage drifts far more than this over the same span.
    public var holdVoltageTolerance_V = 0.002
    /// A CV tail must shed at least this fraction of its starting current.
    public var holdCurrentDecay = 0.2
    /// A CV tail needs at least this many samples, so noise on a CC plateau's last points is not a hold.
    public var holdMinimumSamples = 4

    public init() {}

    public func steps(_ data: CyclingData) -> [Step] {
        let threshold = restThreshold(data)
        let keepsDirection = data.stepIndex != nil
        let runs = Self.instrumentRuns(data)
        var steps: [Step] = []
        data.current_A.withUnsafeBufferPointer { current in
            func regime(_ row: Int) -> Direction? {
                current[row] > threshold ? .charge : current[row] < -threshold ? .discharge : nil
            }
            let high = SIMD8<Double>(repeating: threshold), low = SIMD8<Double>(repeating: -threshold)
            for (k, start) in runs.enumerated() {
                let end = k + 1 < runs.count ? runs[k + 1] : current.count
                // An instrument step is a rest or a current as a whole: a zero offset or a spike does not
                // cut a rest, and a CV tail under the threshold keeps its step's direction.
                var direction = keepsDirection ? Self.typicalRegime(current, start..<end, threshold) : nil
                if keepsDirection, direction == nil {
                    steps.append(Step(rows: start..<end, kind: .rest))
                    continue
                }
                var stepStart = start
                var stepRegime = keepsDirection ? direction : regime(start)
                var row = start
                while row < end {
                    // Most blocks of eight rows continue the step: one vector comparison skips them.
                    if row + 8 <= end {
                        let block = Self.load(current, row)
                        let same = switch stepRegime {
                        case .charge: all(block .> high)
                        case .discharge: all(block .< low)
                        case nil: all((block .<= high) .& (block .>= low))
                        }
                        if same {
                            row += 8
                            continue
                        }
                    }
                    var value = regime(row)
                    if keepsDirection {
                        if value == nil { value = direction } else { direction = value }
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

    /// The current at or below which a row (or, with step numbers, a step) is at rest, in A.
    public func restThreshold(_ data: CyclingData) -> Double {
        max(restFloor_A, restFraction * Self.largestMagnitude(data.current_A))
    }

    /// The regime of a run as its median row has it, over nine rows spread evenly across the run (all of
    /// a shorter one): a few spikes or a rest's first row still carrying current do not decide it. `nil`
    /// is a rest.
    static func typicalRegime(_ current: UnsafeBufferPointer<Double>, _ rows: Range<Int>, _ threshold: Double) -> Direction? {
        let count = min(rows.count, 9)
        var sample = (0..<count).map { current[rows.lowerBound + $0 * (rows.count - 1) / max(count - 1, 1)] }
        sample.sort()
        let median = sample[count / 2]
        return median > threshold ? .charge : median < -threshold ? .discharge : nil
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
    private func split(_ data: CyclingData, rows: Range<Int>, direction: Direction?) -> [Step] {
        guard let direction else { return [Step(rows: rows, kind: .rest)] }
        let cc: Step.Kind = direction == .charge ? .constantCurrentCharge : .constantCurrentDischarge
        let cv: Step.Kind = direction == .charge ? .constantVoltageCharge : .constantVoltageDischarge
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
