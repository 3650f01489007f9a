/// One constant-current half-cycle of a symmetric (Li|SE|Li) cell, and what its voltage did.
///
/// In a symmetric cell the voltage *is* the overpotential, of either sign; everything here is about
/// |V|. Features, per half-cycle:
///
/// - current density j = median |I| / A;
/// - plateau overpotential: the median |V| over the middle 60 % of the half-cycle's duration, which leaves
///   out the initial jump and the end;
/// - peak |V|, and end |V| (the median of the last three samples, so a glitch on the last one is not it);
/// - noise: the robust spread of the sample-to-sample changes of |V|, 1.4826·MAD(Δ|V|)/√2 — differences
///   remove the slow trend of void growth or polarisation build-up, and the median ignores single spikes;
///   for white noise of σ it gives σ;
/// - largest sudden drop: the largest fall of the 3-point running median of |V| below its own maximum over
///   the preceding `dropWindow` samples beyond the trend (the fall over the `dropWindow` samples before
///   those), after the initial jump (the first 10 % of the duration), and when it bottomed out — the median
///   ignores single-sample spikes, the window gives "sudden" a time scale and the trend makes it a change
///   of slope: a smooth relaxation of the nucleation overpotential over a quarter of a half-cycle falls
///   about as fast in one window as in the one before, a step does not;
/// - areal capacity passed, ∫|I|dt / A, from ``SegmentedReduction``.
public struct SymmetricHalfCycle: Sendable, Equatable {
    public var rows: Range<Int>
    /// Charge when the current is positive, discharge when negative.
    public var direction: Direction
    public var start_s: Double
    public var duration_s: Double
    public var currentDensity_mA_cm2: Double
    public var arealCapacity_mAh_cm2: Double
    public var plateauOverpotential_V: Double
    public var peakOverpotential_V: Double
    public var endOverpotential_V: Double
    public var noise_V: Double
    /// The largest fall of |V| within `dropWindow` samples (see the type's discussion).
    public var largestDrop_V: Double
    /// When the largest drop was reached (the sample at its bottom).
    public var largestDropTime_s: Double

    /// Where the current level jumps by more than this fraction between samples, a half-cycle ends even
    /// without a change of sign or step index (a ramp recorded without step numbers).
    public static let levelChange = 0.1

    /// The half-cycles of a record: its charge and discharge steps (rests and CV holds dropped), cut
    /// where the current level jumps. `dropWindow` (samples, at least 1) is the time scale of a sudden
    /// drop (``ShortCriteria/dropWindow``).
    ///
    /// - Throws: ``AnalysisError`` for a missing or non-positive area, or a record without current.
    public static func all(
        _ data: CyclingData, area_cm2: Double?, dropWindow: Int = ShortCriteria().dropWindow,
        segmentation: StepSegmentation = StepSegmentation()
    ) throws(AnalysisError) -> [SymmetricHalfCycle] {
        guard let area_cm2 else {
            throw AnalysisError("no electrode area", remedy: .fact(.area))
        }
        try AnalysisError.requirePositive(area_cm2, "the area (cm²)")
        let i = data.current_A, v = data.voltage_V, t = data.time_s
        guard i.contains(where: { $0 != 0 }) else { throw AnalysisError("the current is zero throughout: nothing was plated") }

        var pieces: [(rows: Range<Int>, direction: Direction)] = []
        for step in segmentation.steps(data) {
            guard let direction = step.kind.direction else { continue }
            var start = step.rows.lowerBound
            for row in step.rows.dropFirst() where abs(abs(i[row]) - abs(i[row - 1])) > levelChange * max(abs(i[row]), abs(i[row - 1])) {
                if row - start >= 3 {
                    pieces.append((start..<row, direction))
                    start = row
                }
            }
            pieces.append((start..<step.rows.upperBound, direction))
        }
        guard !pieces.isEmpty else { throw AnalysisError("the record has no charge or discharge") }

        // One kernel call: each piece is a segment, and so is each gap between pieces (rests).
        var starts: [Int] = [], isPiece: [Bool] = []
        var cursor = 0
        for piece in pieces {
            if piece.rows.lowerBound > cursor {
                starts.append(cursor)
                isPiece.append(false)
            }
            starts.append(piece.rows.lowerBound)
            isPiece.append(true)
            cursor = piece.rows.upperBound
        }
        let statistics = SegmentedReduction.reduce(time_s: t, voltage_V: v, current_A: i, segmentStarts: starts)
            .enumerated().filter { isPiece[$0.offset] }.map(\.element)

        return zip(pieces, statistics).map { piece, stats in
            let rows = piece.rows
            let start = t[rows.lowerBound], duration = t[rows.upperBound - 1] - start
            let magnitude = rows.map { abs(v[$0]) }
            let middle = (0..<rows.count).filter { k in
                let elapsed = t[rows.lowerBound + k] - start
                return elapsed >= 0.2 * duration && elapsed <= 0.8 * duration
            }.map { magnitude[$0] }
            let falls = Self.falls(data, rows: rows, window: dropWindow)
            let deepest = falls.indices.max { falls[$0] < falls[$1] }!
            let changes = zip(magnitude.dropFirst(), magnitude).map { $0 - $1 }
            let typical = median(changes)
            return SymmetricHalfCycle(
                rows: rows, direction: piece.direction, start_s: start, duration_s: duration,
                currentDensity_mA_cm2: median(rows.map { abs(i[$0]) }) * 1000 / area_cm2,
                arealCapacity_mAh_cm2: (stats.chargeCapacity_Ah + stats.dischargeCapacity_Ah) * 1000 / area_cm2,
                plateauOverpotential_V: median(middle.isEmpty ? magnitude : middle),
                peakOverpotential_V: magnitude.max()!, endOverpotential_V: median(Array(magnitude.suffix(3))),
                noise_V: changes.isEmpty ? 0 : 1.4826 * median(changes.map { abs($0 - typical) }) / 2.0.squareRoot(),
                largestDrop_V: falls[deepest], largestDropTime_s: t[rows.lowerBound + deepest])
        }
    }

