import ComplexModule
import RealModule

/// The linear Kramers–Kronig test of Schönleber et al. (Electrochim. Acta 131, 20–27, 2014): can a
/// Kramers–Kronig-compliant circuit reproduce the spectrum?
///
/// The circuit is R₀ + Σₖ Rₖ/(1 + jωτₖ) [+ 1/(jωC)] + jωL with M time constants fixed and log-spaced from
/// 1/(2πf_max) to 1/(2πf_min) (one element sits at 1/(2πf_min)), so only R₀, the Rₖ, 1/C and L are
/// fitted — linearly, on real and imaginary parts together, each point divided by |Z|. The series L (as in
/// impedance.py) absorbs the cables' inductance, which is causal and linear. The series C (impedance.py's
/// `add_cap`, pyimpspec's series capacitance) takes the part of the spectrum that has no low-frequency
/// intercept — a blocking electrode (Au|SE|Au) or an arc whose apex lies below the lowest frequency —
/// which RC elements with τ ≤ 1/(2πf_min) cannot represent. M grows from 1 until
/// μ = 1 − Σ_{Rₖ<0}|Rₖ| / Σ_{Rₖ≥0}|Rₖ| falls to `muCutoff` (0.85): beyond that, the extra elements
/// only fit noise, with resistances of both signs. The residuals (Z − Ẑ)/|Z| per point then tell
/// whether the spectrum is valid: drift, non-linearity and an unsteady cell leave residuals well above
/// the noise.
public struct KramersKronig: Sendable {
    /// Whether the test's circuit has a series capacitance.
    public enum SeriesCapacitance: String, CaseIterable, Sendable {
        /// When the low-frequency end is capacitive (``KramersKronig/lowFrequencyEndIsCapacitive(_:)``), the
        /// test is run with and without it and the circuit with the smaller largest residual is kept.
        case auto
        case on
        case off
    }

    public var muCutoff: Double
    public var maximumM: Int
    /// The largest |residual| (real or imaginary, % of |Z|) a valid spectrum may have.
    public var maximumResidual_pct: Double
    public var seriesCapacitance: SeriesCapacitance

    /// −Z″ must grow at least this fast as the frequency falls, d ln(−Z″)/d ln f ≤ −0.25 over the lowest
    /// half decade, for the low-frequency end to count as capacitive.
    public static let capacitiveSlope = -0.25

    public init(muCutoff: Double = 0.85, maximumM: Int = 50, maximumResidual_pct: Double = 1,
                seriesCapacitance: SeriesCapacitance = .auto) {
        self.muCutoff = muCutoff
        self.maximumM = maximumM
        self.maximumResidual_pct = maximumResidual_pct
        self.seriesCapacitance = seriesCapacitance
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
        /// The circuit had a series capacitance.
        public var hasSeriesCapacitance: Bool
        /// The fitted series capacitance C, F (nil without one; negative when the term fitted as 1/C < 0).
        public var seriesCapacitance_F: Double?
        /// The fitted series inductance L, H.
        public var seriesInductance_H: Double

        /// The larger of the largest real and imaginary |residual|, %.
        public var largestResidual_pct: Double { max(maximumResidualReal_pct, maximumResidualImaginary_pct) }
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
        guard omega.max()! > omega.min()! else { throw AnalysisError("all frequencies are equal") }
        switch seriesCapacitance {
        case .on: return try test(omega, z, capacitance: true)
        case .off: return try test(omega, z, capacitance: false)
        case .auto:
            let plain = try test(omega, z, capacitance: false)
            guard Self.lowFrequencyEndIsCapacitive(spectrum) else { return plain }
            // The μ criterion can stop at a low M whose fit is far off (a few RC elements of both signs beside
            // the capacitance, e.g. on a Warburg tail), so the circuit that reproduces the spectrum better wins;
            // either is Kramers–Kronig compliant.
            guard let withCapacitance = try? test(omega, z, capacitance: true),
                  withCapacitance.largestResidual_pct < plain.largestResidual_pct else { return plain }
            return withCapacitance
        }
    }

