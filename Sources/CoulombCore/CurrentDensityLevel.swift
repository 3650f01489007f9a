/// A run of consecutive half-cycles at one current density: a step of a critical-current-density ramp.
public struct CurrentDensityLevel: Sendable, Equatable {
    /// The median current density of its half-cycles.
    public var currentDensity_mA_cm2: Double
    /// Indices into the half-cycle list.
    public var halfCycles: Range<Int>
    /// Median areal capacity per half-cycle.
    public var arealCapacity_mAh_cm2: Double
    /// Median duration of a half-cycle.
    public var halfCycleDuration_s: Double
    /// Median plateau overpotential.
    public var overpotential_V: Double

    /// Consecutive half-cycles whose current densities lie within `tolerance` (relative) of the level's
    /// first one form a level. 5 %: far wider than a galvanostat's current error (< 0.1 %), far narrower
    /// than the smallest step of any ramp in use (0.05 → 0.1 mA cm⁻² is 100 %, 1.0 → 1.1 is 10 %).
    public static func group(_ halves: [SymmetricHalfCycle], tolerance: Double = 0.05) -> [CurrentDensityLevel] {
        guard !halves.isEmpty else { return [] }
        var levels: [CurrentDensityLevel] = []
        var start = 0
        for k in Array(halves.indices.dropFirst()) + [halves.count] {
            let reference = halves[start].currentDensity_mA_cm2
            guard k == halves.count || abs(halves[k].currentDensity_mA_cm2 - reference) > tolerance * reference else {
                continue
            }
            let members = halves[start..<k]
            levels.append(CurrentDensityLevel(
                currentDensity_mA_cm2: SymmetricHalfCycle.median(members.map(\.currentDensity_mA_cm2)),
                halfCycles: start..<k,
                arealCapacity_mAh_cm2: SymmetricHalfCycle.median(members.map(\.arealCapacity_mAh_cm2)),
                halfCycleDuration_s: SymmetricHalfCycle.median(members.map(\.duration_s)),
                overpotential_V: SymmetricHalfCycle.median(members.map(\.plateauOverpotential_V))))
            start = k
        }
        return levels
    }
}

/// How a ramp limits each half-cycle: by time (the areal capacity grows with the current density) or by
/// areal capacity (the duration shrinks as the current density grows).
public enum RampProtocol: String, Sendable {
    case timeLimited = "time-limited"
    case capacityLimited = "capacity-limited"

    /// The protocol whose limited quantity varies less across levels (ratio of largest to smallest level
    /// median); `nil` with fewer than two levels, where nothing distinguishes them.
    public init?(_ levels: [CurrentDensityLevel]) {
        guard levels.count >= 2 else { return nil }
        func spread(_ values: [Double]) -> Double { values.max()! / max(values.min()!, .leastNormalMagnitude) }
        let durations = spread(levels.map(\.halfCycleDuration_s))
        let capacities = spread(levels.map(\.arealCapacity_mAh_cm2))
        self = durations <= capacities ? .timeLimited : .capacityLimited
    }
}
