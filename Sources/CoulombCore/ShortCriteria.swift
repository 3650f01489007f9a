/// The short-circuit signatures of a symmetric cell's half-cycle, shared by the CCD ramp and the
/// long-term monitor: each compares a half-cycle with what the cell itself did before.
public struct ShortCriteria: Sendable, Equatable {
    /// A hard short leaves a resistance of ohms against a pellet's tens to thousands of Ω·cm²; 20 % of
    /// the expected overpotential is far below any healthy plateau and far above a short's residue.
    public var hardShortFraction = 0.2
    /// A sudden drop loses a large part of the plateau at once; healthy traces wander by a few percent.
    public var dropFraction = 0.2
    /// …and stands out from the noise by this factor, so a noisy trace's dips are not drops.
    public var dropNoiseFactor = 10.0
    /// Soft shorts flicker: noise this many times the cell's own early noise is not measurement noise.
    public var noiseFactor = 5.0
    /// A drop is sudden when it happens within this many samples, beyond the fall over as many samples
    /// before (``SymmetricHalfCycle/falls(_:rows:window:)``). 3: a short's step shows within one or two
    /// samples of the 3-point median; a nucleation overpotential relaxing smoothly by 40 % over a quarter
    /// of a half-cycle (garnets with voids) changes its rate of fall slowly — at 30 s logging of 30 min
    /// half-cycles (15 samples for the relaxation) by at most 13 % of the plateau between one window and
    /// the next. Much coarser logging cannot tell the two apart.
    public var dropWindow = 3
    /// After a drop that stays, a half-cycle counts as Ohmic (a resistor, V = I·R) when neither its first
    /// sample (a nucleation peak) nor its growth over the half-cycle departs by more than this fraction of
    /// the plateau (beyond the noise). 5 %: a resistor's trace is flat to the noise, while a cell that still
    /// plates and strips shows a nucleation peak of tens of percent at each reversal and growth from voids
    /// or polarisation (the simulated leaky cell in Fixtures/symmetric/ccd_sudden_drop.h5: a peak of 30 %
    /// and growth of about 10 %).
    public var ohmicTolerance = 0.05
    /// Gradual soft short: the plateau ASR sustained more than this fraction below the established one
    /// (the highest rolling median of the healthy half-cycles). 50 %: healthy conditioning (contact
    /// improving, interphase settling) lowers it by up to about 25 %, never by half.
    public var gradualFraction = 0.5
    /// …for this many consecutive half-cycles (2 cycles): one low half-cycle is an odd one, four in a row
    /// in both directions are a trend.
    public var gradualHalfCycles = 4

    public init() {}

    /// The fall of |V| that counts as a sudden drop in a half-cycle.
    public func dropThreshold(_ half: SymmetricHalfCycle) -> Double {
        max(dropFraction * half.plateauOverpotential_V, dropNoiseFactor * half.noise_V)
    }

    /// What is wrong with a half-cycle, given the overpotential expected of it, the cell's baseline noise
    /// and the half-cycle after it with its own expected overpotential (a hard short must last).
    public func reasons(
        _ half: SymmetricHalfCycle, expected_V: Double, baselineNoise_V: Double,
        next: (half: SymmetricHalfCycle, expected_V: Double)?
    ) -> [ShortReason] {
        var found: [ShortReason] = []
        let lasts = next.map { $0.half.plateauOverpotential_V < hardShortFraction * $0.expected_V } ?? true
        if half.endOverpotential_V < hardShortFraction * expected_V, lasts { found.append(.hardShort) }
        if half.largestDrop_V > dropThreshold(half) { found.append(.suddenDrop) }
        if baselineNoise_V > 0, half.noise_V > noiseFactor * baselineNoise_V { found.append(.noise) }
        return found
    }

    /// When a failure began within its half-cycle: for a hard short the first sample from which |V|
    /// stays below the short level to the end of the half-cycle; for a sudden drop the first sample whose
    /// fall passes the threshold (the 3-point median delays it by at most one sample); otherwise (judged over the whole half-cycle) its start.
    public func onsetTime(_ half: SymmetricHalfCycle, reasons: [ShortReason], expected_V: Double, data: CyclingData) -> Double {
        if reasons.contains(.hardShort) {
            let level = hardShortFraction * expected_V
            var first = half.rows.upperBound - 1
            while first > half.rows.lowerBound, abs(data.voltage_V[first - 1]) < level { first -= 1 }
            return data.time_s[first]
        }
        if reasons.contains(.suddenDrop) {
            let threshold = dropThreshold(half)
            let falls = SymmetricHalfCycle.falls(data, rows: half.rows, window: dropWindow)
            return falls.firstIndex { $0 > threshold }.map { data.time_s[half.rows.lowerBound + $0] } ?? half.largestDropTime_s
        }
        return half.start_s
    }
}

