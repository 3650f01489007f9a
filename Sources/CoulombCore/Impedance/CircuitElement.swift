import ComplexModule
import RealModule

/// The kinds of element a circuit string may hold, with their parameters and impedance.
///
/// A label is a kind followed by an identifier (`R0`, `CPE1`, `Wo2`); the kind is the label's leading
/// letters, as in impedance.py. Every element gives Z(ω) and ∂Z/∂pₖ in closed form, so the fitter's
/// Jacobian is exact.
public enum CircuitElement: String, CaseIterable, Sendable {
    /// Resistor, Z = R.
    case R
    /// Capacitor, Z = 1/(jωC).
    case C
    /// Inductor, Z = jωL.
    case L
    /// Constant-phase element, Z = 1/(Q (jω)ⁿ), 0 < n ≤ 1.
    case CPE
    /// Semi-infinite Warburg, Z = σ(1 − j)/√ω.
    case W
    /// Finite-length Warburg with a reflecting (open) end, Z = R coth(√(jωτ))/√(jωτ).
    case Wo
    /// Finite-length Warburg with a transmissive (short) end, Z = R tanh(√(jωτ))/√(jωτ).
    case Ws
    /// Gerischer, Z = R/√(1 + jωτ).
    case G
    /// Havriliak–Negami relaxation, Z = R/(1 + (jωτ)^α)^β, 0 < α, β ≤ 1 (α = β = 1 is an R‖C).
    case HN

    public var parameters: [ElementParameter] {
        switch self {
        case .R: [ElementParameter("", "Ohm", typical: 100)]
        case .C: [ElementParameter("", "F", typical: 1e-6)]
        case .L: [ElementParameter("", "H", typical: 1e-7)]
        case .CPE: [ElementParameter("Q", "F s^(n-1)", typical: 1e-6),
                    ElementParameter("n", "", lower: 0, upper: 1, isScale: false, typical: 0.9)]
        case .W: [ElementParameter("", "Ohm s^-1/2", typical: 10)]
        case .Wo, .Ws: [ElementParameter("R", "Ohm", typical: 100), ElementParameter("tau", "s", typical: 1)]
        case .G: [ElementParameter("R", "Ohm", typical: 100), ElementParameter("tau", "s", typical: 1e-3)]
        case .HN: [ElementParameter("R", "Ohm", typical: 100), ElementParameter("tau", "s", typical: 1e-3),
                   ElementParameter("alpha", "", lower: 0, upper: 1, isScale: false, typical: 0.9),
                   ElementParameter("beta", "", lower: 0, upper: 1, isScale: false, typical: 0.9)]
        }
    }

    /// The element kind named by a label: its leading letters must be a known kind and the rest an
    /// identifier of digits, letters or underscores (impedance.py writes `R0`, `CPE1`, `Wo_2`).
    static func kind(ofLabel label: String) -> CircuitElement? {
        // Longest kind first, so `Wo1` is a Wo and not a W with identifier "o1".
        for kind in allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
        where label.hasPrefix(kind.rawValue) {
            let rest = label.dropFirst(kind.rawValue.count)
            if rest.first.map({ $0.isNumber || $0 == "_" }) ?? true { return kind }
        }
        return nil
    }