    private func test(_ omega: [Double], _ z: [Complex<Double>], capacitance: Bool) throws(AnalysisError) -> Result {
        let n = omega.count
        let tauMin = 1 / omega.max()!, tauMax = 1 / omega.min()!
        var m = 0
        var fit: (values: [Double], mu: Double, taus: [Double])?
        while m < min(maximumM, 2 * n - 2 - (capacitance ? 1 : 0)) {
            m += 1
            let taus = RelaxationBasis.logSpaced(m, from: tauMin, to: tauMax)
            let basis = RelaxationBasis(omega: omega, z: z, taus: taus, capacitance: capacitance, inductance: true)
            guard let values = LinearLeastSquares.solve(basis.matrix, rows: basis.rows, columns: basis.columns, basis.target)
            else { break }
            let rk = values[1...m]
            let negative = rk.filter { $0 < 0 }.reduce(0) { $0 - $1 }
            let positive = rk.filter { $0 >= 0 }.reduce(0, +)
            let mu = 1 - negative / positive
            fit = (values, mu, taus)
            if mu <= muCutoff { break }
        }
        guard let fit else { throw AnalysisError("the Kramers-Kronig system is singular (repeated frequencies?)") }
        let m0 = fit.taus.count
        let inverseC = capacitance ? fit.values[m0 + 1] : 0, inductance = fit.values[fit.values.count - 1]
        var real: [Double] = [], imaginary: [Double] = []
        for i in 0..<n {
            var model = Complex(fit.values[0], omega[i] * inductance - inverseC / omega[i])
            for (k, tau) in fit.taus.enumerated() { model = model + fit.values[k + 1] / Complex(1, omega[i] * tau) }
            let residual = (z[i] - model) / z[i].length
            real.append(100 * residual.real)
            imaginary.append(100 * residual.imaginary)
        }
        let maxReal = real.map(abs).max()!, maxImaginary = imaginary.map(abs).max()!
        return Result(m: m0, mu: fit.mu, residualReal_pct: real, residualImaginary_pct: imaginary,
                      maximumResidualReal_pct: maxReal, maximumResidualImaginary_pct: maxImaginary,
                      isValid: max(maxReal, maxImaginary) <= maximumResidual_pct, hasSeriesCapacitance: capacitance,
                      seriesCapacitance_F: capacitance ? 1 / inverseC : nil, seriesInductance_H: inductance)
    }

    /// Whether the spectrum ends capacitively at low frequency, so the test needs a series capacitance.
    ///
    /// Over the points of the lowest half decade (at least the three lowest frequencies), −Z″ must be
    /// positive everywhere and rise as the frequency falls with a least-squares slope
    /// d ln(−Z″)/d ln f ≤ ``capacitiveSlope`` (−0.25). A capacitor gives −1, a CPE −n, a semi-infinite
    /// Warburg −0.5, the high-frequency side of an arc whose apex lies below the window between 0 and −1;
    /// an arc closing on the real axis gives +1 and a flat apex 0, and those keep the plain circuit.
    public static func lowFrequencyEndIsCapacitive(_ spectrum: ImpedanceSpectrum) -> Bool {
        let order = spectrum.frequency_Hz.indices.sorted { spectrum.frequency_Hz[$0] < spectrum.frequency_Hz[$1] }
        let lowest = spectrum.frequency_Hz[order[0]]
        var low = order.prefix { spectrum.frequency_Hz[$0] <= lowest * Double.sqrt(10) }
        if low.count < 3 { low = order.prefix(3) }
        guard low.count >= 3, low.allSatisfy({ spectrum.impedance_ohm[$0].imaginary < 0 }) else { return false }
        let x = low.map { Double.log(spectrum.frequency_Hz[$0]) }
        let y = low.map { Double.log(-spectrum.impedance_ohm[$0].imaginary) }
        let meanX = x.reduce(0, +) / Double(x.count), meanY = y.reduce(0, +) / Double(y.count)
        let sxx = x.reduce(0) { $0 + ($1 - meanX) * ($1 - meanX) }
        guard sxx > 0 else { return false }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
        return sxy / sxx <= capacitiveSlope
    }
}
