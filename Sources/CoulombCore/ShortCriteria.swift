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
            let falls = SymmetricHalfCycle.falls(data, rows: half.rows)
            return falls.firstIndex { $0 > threshold }.map { data.time_s[half.rows.lowerBound + $0] } ?? half.largestDropTime_s
        }
        return half.start_s
    }
}

/// Why a half-cycle was flagged.
public enum ShortReason: String, Sendable, CaseIterable {
    case hardShort = "hard_short"
    case suddenDrop = "sudden_drop"
    case overpotentialCollapse = "overpotential_collapse"
    case noise
    case superOhmic = "super_ohmic"

    /// Every reason but `super_ohmic` fails a half-cycle.
    public var fails: Bool { self != .superOhmic }
}
