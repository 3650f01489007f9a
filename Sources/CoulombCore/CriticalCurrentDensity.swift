/// The verdict of a critical-current-density (CCD) ramp on a symmetric Li|SE|Li cell.
///
/// Half-cycles (``SymmetricHalfCycle``) are grouped into current-density levels
/// (``CurrentDensityLevel``). The Ohmic baseline ASR_dc is fitted through the origin on the first
/// levels' plateaus, η = ASR_dc·j (least squares: ASR_dc = Σjη / Σj²), and each half-cycle is checked
/// against it and against the cell's own noise:
///
/// - `hard_short`: |V| ends the half-cycle below `hardShortFraction`·ASR_dc·j and stays there through the
///   next half-cycle (the cell has become a resistor, in both directions);
/// - `sudden_drop`: |V| falls below its running maximum, at constant current, by more than `dropFraction`
///   of the plateau and by more than `dropNoiseFactor` times the half-cycle's own noise;
/// - `overpotential_collapse`: the plateau is lower, by more than `collapseFraction`, than the previous
///   (lower) level's (Ohm's law says it must rise);
/// - `noise`: the noise exceeds `noiseFactor` times the first level's (a soft short's flicker);
/// - `super_ohmic` (informational, not a failure): the plateau exceeds `superOhmicFactor`·ASR_dc·j.
///
/// The CCD is the last level whose half-cycles all passed; `nil` when the first level fails. Without a
/// failure it is the highest level reached, a lower bound (`ccdIsLowerBound`).
public struct CriticalCurrentDensity: Sendable {
    /// Every threshold of the analysis, named, with the reason for its default.
    public struct Thresholds: Sendable, Equatable {
        /// The levels the baseline ASR is fitted on: two, so that one level's oddity is averaged out while
        /// the fit stays below the currents where void growth bends the curve up.
        public var baselineLevels = 2
        /// A hard short leaves a resistance of ohms against a pellet's tens to thousands of Ω·cm²; 20 % of
        /// the expected overpotential is far below any healthy plateau and far above a short's residue.
        public var hardShortFraction = 0.2
        /// A sudden drop loses a large part of the plateau at once; healthy traces wander by a few percent.
        public var dropFraction = 0.3
        /// …and stands out from the noise by this factor, so a noisy trace's dips are not drops.
        public var dropNoiseFactor = 10.0
        /// A plateau this much lower than the previous level's contradicts Ohm's law beyond noise.
        public var collapseFraction = 0.1
        /// Soft shorts flicker: noise this many times the first level's is not measurement noise.
        public var noiseFactor = 5.0
        /// Void growth makes the plateau super-Ohmic; flagged for information above this factor.
        public var superOhmicFactor = 1.5

        public init() {}
    }

    public enum Reason: String, Sendable, CaseIterable {
        case hardShort = "hard_short"
        case suddenDrop = "sudden_drop"
        case overpotentialCollapse = "overpotential_collapse"
        case noise
        case superOhmic = "super_ohmic"

        /// Every reason but `super_ohmic` fails a half-cycle.
        public var fails: Bool { self != .superOhmic }
    }

    public enum Failure: String, Sendable {
        case hardShort = "hard_short"
        case softShort = "soft_short"
        case none
    }

    public var halfCycles: [SymmetricHalfCycle]
    /// The reasons found for each half-cycle (empty: healthy).
    public var reasons: [[Reason]]
    public var levels: [CurrentDensityLevel]
    public var rampProtocol: RampProtocol
    public var asrDC_ohm_cm2: Double
    public var ccd_mA_cm2: Double?
    public var ccdIsLowerBound: Bool
    public var failure: Failure
    public var onsetLevel_mA_cm2: Double?
    public var onsetTime_s: Double?
    /// Areal capacity passed before the onset (all of it without a failure).
    public var cumulativeArealCapacity_mAh_cm2: Double

    /// Whether every half-cycle of a level passed.
    public func passed(_ level: CurrentDensityLevel) -> Bool {
        reasons[level.halfCycles].allSatisfy { !$0.contains(where: \.fails) }
    }

