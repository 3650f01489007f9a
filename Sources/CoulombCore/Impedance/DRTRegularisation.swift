import ComplexModule
import RealModule

/// The regularised least-squares problem of a DRT, its automatic regularisation strength, and its
/// non-negative solution.
///
/// Unknowns u = (R∞, x₁ … xₙ [, L]): the series resistance, the coefficients of the basis functions
/// (`DRTBasis`, Ω) and, when asked for, a series inductance. Every point is divided by |Z| (as lin-KK and
/// the fitter's Boukamp weighting do), so each decade of the spectrum counts and the residuals are
/// relative. The objective for a part p (real rows, imaginary rows, or both) is
///
///     ‖A_p u − b_p‖² + λ xᵀPx / R_ref²,
///
/// P the Gram matrix of the m-th derivative of γ (`DRTBasis.penalty`), R_ref = max|Z|: dividing by R_ref²
/// makes λ independent of the size of the cell, so one λ suits a 10 Ω and a 10 kΩ spectrum alike.
///
/// **Choice of λ: the real/imaginary discrepancy of Saccoccio et al. (Electrochim. Acta 147, 470, 2014).**
/// For a spectrum that obeys Kramers–Kronig, Z′ and Z″ carry the same γ. Fitted separately, the real part
/// alone and the imaginary part alone give γ_re(λ) and γ_im(λ); each predicts the other part, and
///
///     D(λ) = ‖b_im − A_im γ_re − ωL*‖² + ‖b_re − A_re γ_im − R∞*‖²
///
/// (R∞* and L* the best offsets, which the other part cannot determine) is smallest where λ is large
/// enough that neither fit follows its own noise and small enough that neither is smoothed away from the
/// data. We take it over generalised cross-validation because GCV judges each point's fit on its own and
/// under-regularises when the errors are correlated (drift, a systematic deviation) — the common case in
/// solid-state spectra — while D tests the one thing every valid spectrum must satisfy; and its minimum,
/// √(D/2N), is reported as a data-quality signal (large on a spectrum that breaks Kramers–Kronig). The
/// search uses the ridge (unconstrained) solutions, which are closed-form, so it is cheap and
/// deterministic: log₁₀λ on a grid of whole decades from −8 to 0, then twice the vertex of a parabola through
/// the best point and its neighbours (a decade, then a fifth of a decade apart) — 13 evaluations; repeated
/// with the non-negative solutions where the ridge ones break down (see `chooseLambda(warning:)`). The final γ is then solved with γ ≥ 0
/// (and R∞, L ≥ 0) by Lawson–Hanson on H = AᵀA + λP/R_ref² (`NonNegativeLeastSquares`).
struct DRTRegularisation {
    enum Part: Hashable { case real, imaginary, both }

    let basis: DRTBasis
    let inductance: Bool
    /// N (points) and the number of unknowns.
    let points: Int
    let unknowns: Int
    /// Column-major N × unknowns: the weighted real and imaginary rows of A.
    let real: [Double]
    let imaginary: [Double]
    let targetReal: [Double]
    let targetImaginary: [Double]
    /// Row-major unknowns × unknowns: A_reᵀA_re, A_imᵀA_im; and the right-hand sides Aᵀb.
    let gramReal: [Double]
    let gramImaginary: [Double]
    let rhsReal: [Double]
    let rhsImaginary: [Double]
    /// P/R_ref² in the x block, zero for R∞ and L.
    let penalty: [Double]

    /// One part's normal equations over the unknowns it determines (`index`), row-major.
    struct Restricted {
        let index: [Int]
        let gram: [Double]
        let penalty: [Double]
        let rhs: [Double]
    }
    private let parts: [Part: Restricted]

    static let lambdaRange = (low: -8.0, high: 0.0)

    init(omega: [Double], z: [Complex<Double>], basis: DRTBasis, derivativeOrder: Int, inductance: Bool) {
        self.basis = basis
        self.inductance = inductance
        let m = omega.count, n = basis.count
        points = m
        unknowns = n + 1 + (inductance ? 1 : 0)
        let weights = z.map { 1 / $0.length }
        let (re, im) = basis.impedance(omega: omega, weights: weights)
        var real = [Double](repeating: 0, count: m * unknowns)
        var imaginary = [Double](repeating: 0, count: m * unknowns)
        for i in 0..<m {
            real[i] = weights[i]
            if inductance { imaginary[(unknowns - 1) * m + i] = omega[i] * weights[i] }
        }
        real.replaceSubrange(m..<(m * (n + 1)), with: re)
        imaginary.replaceSubrange(m..<(m * (n + 1)), with: im)
        self.real = real
        self.imaginary = imaginary
        targetReal = (0..<m).map { z[$0].real * weights[$0] }
        targetImaginary = (0..<m).map { z[$0].imaginary * weights[$0] }
        (gramReal, rhsReal) = Self.normalEquations(real, targetReal, rows: m, columns: unknowns)
        (gramImaginary, rhsImaginary) = Self.normalEquations(imaginary, targetImaginary, rows: m, columns: unknowns)
        let reference = z.map(\.length).max()!
        let p = basis.penalty(order: derivativeOrder)
        var penalty = [Double](repeating: 0, count: unknowns * unknowns)
        for i in 0..<n { for j in 0..<n { penalty[(i + 1) * unknowns + j + 1] = p[i * n + j] / (reference * reference) } }
        self.penalty = penalty
        var parts: [Part: Restricted] = [:]
        for part in [Part.real, .imaginary, .both] {
            parts[part] = Self.restrict(part, index: Self.columns(part, basis: n, unknowns: unknowns, inductance: inductance),
                                        unknowns: unknowns, gramReal: gramReal, gramImaginary: gramImaginary,
                                        rhsReal: rhsReal, rhsImaginary: rhsImaginary, penalty: penalty)
        }
        self.parts = parts
    }

