import ComplexModule
import RealModule

/// The linear Kramers–Kronig test of Schönleber et al. (Electrochim. Acta 131, 20–27, 2014): can a
/// Kramers–Kronig-compliant circuit reproduce the spectrum?
///
/// The circuit is R₀ + Σₖ Rₖ/(1 + jωτₖ) + jωL with M time constants fixed and log-spaced from
/// 1/(2πf_max) to 1/(2πf_min) (one element sits at 1/(2πf_min)), so only R₀, the Rₖ and L are fitted —
/// linearly, on real and imaginary parts together, each point divided by |Z|. The series L (as in
/// impedance.py) absorbs the cables' inductance, which is causal and linear. M grows from 1 until
/// μ = 1 − Σ_{Rₖ<0}|Rₖ| / Σ_{Rₖ≥0}|Rₖ| falls to `muCutoff` (0.85): beyond that, the extra elements
/// only fit noise, with resistances of both signs. The residuals (Z − Ẑ)/|Z| per point then tell
/// whether the spectrum is valid: drift, non-linearity and an unsteady cell leave residuals well above
/// the noise.
public struct KramersKronig: Sendable {
    public var muCutoff: Double
    public var maximumM: Int
    /// The largest |residual| (real or imaginary, % of |Z|) a valid spectrum may have.
    public var maximumResidual_pct: Double

    public init(muCutoff: Double = 0.85, maximumM: Int = 50, maximumResidual_pct: Double = 1) {
        self.muCutoff = muCutoff
        self.maximumM = maximumM
        self.maximumResidual_pct = maximumResidual_pct
    }

    public struct Result: Sendable {
        /// The number of RC elements used.
        public var m: Int
        public var mu: Double
        /// (Z′ − Ẑ′)/|Z| and (Z″ − Ẑ″)/|Z| in %, per point in the spectrum's order.
        public var residualReal_pct: [Double]
        public var residualImaginary_pct: [Double]
        public var maximumResidualReal_pct: Double
        public var maximumResidualImaginary_pct: Double
        /// Both largest residuals within the threshold.
        public var isValid: Bool
    }

    /// - Throws: `AnalysisError` for a spectrum too short for the test (fewer than 4 points) or one whose
    ///   terms cannot be separated (repeated frequencies).
    public func test(_ spectrum: ImpedanceSpectrum) throws(AnalysisError) -> Result {
        let f = spectrum.frequency_Hz, z = spectrum.impedance_ohm
        let n = f.count
        guard n >= 4 else {
            throw AnalysisError("\(n) point(s) are too few for the Kramers-Kronig test (at least 4)")
        }
        let omega = f.map { 2 * .pi * $0 }
        let tauMin = 1 / omega.max()!, tauMax = 1 / omega.min()!
        guard tauMax > tauMin else { throw AnalysisError("all frequencies are equal") }
        var m = 0
        var fit: (values: [Double], mu: Double, taus: [Double])?
        while m < min(maximumM, 2 * n - 2) {
            m += 1
            let taus = RelaxationBasis.logSpaced(m, from: tauMin, to: tauMax)
            guard let values = Self.fit(omega, z, taus) else { break }
            let rk = values[1...m]
            let negative = rk.filter { $0 < 0 }.reduce(0) { $0 - $1 }
            let positive = rk.filter { $0 >= 0 }.reduce(0, +)
            let mu = 1 - negative / positive
            fit = (values, mu, taus)
            if mu <= muCutoff { break }
        }
        guard let fit else { throw AnalysisError("the Kramers-Kronig system is singular (repeated frequencies?)") }
        var real: [Double] = [], imaginary: [Double] = []
        for i in 0..<n {
            var model = Complex(fit.values[0], omega[i] * fit.values[fit.taus.count + 1])
            for (k, tau) in fit.taus.enumerated() { model = model + fit.values[k + 1] / Complex(1, omega[i] * tau) }
            let residual = (z[i] - model) / z[i].length
            real.append(100 * residual.real)
            imaginary.append(100 * residual.imaginary)
        }
        let maxReal = real.map(abs).max()!, maxImaginary = imaginary.map(abs).max()!
        return Result(m: fit.taus.count, mu: fit.mu, residualReal_pct: real, residualImaginary_pct: imaginary,
                      maximumResidualReal_pct: maxReal, maximumResidualImaginary_pct: maxImaginary,
                      isValid: max(maxReal, maxImaginary) <= maximumResidual_pct)
    }

    /// R₀, R₁…R_M, L by linear least squares on (Z′/|Z|, Z″/|Z|).
    private static func fit(_ omega: [Double], _ z: [Complex<Double>], _ taus: [Double]) -> [Double]? {
        let basis = RelaxationBasis(omega: omega, z: z, taus: taus, inductance: true)
        return LinearLeastSquares.solve(basis.matrix, rows: basis.rows, columns: basis.columns, basis.target)
    }
}
