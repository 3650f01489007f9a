import RealModule

/// Gaussian radial basis functions on a uniform grid of y = ln τ, and what the DRT needs of them: the
/// impedance each basis function contributes at each measured frequency, and the Gram matrix of its
/// derivatives (the Tikhonov penalty).
///
/// γ(y) = Σₖ xₖ φₖ(y), φₖ(y) = exp(−(a(y − yₖ))²). The centres yₖ = kΔ, Δ = ln 10 / `perDecade`, are
/// aligned to whole multiples of Δ (so every spectrum of a series shares one grid) and run from
/// `extension` decades below 1/ω_max to `extension` decades above 1/ω_min: a process whose time constant
/// lies just outside the band still has basis functions to sit on. Each φ has a full width at half
/// maximum of 2Δ, a = √(ln 2)/Δ, so neighbours overlap and γ is smooth between centres.
///
/// **Impedance of one basis function.** Z(ω) = ∫ γ(y)/(1 + jωe^y) dy, so with t = y − yₖ and
/// q = ωτₖe^t:
///
///     Z′ₖ(ω) = ∫ e^{−a²t²} / (1 + q²) dt,    Z″ₖ(ω) = −∫ e^{−a²t²} q / (1 + q²) dt.
///
/// The integrals are taken by the trapezoidal rule at t = jh, h = 0.7/a, |j| ≤ 8: for a Gaussian times a
/// function analytic in a strip the rule converges geometrically; the aliasing error is about
/// exp(−π²/(ah)²) ≈ 2·10⁻⁹ and the truncated tails are below e⁻³¹.
///
/// **Penalty.** With C(d) = ∫ φ(u)φ(u + d) du = K e^{−bd²}, K = √(π/2)/a, b = a²/2, the inner products
/// of derivatives are ∫ φᵢ′φⱼ′ = −C″(d) = K e^{−bd²}(2b − 4b²d²) and ∫ φᵢ″φⱼ″ = C⁗(d) =
/// K e^{−bd²}(16b⁴d⁴ − 48b³d² + 12b²), d = yᵢ − yⱼ: the exact ∫ (dᵐγ/dyᵐ)² dy = xᵀPx over the whole line.
struct DRTBasis: Sendable {
    /// ln τ of the centres, ascending.
    let logTau: [Double]
    let spacing: Double
    let shape: Double

    init(omega: [Double], perDecade: Double, extension decades: Double) {
        spacing = Double.log(10) / perDecade
        shape = Double.log(2).squareRoot() / spacing
        let low = -Double.log(omega.max()!) - decades * Double.log(10)
        let high = -Double.log(omega.min()!) + decades * Double.log(10)
        let first = Int((low / spacing).rounded(.down)), last = Int((high / spacing).rounded(.up))
        let spacing = spacing
        logTau = (first...last).map { Double($0) * spacing }
    }

    var count: Int { logTau.count }

    /// The impedance of each basis function at each frequency, rows multiplied by `weights`:
    /// column-major `omega.count` × `count` matrices of Z′ₖ(ωᵢ)·wᵢ and Z″ₖ(ωᵢ)·wᵢ.
    func impedance(omega: [Double], weights: [Double]) -> (real: [Double], imaginary: [Double]) {
        let m = omega.count, n = count
        let h = 0.7 / shape
        let nodes = (-8...8).map { j in (factor: Double.exp(Double(j) * h), weight: h * Double.exp(-Double(j * j) * 0.49)) }
        var real = [Double](repeating: 0, count: m * n)
        var imaginary = [Double](repeating: 0, count: m * n)
        let taus = logTau.map { Double.exp($0) }
        real.withUnsafeMutableBufferPointer { real in
            imaginary.withUnsafeMutableBufferPointer { imaginary in
                for k in 0..<n {
                    for i in 0..<m {
                        let x = omega[i] * taus[k]
                        var re = 0.0, im = 0.0
                        for node in nodes {
                            let q = x * node.factor
                            let d = node.weight / (1 + q * q)
                            re += d
                            im -= q * d
                        }
                        real[k * m + i] = re * weights[i]
                        imaginary[k * m + i] = im * weights[i]
                    }
                }
            }
        }
        return (real, imaginary)
    }

    /// ∫ (dᵐγ/d(ln τ)ᵐ)² d ln τ as xᵀPx: P row-major `count` × `count`, for m = 1 or 2.
    func penalty(order: Int) -> [Double] {
        let n = count
        let b = shape * shape / 2, k = (Double.pi / 2).squareRoot() / shape
        var p = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                let d2 = (logTau[i] - logTau[j]) * (logTau[i] - logTau[j])
                let polynomial = order == 1 ? 2 * b - 4 * b * b * d2
                    : 16 * b * b * b * b * d2 * d2 - 48 * b * b * b * d2 + 12 * b * b
                p[i * n + j] = k * Double.exp(-b * d2) * polynomial
            }
        }
        return p
    }

    /// γ(y) for coefficients x: only centres within 6/a of y contribute above e⁻³⁶.
    func gamma(_ x: [Double], at y: Double) -> Double {
        let reach = 6 / shape
        let low = max(0, Int(((y - reach - logTau[0]) / spacing).rounded(.down)))
        let high = min(count - 1, Int(((y + reach - logTau[0]) / spacing).rounded(.up)))
        guard low <= high else { return 0 }
        var sum = 0.0
        for k in low...high {
            let t = shape * (y - logTau[k])
            sum += x[k] * Double.exp(-t * t)
        }
        return sum
    }
}
