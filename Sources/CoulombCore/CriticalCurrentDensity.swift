/// The verdict of a critical-current-density (CCD) ramp on a symmetric Li|SE|Li cell.
///
/// Half-cycles (``SymmetricHalfCycle``) are grouped into current-density levels
/// (``CurrentDensityLevel``). The Ohmic baseline ASR_dc is fitted through the origin on the first
/// levels' plateaus (up to the first half-cycle that falls sharply), η = ASR_dc·j (least squares:
/// ASR_dc = Σjη / Σj²), and each half-cycle is checked
/// against it and against the cell's own noise:
///
/// - `hard_short`: |V| ends the half-cycle below `hardShortFraction`·ASR_dc·j and stays there through the
///   next half-cycle (the cell has become a resistor, in both directions);
/// - `sudden_drop`: |V| falls below its running maximum, at constant current, by more than `dropFraction`
///   of the plateau and by more than `dropNoiseFactor` times the half-cycle's own noise;
/// - `overpotential_collapse`: the plateau is lower, by more than `collapseFraction`, than the previous
///   (lower) level's (Ohm's law says it must rise);
/// - `noise`: the noise exceeds `noiseFactor` times the first level's (a soft short's flicker) — these
///   three are ``ShortCriteria``, shared with the long-term monitor;
/// - `super_ohmic` (informational, not a failure): the plateau exceeds `superOhmicFactor`·ASR_dc·j.
///
/// A level with a failing half-cycle fails only when the failure is confirmed: a hard short lasts by
/// construction; any other sign must recur (another failing half-cycle later in the level or in the next
/// one) or leave the next level's plateau below `confirmFraction`·ASR_dc·j (a shorted cell's does not
/// reach it). An unconfirmed level passes and is listed in `unconfirmedLevels`. The last level has no next
/// one to confirm with, so its failures stand.
///
/// The CCD is the last level passed; `nil` when the first level fails. Without a failure it is the highest
/// level reached, a lower bound (`ccdIsLowerBound`). The failing level is `failureLevel_mA_cm2`, and
/// `failureMode` (``FailureMode``) says which signature failed it.
public struct CriticalCurrentDensity: Sendable {
    /// Every threshold of the analysis, named, with the reason for its default.
    public struct Thresholds: Sendable, Equatable {
        /// The levels the baseline ASR is fitted on: two, so that one level's oddity is averaged out while
        /// the fit stays below the currents where void growth bends the curve up.
        public var baselineLevels = 2
        /// Hard short, sudden drop and noise (shared with the long-term monitor).
        public var shorts = ShortCriteria()
        /// A plateau this much lower than the previous level's contradicts Ohm's law beyond noise.
        public var collapseFraction = 0.1
        /// Void growth makes the plateau super-Ohmic; flagged for information above this factor.
        public var superOhmicFactor = 1.5
        /// A suspect level is confirmed when the next level's plateau falls below this fraction of
        /// ASR_dc·j. 80 %: a healthy cell's plateau rises at least Ohmically (asinh kinetics bend it under
        /// ASR_dc·j by a few percent at most over a ramp's span), while a short leaves it at a fraction.
        public var confirmFraction = 0.8

        public init() {}
    }

    public enum Failure: String, Sendable {
        case hardShort = "hard_short"
        case softShort = "soft_short"
        case none
    }

    public var halfCycles: [SymmetricHalfCycle]
    /// The reasons found for each half-cycle (empty: healthy).
    public var reasons: [[ShortReason]]
    public var levels: [CurrentDensityLevel]
    public var rampProtocol: RampProtocol
    public var asrDC_ohm_cm2: Double
    public var ccd_mA_cm2: Double?
    public var ccdIsLowerBound: Bool
    public var failure: Failure
    /// The signature of the failure (nil without one).
    public var failureMode: FailureMode?
    /// The current density of the level that failed (the level after the CCD).
    public var failureLevel_mA_cm2: Double?
    /// Levels (indices into `levels`) with a failing half-cycle that was not confirmed, so they passed.
    public var unconfirmedLevels: Set<Int>
    public var onsetLevel_mA_cm2: Double?
    public var onsetTime_s: Double?
    /// Areal capacity passed before the onset (all of it without a failure).
    public var cumulativeArealCapacity_mAh_cm2: Double

    /// Whether a level passed: every half-cycle passed, or its failures were not confirmed.
    public func passed(_ level: CurrentDensityLevel) -> Bool {
        unconfirmedLevels.contains { levels[$0] == level } || Self.clean(reasons[level.halfCycles])
    }

    static func clean(_ reasons: ArraySlice<[ShortReason]>) -> Bool { reasons.allSatisfy { !$0.contains(where: \.fails) } }

