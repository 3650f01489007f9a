/// A differential curve of one half-cycle: dQ/dV against voltage, or dV/dQ against capacity.
///
/// `grid` holds the integrated quantity on a uniform grid of the abscissa (capacity on a voltage grid for
/// dQ/dV, voltage on a capacity grid for dV/dQ) and `derivative` its smoothed derivative there.
/// Abscissae increase; a discharge dQ/dV is negative (capacity grows as the voltage falls).
public struct DifferentialCurve: Sendable {
    public enum Kind: String, Sendable {
        /// dQ/dV (Ah/V) against voltage.
        case incrementalCapacity = "dqdv"
        /// dV/dQ (V/Ah) against capacity.
        case differentialVoltage = "dvdq"
    }

    public var kind: Kind
    public var cycle: Int
    public var direction: Direction
    public var grid: UniformGrid
    public var derivative: [Double]

    /// The derivative as a grid, for ``PeakFinder``.
    public var derivativeGrid: UniformGrid {
        UniformGrid(first: grid.first, spacing: grid.spacing, values: derivative)
    }
}