extension ShortCriteria {
    /// How many half-cycles after a drop are read to tell the kinds apart: one of each direction, so
    /// the Ohmic test also sees whether |V|/j is the same both ways.
    static let followingHalfCycles = 2

    /// The failure mode of the failing half-cycle `k` (``FailureMode``), from its reasons and what the trace
    /// did after it: a hard short is `sudden_hard`; a sudden drop that recovers within its half-cycle or
    /// in the next ones is `transient_soft`, one that stays is `partial_resistive` when the following
    /// half-cycles are Ohmic and agree in |V|/j both ways, `sudden_partial` otherwise; noise is
    /// `transient_soft`; an overpotential collapse or a sustained fall without a drop is `gradual_soft`.
    ///
    /// "Stays": |V| after the bottom of the drop stays below (1 − `dropFraction`) of the level it fell
    /// from (median to the end of the half-cycle), and the following half-cycles' plateaus stay below
    /// (1 − `dropFraction`) of what was expected of them.
    public func mode(
        at k: Int, halves: [SymmetricHalfCycle], reasons: [ShortReason], expected: [Double?], data: CyclingData
    ) -> FailureMode {
        if reasons.contains(.hardShort) { return .suddenHard }
        guard reasons.contains(.suddenDrop) else {
            // Flicker, or an overpotential that sank without a step (a collapse, a sustained fall).
            return reasons.contains(.noise) ? .transientSoft : .gradualSoft
        }
        let half = halves[k]
        let falls = SymmetricHalfCycle.falls(data, rows: half.rows, window: dropWindow)
        let bottom = falls.indices.max { falls[$0] < falls[$1] }!
        let after = (half.rows.lowerBound + bottom)..<half.rows.upperBound
        let fellFrom = abs(data.voltage_V[after.lowerBound]) + falls[bottom]
        let staysHere = SymmetricHalfCycle.median(after.map { abs(data.voltage_V[$0]) }) < (1 - dropFraction) * fellFrom
        let following = (k + 1..<min(k + 1 + Self.followingHalfCycles, halves.count)).filter { expected[$0] != nil }
        let staysAfter = following.allSatisfy { halves[$0].plateauOverpotential_V < (1 - dropFraction) * expected[$0]! }
        guard staysHere, staysAfter else { return .transientSoft }
        let resistances = following.map { halves[$0].plateauOverpotential_V / halves[$0].currentDensity_mA_cm2 }
        let sameBothWays = resistances.count == Self.followingHalfCycles
            && resistances.max()! - resistances.min()! <= ohmicTolerance * resistances.max()!
        return sameBothWays && following.allSatisfy({ isOhmic(halves[$0], data: data) }) ? .partialResistive : .suddenPartial
    }

    /// Whether a half-cycle's trace is flat like a resistor's: its first sample (where a working interface
    /// shows its nucleation peak) within `ohmicTolerance` of the plateau plus four noise σ, and the median of
    /// its last 20 % within `ohmicTolerance` of the median of 10–30 % (no growth) plus four standard errors
    /// of their difference.
    func isOhmic(_ half: SymmetricHalfCycle, data: CyclingData) -> Bool {
        let t = data.time_s, rows = half.rows
        func part(_ from: Double, _ to: Double) -> [Double] {
            rows.filter { (from...to).contains((t[$0] - half.start_s) / half.duration_s) }.map { abs(data.voltage_V[$0]) }
        }
        let plateau = half.plateauOverpotential_V, sigma = half.noise_V
        let early = part(0.1, 0.3), late = part(0.8, 1)
        guard !early.isEmpty, !late.isEmpty else { return false }
        // The median of n samples of white noise σ has a standard error of about 1.25σ/√n.
        let growthError = 1.25 * sigma * (1 / Double(early.count) + 1 / Double(late.count)).squareRoot()
        let growth = SymmetricHalfCycle.median(late) - SymmetricHalfCycle.median(early)
        return abs(abs(data.voltage_V[rows.lowerBound]) - plateau) <= ohmicTolerance * plateau + 4 * sigma
            && abs(growth) <= ohmicTolerance * plateau + 4 * growthError
    }
}

/// Why a half-cycle was flagged.
public enum ShortReason: String, Sendable, CaseIterable {
    case hardShort = "hard_short"
    case suddenDrop = "sudden_drop"
    case overpotentialCollapse = "overpotential_collapse"
    case noise
    case superOhmic = "super_ohmic"
    /// The plateau ASR sustained far below the established one (``ShortCriteria/gradualFraction``).
    case gradualFall = "gradual_fall"

    /// Every reason but `super_ohmic` fails a half-cycle.
    public var fails: Bool { self != .superOhmic }
}