    /// - Throws: ``AnalysisError`` without an area, without current, for current that never reverses, or
    ///   for a single level (no ramp).
    public init(_ data: CyclingData, area_cm2: Double?, thresholds: Thresholds = Thresholds()) throws(AnalysisError) {
        let halves = try SymmetricHalfCycle.all(data, area_cm2: area_cm2)
        guard Set(halves.map(\.direction)).count == 2 else {
            throw AnalysisError("the current never reverses: this is not plating and stripping")
        }
        let levels = CurrentDensityLevel.group(halves)
        guard levels.count >= 2, let rampProtocol = RampProtocol(levels) else {
            throw AnalysisError("a single current-density level (\(levels[0].currentDensity_mA_cm2) mA/cm²) is not a CCD ramp; `coulomb shorts` follows constant-current cycling")
        }
        let baseline = halves[0..<levels[min(thresholds.baselineLevels, levels.count) - 1].halfCycles.upperBound]
        let asr_V_per_mA_cm2 = baseline.reduce(0) { $0 + $1.currentDensity_mA_cm2 * $1.plateauOverpotential_V }
            / baseline.reduce(0) { $0 + $1.currentDensity_mA_cm2 * $1.currentDensity_mA_cm2 }
        let firstNoise = SymmetricHalfCycle.median(halves[levels[0].halfCycles].map(\.noise_V))

        var reasons = [[Reason]](repeating: [], count: halves.count)
        for (position, level) in levels.enumerated() {
            for k in level.halfCycles {
                let half = halves[k]
                let expected = asr_V_per_mA_cm2 * half.currentDensity_mA_cm2
                let shortLevel = thresholds.hardShortFraction * expected
                let stays = k + 1 == halves.count || halves[k + 1].plateauOverpotential_V < thresholds.hardShortFraction
                    * asr_V_per_mA_cm2 * halves[k + 1].currentDensity_mA_cm2
                if half.endOverpotential_V < shortLevel, stays { reasons[k].append(.hardShort) }
                if half.largestDrop_V > thresholds.dropFraction * half.plateauOverpotential_V,
                   half.largestDrop_V > thresholds.dropNoiseFactor * half.noise_V {
                    reasons[k].append(.suddenDrop)
                }
                if position > 0,
                   half.plateauOverpotential_V < (1 - thresholds.collapseFraction) * levels[position - 1].overpotential_V {
                    reasons[k].append(.overpotentialCollapse)
                }
                if half.noise_V > thresholds.noiseFactor * firstNoise, firstNoise > 0 { reasons[k].append(.noise) }
                if half.plateauOverpotential_V > thresholds.superOhmicFactor * expected { reasons[k].append(.superOhmic) }
            }
        }

        self.halfCycles = halves
        self.reasons = reasons
        self.levels = levels
        self.rampProtocol = rampProtocol
        self.asrDC_ohm_cm2 = asr_V_per_mA_cm2 * 1000
        let onset = reasons.firstIndex { $0.contains(where: \.fails) }
        let failedLevel = onset.flatMap { k in levels.firstIndex { $0.halfCycles.contains(k) } }
        ccd_mA_cm2 = failedLevel.map { $0 > 0 ? levels[$0 - 1].currentDensity_mA_cm2 : nil } ?? levels.last?.currentDensity_mA_cm2
        ccdIsLowerBound = onset == nil
        onsetLevel_mA_cm2 = failedLevel.map { levels[$0].currentDensity_mA_cm2 }
        if let onset {
            let half = halves[onset]
            failure = reasons[onset].contains(.hardShort) ? .hardShort : .softShort
            onsetTime_s = Self.onsetTime(half, reasons: reasons[onset], data: data,
                                         shortLevel: thresholds.hardShortFraction * asr_V_per_mA_cm2 * half.currentDensity_mA_cm2)
            let before = halves[..<onset].reduce(0) { $0 + $1.arealCapacity_mAh_cm2 }
            cumulativeArealCapacity_mAh_cm2 = before + half.currentDensity_mA_cm2 * (onsetTime_s! - half.start_s) / 3600
        } else {
            failure = .none
            onsetTime_s = nil
            cumulativeArealCapacity_mAh_cm2 = halves.reduce(0) { $0 + $1.arealCapacity_mAh_cm2 }
        }
    }

    /// When the failure began within its half-cycle: for a hard short the first sample from which |V| stays
    /// below the short level to the end of the half-cycle; for a sudden drop the bottom of the drop; for
    /// the others (judged over the whole half-cycle) its start.
    static func onsetTime(_ half: SymmetricHalfCycle, reasons: [Reason], data: CyclingData, shortLevel: Double) -> Double {
        if reasons.contains(.hardShort) {
            var first = half.rows.upperBound - 1
            while first > half.rows.lowerBound, abs(data.voltage_V[first - 1]) < shortLevel { first -= 1 }
            return data.time_s[first]
        }
        if reasons.contains(.suddenDrop) { return half.largestDropTime_s }
        return half.start_s
    }
}