    /// - Throws: ``AnalysisError`` without an area, without current, for current that never reverses, or
    ///   for a single level (no ramp).
    public init(_ data: CyclingData, area_cm2: Double?, thresholds: Thresholds = Thresholds()) throws(AnalysisError) {
        let halves = try SymmetricHalfCycle.all(data, area_cm2: area_cm2, dropWindow: thresholds.shorts.dropWindow)
        guard Set(halves.map(\.direction)).count == 2 else {
            throw AnalysisError("the current never reverses: this is not plating and stripping")
        }
        let levels = CurrentDensityLevel.group(halves)
        guard levels.count >= 2, let rampProtocol = RampProtocol(levels) else {
            throw AnalysisError("a single current-density level (\(levels[0].currentDensity_mA_cm2) mA/cm²) is not a CCD ramp; `coulomb shorts` follows constant-current cycling")
        }
        // The baseline: the first levels' half-cycles, up to the first that falls sharply (a cell that fails
        // at the first level must not teach the fit its shorted resistance).
        let firstLevels = 0..<levels[min(thresholds.baselineLevels, levels.count) - 1].halfCycles.upperBound
        let firstFall = firstLevels.first { halves[$0].largestDrop_V > thresholds.shorts.dropThreshold(halves[$0]) }
        let baseline = halves[0..<max(firstFall ?? firstLevels.upperBound, 1)]
        let asr_V_per_mA_cm2 = baseline.reduce(0) { $0 + $1.currentDensity_mA_cm2 * $1.plateauOverpotential_V }
            / baseline.reduce(0) { $0 + $1.currentDensity_mA_cm2 * $1.currentDensity_mA_cm2 }
        let firstNoise = SymmetricHalfCycle.median(halves[levels[0].halfCycles].map(\.noise_V))

        var reasons = [[ShortReason]](repeating: [], count: halves.count)
        let expected = halves.map { asr_V_per_mA_cm2 * $0.currentDensity_mA_cm2 }
        for (position, level) in levels.enumerated() {
            for k in level.halfCycles {
                let half = halves[k]
                reasons[k] = thresholds.shorts.reasons(
                    half, expected_V: expected[k], baselineNoise_V: firstNoise,
                    next: k + 1 < halves.count ? (halves[k + 1], expected[k + 1]) : nil)
                if position > 0,
                   half.plateauOverpotential_V < (1 - thresholds.collapseFraction) * levels[position - 1].overpotential_V {
                    reasons[k].append(.overpotentialCollapse)
                }
                if half.plateauOverpotential_V > thresholds.superOhmicFactor * expected[k] { reasons[k].append(.superOhmic) }
            }
        }

        var unconfirmed = Set<Int>()
        for position in levels.indices.dropLast() {
            let here = levels[position].halfCycles, next = levels[position + 1]
            guard let first = here.first(where: { reasons[$0].contains(where: \.fails) }),
                  !reasons[first].contains(.hardShort) else { continue }
            let recurs = !Self.clean(reasons[(first + 1)..<next.halfCycles.upperBound])
            let nextLow = next.overpotential_V < thresholds.confirmFraction * asr_V_per_mA_cm2 * next.currentDensity_mA_cm2
            if !recurs && !nextLow { unconfirmed.insert(position) }
        }

        self.halfCycles = halves
        self.reasons = reasons
        self.levels = levels
        self.rampProtocol = rampProtocol
        self.asrDC_ohm_cm2 = asr_V_per_mA_cm2 * 1000
        self.unconfirmedLevels = unconfirmed
        let failedLevel = levels.indices.first { !unconfirmed.contains($0) && !Self.clean(reasons[levels[$0].halfCycles]) }
        let onset = failedLevel.flatMap { levels[$0].halfCycles.first { reasons[$0].contains(where: \.fails) } }
        ccd_mA_cm2 = failedLevel.map { $0 > 0 ? levels[$0 - 1].currentDensity_mA_cm2 : nil } ?? levels.last?.currentDensity_mA_cm2
        ccdIsLowerBound = onset == nil
        onsetLevel_mA_cm2 = failedLevel.map { levels[$0].currentDensity_mA_cm2 }
        failureLevel_mA_cm2 = onsetLevel_mA_cm2
        if let onset {
            let half = halves[onset]
            let mode = thresholds.shorts.mode(at: onset, halves: halves, reasons: reasons[onset],
                                              expected: expected.map(Optional.some), data: data)
            failureMode = mode
            failure = mode.isHard ? .hardShort : .softShort
            onsetTime_s = thresholds.shorts.onsetTime(half, reasons: reasons[onset], expected_V: expected[onset], data: data)
            let before = halves[..<onset].reduce(0) { $0 + $1.arealCapacity_mAh_cm2 }
            cumulativeArealCapacity_mAh_cm2 = before + half.currentDensity_mA_cm2 * (onsetTime_s! - half.start_s) / 3600
        } else {
            failure = .none
            failureMode = nil
            onsetTime_s = nil
            cumulativeArealCapacity_mAh_cm2 = halves.reduce(0) { $0 + $1.arealCapacity_mAh_cm2 }
        }
    }
}