    /// How far |V| lies below its own maximum over the preceding `window` samples at each row of a
    /// half-cycle, less the trend — the fall from `2·window` to `window` samples earlier, when positive —
    /// counted after the initial jump (the first 10 % of the duration; 0 before, and no maximum is taken from
    /// there). All are read on a 3-point running median of |V|, so a single-sample spike (an instrument
    /// glitch) is neither a maximum to fall from nor a fall.
    ///
    /// With s the running median and w the window: fall(k) = max(s[k−w…k]) − s[k] − max(0, s[k−2w] − s[k−w]),
    /// floored at 0. A step of height h gives h; a smooth decline gives about w²·|s″|, its curvature.
    public static func falls(_ data: CyclingData, rows: Range<Int>, window: Int) -> [Double] {
        let t = data.time_s
        let start = t[rows.lowerBound], duration = t[rows.upperBound - 1] - start
        let steady = medianOfThree(rows.map { abs(data.voltage_V[$0]) })
        let settled = steady.indices.first { t[rows.lowerBound + $0] - start >= 0.1 * duration } ?? steady.count
        let w = max(window, 1)
        var falls = [Double](repeating: 0, count: steady.count)
        for k in settled..<steady.count {
            var highest = steady[k]
            for i in max(settled, k - w)..<k { highest = max(highest, steady[i]) }
            let trend = k >= w ? max(0, steady[max(k - 2 * w, 0)] - steady[k - w]) : 0
            falls[k] = max(0, highest - steady[k] - trend)
        }
        return falls
    }

    /// Each value replaced by the median of itself and its two neighbours (the ends kept).
    static func medianOfThree(_ values: [Double]) -> [Double] {
        guard values.count >= 3 else { return values }
        var result = values
        for k in 1..<(values.count - 1) {
            let a = values[k - 1], b = values[k], c = values[k + 1]
            result[k] = max(min(a, b), min(max(a, b), c))
        }
        return result
    }

    /// The median, by selection (quickselect with a median-of-three pivot) rather than a full
    /// sort: half-cycles of thousands of samples need several medians each.
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        var a = values
        let middle = a.count / 2
        let upper = select(&a, middle)
        guard a.count % 2 == 0 else { return upper }
        // The lower middle is the largest value left of the upper one after selection.
        return 0.5 * (upper + a[..<middle].max()!)
    }

    /// Puts the k-th smallest value at index k, smaller ones before it and larger ones after, and returns it.
    /// The partition is three-way, so runs of equal values (a constant current) cost one pass.
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        var low = 0, high = a.count - 1
        while low < high {
            let mid = low + (high - low) / 2
            let pivot = max(min(a[low], a[mid]), min(max(a[low], a[mid]), a[high]))
            var less = low, i = low, greater = high
            while i <= greater {
                if a[i] < pivot {
                    a.swapAt(less, i)
                    less += 1
                    i += 1
                } else if a[i] > pivot {
                    a.swapAt(i, greater)
                    greater -= 1
                } else {
                    i += 1
                }
            }
            if k < less { high = less - 1 } else if k > greater { low = greater + 1 } else { return pivot }
        }
        return a[k]
    }
}
