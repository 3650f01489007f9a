/// The outcome of fitting a circuit to one spectrum.
public struct CircuitFitResult: Sendable {
    /// Fitted values, in `Circuit.parameters` order (fixed parameters keep their value).
    public var values: [Double]
    /// 1σ standard errors from the covariance s²(JᵀWJ)⁻¹, s² = S/(2N − p); nil for fixed parameters,
    /// parameters on a bound, and parameters the data cannot determine (singular covariance).
    public var standardErrors: [Double?]
    /// Whether each parameter ended on one of its bounds.
    public var atBound: [Bool]
    /// Σ|Zᵢ − Z(ωᵢ)|² over the fitted points, unweighted whatever the weighting (Ω²).
    public var rss_ohm2: Double
    /// The reduced χ²: the weighted objective S divided by the degrees of freedom 2N − p.
    public var chiSquare: Double
    /// The search met its convergence test (`LevenbergMarquardt`) and its residuals are not well above the
    /// spectrum's lin-KK level (`FitDiagnosis`): a fit stuck in a local minimum is not converged.
    public var converged: Bool
    /// Something about the fit needs a look — stuck, a parameter on a bound, a parameter the data do not
    /// determine; the reasons are in `warnings` (`FitDiagnosis`).
    public var suspect: Bool
    /// χ²/χ²_KK: the fit's residual level over the lin-KK level of the same points, in the fit's weighting
    /// (nil when the residuals look like white noise, so lin-KK was not needed, or when it cannot run).
    public var residualRatio: Double?
    public var iterations: Int
    public var fittedPoints: Int
    /// Points left out as the inductive tail.
    public var excludedPoints: Int
    public var warnings: [String]
}
