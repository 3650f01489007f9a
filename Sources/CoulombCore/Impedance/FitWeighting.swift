public import ComplexModule

/// How the residuals of an impedance fit are weighted: the objective is
/// S = Σᵢ w′ᵢ(Z′ᵢ − Z′(ωᵢ))² + w″ᵢ(Z″ᵢ − Z″(ωᵢ))², with weights from the measured Zᵢ.
///
/// A spectrum spans decades of |Z|, so unit weights let the low-frequency points decide everything;
/// `boukamp` makes every point count by its *relative* error, which is the maximum-likelihood weighting
/// when the noise is a fixed fraction of |Z| (as on most potentiostats) and the default. impedance.py's
/// `weight_by_modulus=True` (σ = |Z|) is the same objective as `boukamp`.
public enum FitWeighting: String, CaseIterable, Sendable {
    /// w′ = w″ = 1.
    case unit
    /// w′ = w″ = 1/|Z|.
    case modulus
    /// w′ = 1/Z′², w″ = 1/Z″² (each floored at 10⁻³|Z|, so a point on the real axis does not dominate).
    case proportional
    /// w′ = w″ = 1/|Z|² (Boukamp 1986).
    case boukamp

    /// The weights (w′, w″) of one measured point.
    @inline(__always)
    func weights(_ z: Complex<Double>) -> (real: Double, imaginary: Double) {
        switch self {
        case .unit: return (1, 1)
        case .modulus:
            let w = 1 / z.length
            return (w, w)
        case .proportional:
            let floor = 1e-3 * z.length
            let re = max(abs(z.real), floor), im = max(abs(z.imaginary), floor)
            return (1 / (re * re), 1 / (im * im))
        case .boukamp:
            let w = 1 / z.lengthSquared
            return (w, w)
        }
    }
}
