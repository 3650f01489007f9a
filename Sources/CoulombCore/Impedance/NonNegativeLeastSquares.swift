/// Lawson–Hanson non-negative least squares: min ‖Ax − b‖ subject to x ≥ 0.
///
/// Used on small problems (a few tens of columns) where the passive-set solves go through the normal
/// equations; the columns are scaled to unit norm first so they are comparable.
enum NonNegativeLeastSquares {
    /// - Parameters:
    ///   - a: column-major m × n.
    /// - Returns: x (n values, each ≥ 0).
    static func solve(_ a: [Double], rows m: Int, columns n: Int, _ b: [Double]) -> [Double] {
        var norms = [Double](repeating: 1, count: n)
        for j in 0..<n {
            let norm = LevenbergMarquardt.sumOfSquares(Array(a[(j * m)..<((j + 1) * m)])).squareRoot()
            if norm > 0 { norms[j] = norm }
        }
        var gram = [Double](repeating: 0, count: n * n)
        var atb = [Double](repeating: 0, count: n)
        for j in 0..<n {
            atb[j] = LevenbergMarquardt.dot(a, j * m, b, 0, m) / norms[j]
            for k in 0...j {
                let value = LevenbergMarquardt.dot(a, j * m, a, k * m, m) / (norms[j] * norms[k])
                gram[j * n + k] = value
                gram[k * n + j] = value
            }
        }
        return activeSet(gram, atb, n).enumerated().map { $1 / norms[$0] }
    }

    /// min ½xᵀHx − gᵀx subject to x ≥ 0, for a positive-definite H given directly (row-major n × n):
    /// the same as ``solve(_:rows:columns:_:)`` with H = AᵀA and g = Aᵀb, for problems whose H is cheaper
    /// to build than A (a Tikhonov term added to AᵀA). H is scaled to unit diagonal first.
    static func solve(gram h: [Double], _ g: [Double], _ n: Int) -> [Double] {
        let norms = (0..<n).map { h[$0 * n + $0] > 0 ? h[$0 * n + $0].squareRoot() : 1 }
        var gram = h
        for j in 0..<n { for k in 0..<n { gram[j * n + k] /= norms[j] * norms[k] } }
        return activeSet(gram, (0..<n).map { g[$0] / norms[$0] }, n).enumerated().map { $1 / norms[$0] }
    }

    /// The Lawson–Hanson iteration on the scaled normal equations.
    private static func activeSet(_ gram: [Double], _ atb: [Double], _ n: Int) -> [Double] {
        var x = [Double](repeating: 0, count: n)
        var passive = [Bool](repeating: false, count: n)
        let tolerance = 1e-12 * max(1, atb.map(abs).max() ?? 0)
        for _ in 0..<(3 * n) {
            // Gradient of −½‖Ax − b‖²: w = Aᵀb − AᵀAx.
            var best = -1
            var bestW = tolerance
            for j in 0..<n where !passive[j] {
                var w = atb[j]
                for k in 0..<n { w -= gram[j * n + k] * x[k] }
                if w > bestW { bestW = w; best = j }
            }
            guard best >= 0 else { break }
            passive[best] = true
            while true {
                guard let z = solvePassive(gram, atb, passive, n) else { passive[best] = false; break }
                if (0..<n).allSatisfy({ !passive[$0] || z[$0] > 0 }) {
                    x = z
                    break
                }
                // Step back to the first variable that would go negative and release it.
                var alpha = 1.0
                for j in 0..<n where passive[j] && z[j] <= 0 { alpha = min(alpha, x[j] / (x[j] - z[j])) }
                for j in 0..<n where passive[j] {
                    x[j] += alpha * (z[j] - x[j])
                    if x[j] <= 1e-15 { x[j] = 0; passive[j] = false }
                }
            }
        }
        return x
    }

    private static func solvePassive(_ gram: [Double], _ atb: [Double], _ passive: [Bool], _ n: Int) -> [Double]? {
        let index = (0..<n).filter { passive[$0] }
        let k = index.count
        var matrix = [Double](repeating: 0, count: k * k)
        var rhs = index.map { atb[$0] }
        for (i, a) in index.enumerated() {
            for (j, b) in index.enumerated() { matrix[i * k + j] = gram[a * n + b] }
            matrix[i * k + i] += 1e-12
        }
        guard Cholesky.solve(&matrix, &rhs, k) else { return nil }
        var z = [Double](repeating: 0, count: n)
        for (i, a) in index.enumerated() { z[a] = rhs[i] }
        return z
    }
}