    private static func normalEquations(_ a: [Double], _ b: [Double], rows m: Int, columns n: Int)
        -> (gram: [Double], rhs: [Double]) {
        var gram = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            for k in 0...j {
                let value = LevenbergMarquardt.dot(a, j * m, a, k * m, m)
                gram[j * n + k] = value
                gram[k * n + j] = value
            }
        }
        return (gram, (0..<n).map { LevenbergMarquardt.dot(a, $0 * m, b, 0, m) })
    }

    /// The unknowns a part determines: the real part has no L, the imaginary part no R∞.
    private static func columns(_ part: Part, basis n: Int, unknowns: Int, inductance: Bool) -> [Int] {
        let x = Array(1...n)
        switch part {
        case .real: return [0] + x
        case .imaginary: return x + (inductance ? [unknowns - 1] : [])
        case .both: return Array(0..<unknowns)
        }
    }

    /// H = G_p + λP/R_ref² and g = A_pᵀb_p restricted to the part's unknowns.
    private func system(_ lambda: Double, _ part: Part) -> (h: [Double], g: [Double], index: [Int]) {
        let restricted = parts[part]!
        var h = restricted.gram
        for k in h.indices { h[k] += lambda * restricted.penalty[k] }
        return (h, restricted.rhs, restricted.index)
    }

    /// The normal equations of each part restricted to its unknowns, without λ.
    private static func restrict(_ part: Part, index: [Int], unknowns: Int, gramReal: [Double], gramImaginary: [Double],
                                 rhsReal: [Double], rhsImaginary: [Double], penalty: [Double]) -> Restricted {
        let k = index.count
        var h = [Double](repeating: 0, count: k * k), p = h
        let useReal = part != .imaginary, useImaginary = part != .real
        for (a, i) in index.enumerated() {
            for (b, j) in index.enumerated() {
                let ij = i * unknowns + j
                h[a * k + b] = (useReal ? gramReal[ij] : 0) + (useImaginary ? gramImaginary[ij] : 0)
                p[a * k + b] = penalty[ij]
            }
        }
        let g = index.map { (useReal ? rhsReal[$0] : 0) + (useImaginary ? rhsImaginary[$0] : 0) }
        return Restricted(index: index, gram: h, penalty: p, rhs: g)
    }

    /// The unconstrained (ridge) solution, all unknowns (those the part does not determine are 0); nil when
    /// H is singular.
    func ridge(_ lambda: Double, _ part: Part) -> [Double]? {
        var (h, g, index) = system(lambda, part)
        guard Cholesky.solve(&h, &g, index.count) else { return nil }
        var u = [Double](repeating: 0, count: unknowns)
        for (a, i) in index.enumerated() { u[i] = g[a] }
        return u
    }

    /// The solution with every unknown ≥ 0. Fitted to the imaginary part alone, R∞ is then set to the best
    /// offset of the real part.
    func nonNegative(_ lambda: Double, _ part: Part) -> [Double] {
        let (h, g, index) = system(lambda, part)
        let solution = NonNegativeLeastSquares.solve(gram: h, g, index.count)
        var u = [Double](repeating: 0, count: unknowns)
        for (a, i) in index.enumerated() { u[i] = solution[a] }
        if part == .imaginary {
            var residual = residuals(u, real: true)
            u[0] = max(0, bestOffset(&residual, column: 0, of: real))
        }
        return u
    }

    /// b − Au for the real or imaginary rows.
    func residuals(_ u: [Double], real isReal: Bool) -> [Double] {
        let a = isReal ? real : imaginary, m = points
        var r = isReal ? targetReal : targetImaginary
        for j in 0..<unknowns where u[j] != 0 {
            for i in 0..<m { r[i] -= a[j * m + i] * u[j] }
        }
        return r
    }

    /// The multiple c of one column that best explains r, removed from r in place.
    private func bestOffset(_ r: inout [Double], column j: Int, of a: [Double]) -> Double {
        let m = points
        let cc = LevenbergMarquardt.dot(a, j * m, a, j * m, m)
        guard cc > 0 else { return 0 }
        let c = LevenbergMarquardt.dot(a, j * m, r, 0, m) / cc
        for i in 0..<m { r[i] -= c * a[j * m + i] }
        return c
    }

    /// D(λ) (see the type's discussion) from the ridge solutions, or the non-negative ones; nil when a ridge
    /// system is singular.
    func discrepancy(_ lambda: Double, nonNegative constrained: Bool = false) -> Double? {
        let fromReal = constrained ? nonNegative(lambda, .real) : ridge(lambda, .real)
        let fromImaginary = constrained ? nonNegative(lambda, .imaginary) : ridge(lambda, .imaginary)
        guard let fromReal, let fromImaginary else { return nil }
        var imaginaryResidual = residuals(fromReal, real: false)
        if inductance { _ = bestOffset(&imaginaryResidual, column: unknowns - 1, of: imaginary) }
        var realResidual = residuals(fromImaginary, real: true)
        _ = bestOffset(&realResidual, column: 0, of: real)
        return LevenbergMarquardt.sumOfSquares(imaginaryResidual) + LevenbergMarquardt.sumOfSquares(realResidual)
    }

    /// The λ of least discrepancy and √(D/2N) there.
    ///
    /// The ridge solutions are cheap but can fail where the real part alone cannot tell R∞ from the basis
    /// functions beyond the highest frequency (R∞ small beside a large arc, |Z| over three decades): the
    /// real-part fit then trades a negative R∞ against γ at the shortest τ, which predicts a Z″ the data do
    /// not have, and D falls all the way to the top of the range. When the ridge search ends on an end of
    /// the range, or finds the parts disagreeing by more than `warning`, it is repeated with the
    /// non-negative solutions (R∞ ≥ 0 and γ ≥ 0 break the trade-off), at about ten times the cost, and its
    /// result taken when its minimum lies inside the range with less disagreement.
    func chooseLambda(warning: Double) -> (lambda: Double, discrepancy: Double) {
        func atEnd(_ lambda: Double) -> Bool {
            let log = Double.log10(lambda)
            return log <= Self.lambdaRange.low || log >= Self.lambdaRange.high
        }
        let ridge = chooseLambda(nonNegative: false)
        guard atEnd(ridge.lambda) || ridge.discrepancy > warning else { return ridge }
        // A minimum at an end of the range is no minimum: such a result does not replace the ridge one.
        let constrained = chooseLambda(nonNegative: true)
        return !atEnd(constrained.lambda) && constrained.discrepancy < ridge.discrepancy ? constrained : ridge
    }

    /// √(D/2N) at a λ given by hand, by the same rule: the ridge solutions', or the non-negative ones' where
    /// those disagree less and the ridge ones flag the spectrum (nan when a ridge system is singular).
    func discrepancy(_ lambda: Double, warning: Double) -> Double {
        let rms = { (d: Double?) in d.map { ($0 / Double(2 * points)).squareRoot() } ?? .nan }
        let ridge = rms(discrepancy(lambda))
        guard ridge > warning else { return ridge }
        return min(ridge, rms(discrepancy(lambda, nonNegative: true)))
    }

    private func chooseLambda(nonNegative constrained: Bool) -> (lambda: Double, discrepancy: Double) {
        var tried: [(x: Double, d: Double)] = []
        func cost(_ x: Double) -> Double {
            let d = discrepancy(Double.pow(10, x), nonNegative: constrained) ?? .infinity
            tried.append((x, d))
            return d
        }
        let grid = stride(from: Self.lambdaRange.low, through: Self.lambdaRange.high, by: 1).map { ($0, cost($0)) }
        let centre = grid.indices.min { grid[$0].1 < grid[$1].1 }!
        if centre > 0, centre < grid.count - 1 {
            // The vertex of the parabola through the best decade and its neighbours, then again through the
            // vertex and points a fifth of a decade either side of it.
            var x = vertex(grid[centre - 1], grid[centre], grid[centre + 1], within: grid[centre].0 - 1...grid[centre].0 + 1)
            let around = [(x - 0.2, cost(x - 0.2)), (x, cost(x)), (x + 0.2, cost(x + 0.2))]
            x = vertex(around[0], around[1], around[2], within: x - 0.4...x + 0.4)
            _ = cost(x)
        }
        let best = tried.filter { (Self.lambdaRange.low...Self.lambdaRange.high).contains($0.x) }.min { $0.d < $1.d }!
        return (Double.pow(10, best.x), (best.d / Double(2 * points)).squareRoot())
    }

    /// The abscissa of the vertex of the parabola through three points equally spaced in x, clipped to a range
    /// (the middle point when the parabola opens downwards).
    private func vertex(_ a: (Double, Double), _ b: (Double, Double), _ c: (Double, Double),
                        within range: ClosedRange<Double>) -> Double {
        let h = b.0 - a.0, curvature = a.1 - 2 * b.1 + c.1
        guard curvature > 0, curvature.isFinite else { return b.0 }
        return min(max(b.0 + h * (a.1 - c.1) / (2 * curvature), range.lowerBound), range.upperBound)
    }
}