    /// Z at every angular frequency ωᵢ (rad/s) into `z`, and, when `derivatives` is given, ∂Z(ωᵢ)/∂pₖ
    /// into `derivatives[k * n + i]`. One loop per element with its constants hoisted out (a CPE's
    /// phase e^{−jπn/2} is the same at every frequency).
    ///
    /// - Parameters:
    ///   - logOmega: ln ωᵢ, computed once per spectrum.
    ///   - p: the element's parameter values, in the order of `parameters`.
    func evaluate(omega: UnsafeBufferPointer<Double>, logOmega: UnsafeBufferPointer<Double>,
                  _ p: UnsafeBufferPointer<Double>, z: UnsafeMutableBufferPointer<Complex<Double>>,
                  derivatives d: UnsafeMutableBufferPointer<Complex<Double>>?) {
        let n = omega.count
        switch self {
        case .R:
            for i in 0..<n { z[i] = Complex(p[0]) }
            if let d { for i in 0..<n { d[i] = 1 } }
        case .C:
            for i in 0..<n { z[i] = Complex(0, -1 / (omega[i] * p[0])) }
            if let d { for i in 0..<n { d[i] = -z[i] / p[0] } }
        case .L:
            for i in 0..<n { z[i] = Complex(0, omega[i] * p[0]) }
            if let d { for i in 0..<n { d[i] = Complex(0, omega[i]) } }
        case .CPE:
            // 1/(Q(jω)ⁿ) = ω⁻ⁿ/Q · e^{−jπn/2}; ∂/∂n brings down −ln(jω) = −(ln ω + jπ/2).
            let (q, exponent) = (p[0], p[1])
            let rotation = Complex(Double.cos(exponent * .pi / 2), -Double.sin(exponent * .pi / 2)) / q
            for i in 0..<n { z[i] = rotation * Double.exp(-exponent * logOmega[i]) }
            if let d {
                for i in 0..<n {
                    d[i] = -z[i] / q
                    d[n + i] = -z[i] * Complex(logOmega[i], .pi / 2)
                }
            }
        case .W:
            for i in 0..<n {
                let unit = Complex(1, -1) / omega[i].squareRoot()
                z[i] = unit * p[0]
                d?[i] = unit
            }
        case .Wo:
            let (r, tau) = (p[0], p[1])
            for i in 0..<n {
                let x = Complex<Double>.sqrt(Complex(0, omega[i] * tau))
                let (cothX, csch2X) = Self.cothAndCsch2(x)
                let shape = cothX / x
                z[i] = shape * r
                guard let d else { continue }
                d[i] = shape
                // ∂/∂τ of coth(x)/x with x = √(jωτ), dx/dτ = x/(2τ).
                d[n + i] = -(csch2X + shape) * (r / (2 * tau))
            }
        case .Ws:
            let (r, tau) = (p[0], p[1])
            for i in 0..<n {
                let x = Complex<Double>.sqrt(Complex(0, omega[i] * tau))
                let (shape, slope) = Self.tanhOverXAndSlope(x)
                z[i] = shape * r
                guard let d else { continue }
                d[i] = shape
                d[n + i] = slope * (r / (2 * tau))
            }
        case .G:
            let (r, tau) = (p[0], p[1])
            for i in 0..<n {
                let denominator = Complex(1, omega[i] * tau)
                z[i] = r / Complex<Double>.sqrt(denominator)
                guard let d else { continue }
                d[i] = z[i] / r
                d[n + i] = -z[i] * Complex(0, omega[i]) / (2 * denominator)
            }
        case .HN:
            let (r, tau, alpha, beta) = (p[0], p[1], p[2], p[3])
            for i in 0..<n {
                let logJwt = Complex(logOmega[i] + .log(tau), .pi / 2)
                let u = Complex<Double>.exp(logJwt * alpha)
                let denominator = 1 + u
                let logD = Complex<Double>.log(denominator)
                z[i] = r * Complex<Double>.exp(logD * -beta)
                guard let d else { continue }
                let common = -beta * z[i] / denominator
                d[i] = z[i] / r
                d[n + i] = common * u * (alpha / tau)
                d[2 * n + i] = common * u * logJwt
                d[3 * n + i] = -z[i] * logD
            }
        }
    }

    /// coth x and csch² x for Re x > 0, through e^{−2x} so large |x| (high frequency) cannot overflow.
    @inline(__always)
    private static func cothAndCsch2(_ x: Complex<Double>) -> (Complex<Double>, Complex<Double>) {
        let e = Complex<Double>.exp(-2 * x)
        let oneMinus = 1 - e
        return ((1 + e) / oneMinus, 4 * e / (oneMinus * oneMinus))
    }

    /// tanh(x)/x and x·d/dx[tanh(x)/x] = sech² x − tanh(x)/x, for Re x > 0. Below |x| = 10⁻³ the
    /// difference cancels, so its series −2x²/3 + 8x⁴/15 is used there.
    @inline(__always)
    private static func tanhOverXAndSlope(_ x: Complex<Double>) -> (Complex<Double>, Complex<Double>) {
        let x2 = x * x
        if x.length < 1e-3 {
            return (1 - x2 / 3 + 2 * x2 * x2 / 15, -2 * x2 / 3 + 8 * x2 * x2 / 15)
        }
        let e = Complex<Double>.exp(-2 * x)
        let onePlus = 1 + e
        let tanhX = (1 - e) / onePlus
        let shape = tanhX / x
        return (shape, 4 * e / (onePlus * onePlus) - shape)
    }
}
