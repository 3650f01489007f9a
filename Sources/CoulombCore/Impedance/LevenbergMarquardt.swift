import RealModule

/// A least-squares problem for `LevenbergMarquardt`: residuals rᵢ(x) and their Jacobian.
protocol LeastSquaresModel {
    var residualCount: Int { get }
    /// Fills `residuals` (`residualCount` values) at `x` and, when `jacobian` is non-nil, ∂rᵢ/∂xₖ in it,
    /// column-major (`jacobian[k * residualCount + i]`).
    mutating func evaluate(_ x: [Double], residuals: inout [Double], jacobian: UnsafeMutableBufferPointer<Double>?)
}

/// Bounded Levenberg–Marquardt minimisation of ½‖r(x)‖².
///
/// **Bounds.** Scale parameters (resistances, capacitances, time constants) are moved on a log scale,
/// x = eᵘ: they stay positive without a bound the step has to respect, and a step is a ratio, which suits
/// values that span decades. Every bound is then enforced by *projection*: a step is clipped into the
/// box, and a parameter sitting on a bound with the gradient pushing outward is held for that step
/// (an active set). A transformation such as x = lo + (hi − lo)(1 + sin u)/2 would also keep x inside,
/// but it flattens the cost near the bound, so a parameter whose best value *is* the bound converges
/// slowly and gets a meaningless standard error; with projection it lands on the bound and is reported
/// as such.
///
/// **Step.** (ŜᵀJᵀJŜ + λI) y = −ŜᵀJᵀr with Ŝ = diag(1/√Dₖ), Dₖ the largest diag(JᵀJ)ₖ seen so far
/// (Marquardt's scaling, made monotone as in MINPACK), δ = Ŝy. λ follows Nielsen's gain-ratio rule.
///
/// **Convergence**: an accepted step whose largest change is below `stepTolerance` (relative for scale
/// parameters, absolute for the others), or a scaled gradient max |gₖ|/(√Dₖ‖r‖) below
/// `gradientTolerance`, or a cost that has stopped falling (relative reduction below 10⁻¹⁵); otherwise
/// the iteration cap ends the search unconverged.
struct LevenbergMarquardt {
    struct Variable {
        var value: Double
        var lower: Double
        var upper: Double
        var isScale: Bool
        var isFixed: Bool
    }

    struct Result {
        var x: [Double]
        /// ½‖r‖² at `x`.
        var cost: Double
        var iterations: Int
        var converged: Bool
        /// Parameters that ended on a bound.
        var atBound: [Bool]
    }

    var stepTolerance = 1e-10
    var gradientTolerance = 1e-10
    var maximumIterations = 200

