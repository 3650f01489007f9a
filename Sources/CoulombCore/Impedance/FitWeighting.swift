import ComplexModule

/// How the residuals of an impedance fit are weighted: the objective is
/// S = Σᵢ w′ᵢ(Z′ᵢ − Z′(ωᵢ))² + w″ᵢ(Z″ᵢ − Z″(ωᵢ))², with weights from the measured Zᵢ.
///
/// A spectrum spans decades of |Z|, so unit weights let the low-frequency points decide everything;
/// `boukamp` makes every point count by its *relative* error, which is the maximum-likelihood weighting
/// when the noise is a fixed fraction of |Z| (as on most potentiostats) and the default. impedance.py's
/// `weight_by_modulus=True` (σ = |Z|) is the same objective as `boukamp`.
///
/// Names: most of the literature calls σ ∝ |Z| (w = 1/|Z|²) "modulus weighting" — that is `boukamp`
/// here, while Coulomb's `modulus` is w = 1/|Z| (σ ∝ √|Z|). Both names stay (they are in earlier
/// outputs); ``aliases`` spell each by its formula.
public enum FitWeighting: String, CaseIterable, Sendable {
    /// w′ = w″ = 1.
    case unit
    /// w′ = w″ = 1/|Z| (σ ∝ √|Z|), alias `inverse-modulus`.
    case modulus
    /// w′ = 1/Z′², w″ = 1/Z″² (each floored at 10⁻³|Z|, so a point on the real axis does not dominate).
    case proportional
    /// w′ = w″ = 1/|Z|² (Boukamp 1986; σ ∝ |Z|, "modulus weighting" in most papers), alias
    /// `inverse-modulus-squared`.
    case boukamp

    /// Names that say the formula, accepted wherever a weighting is named.
    public static let aliases: [(name: String, weighting: FitWeighting)] = [
        ("inverse-modulus", .modulus), ("inverse-modulus-squared", .boukamp),
    ]

    /// A weighting by its name or alias.
    public init?(name: String) {
        guard let weighting = Self(rawValue: name) ?? Self.aliases.first(where: { $0.name == name })?.weighting else { return nil }
        self = weighting
    }

    /// The weights in words, for help texts and outputs.
    public var formula: String {
        switch self {
        case .unit: "w' = w'' = 1"
        case .modulus: "w' = w'' = 1/|Z| (sigma proportional to sqrt|Z|)"
        case .proportional: "w' = 1/Z'^2, w'' = 1/Z''^2 (each floored at 1e-3 |Z|)"
        case .boukamp: "w' = w'' = 1/|Z|^2 (sigma proportional to |Z|: relative errors)"
        }
    }

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
