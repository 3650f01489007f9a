/// How a symmetric cell failed, told from the failing half-cycle and what the trace did after it.
///
/// `failure` (`hard_short` | `soft_short`) keeps its meaning; the mode says which signature it was:
///
/// - `sudden_hard`: |V| collapsed below ``ShortCriteria/hardShortFraction`` of the expected overpotential
///   and stayed there (the cell is a resistor of ohms);
/// - `partial_resistive`: a sudden partial drop that stays, after which the trace is purely Ohmic,
///   V = I·R_short — flat half-cycles with no nucleation peak and no growth, the same |V|/j in both
///   directions (a resistive short in parallel with a now-bypassed interface); counted as `hard_short`;
/// - `sudden_partial`: a sudden partial drop that stays while the trace still shows electrode processes
///   (nucleation peaks, growth within half-cycles): a leak in parallel with a working cell; `soft_short`;
/// - `transient_soft`: a dip that recovers (and recurs), or flickering noise far above the cell's own;
///   `soft_short`;
/// - `gradual_soft`: the overpotential sank without a sudden step — a sustained fall below the established
///   plateau, or a plateau lower than the previous current-density level's; `soft_short`.
public enum FailureMode: String, Sendable, CaseIterable {
    case suddenHard = "sudden_hard"
    case partialResistive = "partial_resistive"
    case suddenPartial = "sudden_partial"
    case transientSoft = "transient_soft"
    case gradualSoft = "gradual_soft"

    /// The name in words, for sentences and figure labels ("partial resistive").
    public var words: String { rawValue.split(separator: "_").joined(separator: " ") }

    /// Whether the mode counts as a hard short (the cell conducts electrons through a resistor).
    public var isHard: Bool { self == .suddenHard || self == .partialResistive }
}
