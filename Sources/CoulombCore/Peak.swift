/// A peak of a differential curve (dQ/dV or dV/dQ).
///
/// `position` and `height` are the vertex of a least-squares parabola through the peak's cap (see
/// ``PeakFinder``), so they are not tied to the grid. The height keeps the curve's sign (a discharge dQ/dV is
/// negative) so a marker lands on the curve; prominence, width and area are magnitudes.
public struct Peak: Sendable, Equatable {
    public var position: Double
    public var height: Double
    /// How far the peak rises above the higher of the two lowest points separating it from higher
    /// ground on either side (the topographic definition, as in scipy's `peak_prominences`).
    public var prominence: Double
    /// The width at half the prominence below the top (scipy's `peak_widths` at `rel_height=0.5`); for
    /// an isolated peak on a zero baseline this is the full width at half maximum.
    public var width: Double
    /// ∫|y|dx from the valley before the peak to the valley after it: the capacity the peak holds, for dQ/dV.
    public var area: Double
}
