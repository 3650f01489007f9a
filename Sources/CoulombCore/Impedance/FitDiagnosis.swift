import ComplexModule
import RealModule

/// Whether a circuit fit may sit in a local minimum or leave parameters undetermined, and why.
///
/// Levenberg–Marquardt stops at *a* minimum; on a well-determined spectrum a wrong one shows in three
/// ways, each cheap to check once the fit is done:
///
/// - **Residuals above the spectrum's own level.** lin-KK (`KramersKronig`) describes any causal, linear,
///   stable spectrum with as many RC elements as the data support, so its residuals are about the noise.
///   Both sets of residuals are weighted as the fit weights them: χ²_KK = Σ w|Zᵢ − Ẑ_KK,ᵢ|² / (2N − M − 2),
///   χ² = S/(2N − p). A circuit at the global minimum of a spectrum it can describe has χ² ≈ χ²_KK (the ratio
///   scatters by about √(2/(2N)), 12 % at 80 points); χ² > `stuckRatio`·χ²_KK means the fit is in a local
///   minimum or the circuit cannot describe the spectrum — from the data alone the two cannot be told apart,
///   and neither is a converged description of the data. A floor of 10⁻⁵|Z| per point keeps noise-free
///   spectra, where both levels are rounding error, from being called stuck.
/// - **A free parameter on a bound.** Often the sign of a minimum the search was pushed into; it is also the
///   right answer for a CPE whose exponent is 1 (an ideal capacitor), so an exponent at its upper bound is
///   not reported.
/// - **A parameter the data do not determine**: off its bounds but without a standard error (a singular
///   covariance), or with 1σ larger than its value — typically an arc or resistance collapsed towards zero
///   while another element does its work.
struct FitDiagnosis {
    /// χ²/χ²_KK, when lin-KK was run on the fitted points (not when the residuals look like white noise,
    /// `looksWhite`, nor when lin-KK cannot run).
    var residualRatio: Double?
    /// Residuals well above the lin-KK level: not a converged description of the data.
    var isStuck: Bool
    /// Per parameter: on a bound or not determined.
    var suspectParameters: [Bool]
    /// Why the fit is suspect, one sentence each; empty when it is not.
    var reasons: [String]
    /// Worth another search from other starts: stuck, or a parameter undetermined. Measured on 1,000 noisy
    /// two-arc spectra, these two find every minimum that restarting also on a bound or on the iteration cap
    /// found but one, in about three quarters of the time.
    var needsRestart: Bool

    /// χ² above this multiple of the lin-KK level is called stuck.
    static let stuckRatio = 2.0

    /// Whether the stacked weighted residuals (real parts, then imaginary parts) look like white noise:
    /// lag-1 autocorrelation within each half at most 0.3.
    ///
    /// A misfit is smooth in frequency, so its residuals are correlated from point to point; noise is not.
    /// If the smooth part carried as much variance as the noise — χ² twice the noise level, the stuck limit —
    /// the lag-1 autocorrelation would be about 0.5 (its scatter for white noise is about 1/√(2N), 0.08
    /// at 80 points); at most 0.3 means the smooth part is under 30 % of the variance and χ² under 1.43 times
    /// the noise, below the stuck limit. Such a fit skips lin-KK, which costs about half a millisecond.
    static func looksWhite(_ r: [Double]) -> Bool {
        let n = r.count / 2
        guard n > 2 else { return false }
        var lagged = 0.0, squares = 0.0
        for half in [0, n] {
            for i in half..<(half + n) {
                squares += r[i] * r[i]
                if i > half { lagged += r[i] * r[i - 1] }
            }
        }
        return squares > 0 && lagged / squares <= 0.3
    }

    /// The lin-KK residual level of `points` in the fit's weighting, χ²_KK (nil when lin-KK cannot run), from
    /// `result` when it is lin-KK's of these very points.
    static func kramersKronigLevel(_ points: FitPoints, weighting: FitWeighting,
                                   result: KramersKronig.Result? = nil) -> Double? {
        guard let kk = result ?? (try? ImpedanceSpectrum(frequency_Hz: points.frequency_Hz, impedance_ohm: points.impedance_ohm))
            .flatMap({ try? KramersKronig().test($0) }) else { return nil }
        // Its free parameters: M resistances, R∞ and L, and the series C when it has one.
        let dof = 2 * points.count - kk.m - 2 - (kk.hasSeriesCapacitance ? 1 : 0)
        guard dof > 0 else { return nil }
        var sum = 0.0
        for (i, z) in points.impedance_ohm.enumerated() {
            let w = weighting.weights(z), scale = z.length / 100
            let re = kk.residualReal_pct[i] * scale, im = kk.residualImaginary_pct[i] * scale
            let floor = 1e-5 * z.length
            sum += w.real * max(re * re, floor * floor) + w.imaginary * max(im * im, floor * floor)
        }
        return sum / Double(dof)
    }

    init(circuit: Circuit, values: [Double], standardErrors: [Double?], atBound: [Bool], chiSquare: Double,
         kramersKronigLevel: Double?) {
        var reasons: [String] = []
        var undetermined = false
        var suspectParameters = [Bool](repeating: false, count: values.count)
        residualRatio = kramersKronigLevel.map { chiSquare / $0 }
        isStuck = residualRatio.map { !($0 <= Self.stuckRatio) } ?? false
        if isStuck, let ratio = residualRatio {
            reasons.append("residuals \(Self.format(ratio))× the lin-KK level of this spectrum "
                           + "(χ² ratio, limit \(Self.format(Self.stuckRatio))): a local minimum, or a circuit "
                           + "that cannot describe the spectrum")
        }
        for (k, p) in circuit.parameters.enumerated() where !p.isFixed {
            if atBound[k] {
                suspectParameters[k] = true
                if !(!p.isScale && values[k] >= p.upperBound && p.upperBound == 1) {
                    reasons.append("\(p.name) ended on its bound (\(values[k]))")
                }
            } else if let error = standardErrors[k] {
                if error > abs(values[k]) {
                    undetermined = true
                    suspectParameters[k] = true
                    reasons.append("\(p.name) is not determined by the data (1σ \(Self.format(error)) > value \(Self.format(values[k])))")
                }
            } else {
                undetermined = true
                suspectParameters[k] = true
                reasons.append("\(p.name) is not determined by the data (singular covariance)")
            }
        }
        self.reasons = reasons
        self.suspectParameters = suspectParameters
        needsRestart = isStuck || undetermined
    }

    var isSuspect: Bool { !reasons.isEmpty }

    /// Four significant digits, in scientific notation outside [10⁻³, 10⁵).
    static func format(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return "\(x)" }
        let exponent = Int(Double.log10(abs(x)).rounded(.down))
        // Scaling by an exact power of ten on the side that keeps it exact.
        let round = { (v: Double, digits: Int) in
            digits >= 0 ? (v * Double.pow(10, digits)).rounded() / Double.pow(10, digits)
                        : (v / Double.pow(10, -digits)).rounded() * Double.pow(10, -digits)
        }
        if (-3..<5).contains(exponent) { return "\(round(x, 3 - exponent))" }
        return "\(round(x / Double.pow(10, Double(exponent)), 3))e\(exponent)"
    }
}
