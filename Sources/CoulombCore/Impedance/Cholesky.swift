/// Cholesky factorisation of a small symmetric positive-definite matrix (row-major, n × n) and solves
/// with it. Small means the fitter's normal equations: a few to a few tens of parameters.
enum Cholesky {
    /// Solves A x = b; `b` becomes x and `a` its factor. False when A is not positive definite to
    /// working precision.
    static func solve(_ a: inout [Double], _ b: inout [Double], _ n: Int) -> Bool {
        guard factor(&a, n) else { return false }
        substitute(a, &b, n)
        return true
    }

    /// The inverse of A, or nil when A is not positive definite.
    static func inverse(_ a: [Double], _ n: Int) -> [Double]? {
        var l = a
        guard factor(&l, n) else { return nil }
        var inverse = [Double](repeating: 0, count: n * n)
        var column = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in 0..<n { column[i] = i == j ? 1 : 0 }
            substitute(l, &column, n)
            for i in 0..<n { inverse[i * n + j] = column[i] }
        }
        return inverse
    }

    /// Lower factor L (A = LLᵀ) in the lower triangle of `a`. Unchecked buffers and the four-way dot product:
    /// the DRT's λ search factors ~60 × 60 matrices a few dozen times per spectrum.
    private static func factor(_ a: inout [Double], _ n: Int) -> Bool {
        a.withUnsafeMutableBufferPointer { a in
            let base = UnsafeBufferPointer(a)
            for j in 0..<n {
                let diagonal = a[j * n + j] - LevenbergMarquardt.dot(base, j * n, base, j * n, j)
                guard diagonal > 0, diagonal.isFinite else { return false }
                let root = diagonal.squareRoot()
                a[j * n + j] = root
                for i in (j + 1)..<n {
                    a[i * n + j] = (a[i * n + j] - LevenbergMarquardt.dot(base, i * n, base, j * n, j)) / root
                }
            }
            return true
        }
    }

    /// b ← (LLᵀ)⁻¹ b by forward and back substitution.
    private static func substitute(_ l: [Double], _ b: inout [Double], _ n: Int) {
        for i in 0..<n {
            var sum = b[i]
            for k in 0..<i { sum -= l[i * n + k] * b[k] }
            b[i] = sum / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[i]
            for k in (i + 1)..<n { sum -= l[k * n + i] * b[k] }
            b[i] = sum / l[i * n + i]
        }
    }
}