    func minimize<Model: LeastSquaresModel>(_ model: inout Model, _ variables: [Variable]) -> Result {
        let p = variables.count
        let m = model.residualCount
        let free = variables.indices.filter { !variables[$0].isFixed }
        // Working coordinates u: log x for scale parameters.
        func toU(_ v: Variable, _ x: Double) -> Double { v.isScale ? .log(x) : x }
        let lowerU = variables.map { $0.isScale ? ($0.lower > 0 ? Double.log($0.lower) : -.infinity) : $0.lower }
        let upperU = variables.map { $0.isScale ? Double.log($0.upper) : $0.upper }
        var u = variables.map { toU($0, $0.value) }
        for k in free { u[k] = min(max(u[k], lowerU[k]), upperU[k]) }
        func toX(_ u: [Double]) -> [Double] {
            (0..<p).map { variables[$0].isScale ? .exp(u[$0]) : u[$0] }
        }

        var x = toX(u)
        var r = [Double](repeating: 0, count: m)
        var jacobian = [Double](repeating: 0, count: m * p)
        var trialR = r
        var trialJ = jacobian
        func evaluate(_ x: [Double], _ r: inout [Double], _ j: inout [Double]) {
            j.withUnsafeMutableBufferPointer { model.evaluate(x, residuals: &r, jacobian: $0) }
            // Chain rule to u: ∂r/∂u = x·∂r/∂x for scale parameters.
            j.withUnsafeMutableBufferPointer { j in
                for k in 0..<p where variables[k].isScale {
                    let scale = x[k]
                    for i in 0..<m { j[k * m + i] *= scale }
                }
            }
        }
        evaluate(x, &r, &jacobian)
        var cost = 0.5 * Self.sumOfSquares(r)
        guard !free.isEmpty, cost.isFinite else {
            return Result(x: x, cost: cost, iterations: 0, converged: cost.isFinite, atBound: atBounds(u, lowerU, upperU))
        }

        let f = free.count
        var scale = [Double](repeating: 0, count: f)
        var lambda = -1.0
        var nu = 2.0
        var iterations = 0
        var converged = false
        var normal = [Double](repeating: 0, count: f * f)
        var gradient = [Double](repeating: 0, count: f)
        while iterations < maximumIterations {
            iterations += 1
            // Normal equations over the free parameters.
            jacobian.withUnsafeBufferPointer { j in
                r.withUnsafeBufferPointer { r in
                    for (a, ka) in free.enumerated() {
                        gradient[a] = Self.dot(j, ka * m, r, 0, m)
                        for (b, kb) in free.enumerated() where b <= a {
                            let value = Self.dot(j, ka * m, j, kb * m, m)
                            normal[a * f + b] = value
                            normal[b * f + a] = value
                        }
                    }
                }
            }
            for a in 0..<f { scale[a] = max(scale[a], normal[a * f + a]) }
            // Hold parameters on a bound that the gradient pushes outward.
            var active = [Bool](repeating: false, count: f)
            var gradientMeasure = 0.0
            let residualNorm = (2 * cost).squareRoot()
            for (a, k) in free.enumerated() {
                if (u[k] <= lowerU[k] && gradient[a] > 0) || (u[k] >= upperU[k] && gradient[a] < 0) {
                    active[a] = true
                } else if scale[a] > 0, residualNorm > 0 {
                    gradientMeasure = max(gradientMeasure, abs(gradient[a]) / (scale[a].squareRoot() * residualNorm))
                }
            }
            if gradientMeasure <= gradientTolerance || cost == 0 {
                converged = true
                break
            }
            if lambda < 0 { lambda = 1e-3 }
            guard let step = Self.dampedStep(normal, gradient, scale, active, lambda, f) else {
                lambda *= nu
                nu *= 2
                if lambda > 1e20 { break }
                continue
            }
            var trialU = u
            for (a, k) in free.enumerated() { trialU[k] = min(max(u[k] + step[a], lowerU[k]), upperU[k]) }
            var actualStep = [Double](repeating: 0, count: f)
            var largest = 0.0
            for (a, k) in free.enumerated() {
                actualStep[a] = trialU[k] - u[k]
                largest = max(largest, abs(actualStep[a]))
            }
            let trialX = toX(trialU)
            evaluate(trialX, &trialR, &trialJ)
            let trialCost = 0.5 * Self.sumOfSquares(trialR)
            // Predicted reduction of the quadratic model along the projected step.
            var predicted = 0.0
            for a in 0..<f {
                var hs = 0.0
                for b in 0..<f { hs += normal[a * f + b] * actualStep[b] }
                predicted -= actualStep[a] * (gradient[a] + 0.5 * hs)
            }
            let reduction = cost - trialCost
            if trialCost.isFinite, reduction > 0 {
                let rho = predicted > 0 ? reduction / predicted : 1
                lambda *= max(1.0 / 3, 1 - Double.pow(2 * rho - 1, 3))
                nu = 2
                u = trialU
                x = trialX
                swap(&r, &trialR)
                swap(&jacobian, &trialJ)
                let previous = cost
                cost = trialCost
                if largest <= stepTolerance || reduction <= 1e-15 * previous {
                    converged = true
                    break
                }
            } else {
                if largest <= stepTolerance {
                    // Even the smallest step no longer lowers the cost: a minimum to working precision.
                    converged = true
                    break
                }
                lambda *= nu
                nu *= 2
                if lambda > 1e20 { break }
            }
        }
        return Result(x: x, cost: cost, iterations: iterations, converged: converged,
                      atBound: atBounds(u, lowerU, upperU))
    }

    private func atBounds(_ u: [Double], _ lower: [Double], _ upper: [Double]) -> [Bool] {
        u.indices.map { u[$0] <= lower[$0] || u[$0] >= upper[$0] }
    }

    /// Solves (ŜAŜ + λI)y = −Ŝg on the parameters not held, δ = Ŝy; nil when the matrix is not positive
    /// definite (λ must grow).
    private static func dampedStep(_ a: [Double], _ g: [Double], _ d: [Double], _ active: [Bool], _ lambda: Double,
                                   _ f: Int) -> [Double]? {
        let index = (0..<f).filter { !active[$0] }
        let n = index.count
        var matrix = [Double](repeating: 0, count: n * n)
        var rhs = [Double](repeating: 0, count: n)
        let s = index.map { d[$0] > 0 ? 1 / d[$0].squareRoot() : 1 }
        for (i, ki) in index.enumerated() {
            rhs[i] = -g[ki] * s[i]
            for (j, kj) in index.enumerated() { matrix[i * n + j] = a[ki * f + kj] * s[i] * s[j] }
            matrix[i * n + i] += lambda
        }
        guard Cholesky.solve(&matrix, &rhs, n) else { return nil }
        var step = [Double](repeating: 0, count: f)
        for (i, ki) in index.enumerated() { step[ki] = rhs[i] * s[i] }
        return step
    }

    static func sumOfSquares(_ v: [Double]) -> Double {
        var sum = 0.0
        for value in v { sum += value * value }
        return sum
    }

    @inline(__always)
    static func dot(_ a: UnsafeBufferPointer<Double>, _ aStart: Int, _ b: UnsafeBufferPointer<Double>, _ bStart: Int,
                    _ count: Int) -> Double {
        // Four partial sums: independent chains the CPU can overlap.
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= count {
            s0 += a[aStart + i] * b[bStart + i]
            s1 += a[aStart + i + 1] * b[bStart + i + 1]
            s2 += a[aStart + i + 2] * b[bStart + i + 2]
            s3 += a[aStart + i + 3] * b[bStart + i + 3]
            i += 4
        }
        while i < count {
            s0 += a[aStart + i] * b[bStart + i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    static func dot(_ a: [Double], _ aStart: Int, _ b: [Double], _ bStart: Int, _ count: Int) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in dot(a, aStart, b, bStart, count) } }
    }
}
