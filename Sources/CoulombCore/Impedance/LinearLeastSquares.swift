/// Linear least squares min ‖Ax − b‖ by Householder QR, for the lin-KK test's tall systems whose
/// columns (relaxation terms one decade apart and closer) are too collinear for the normal equations.
enum LinearLeastSquares {
    /// - Parameter a: column-major m × n, m ≥ n.
    /// - Returns: x, or nil when A is rank deficient to working precision.
    static func solve(_ a: [Double], rows m: Int, columns n: Int, _ b: [Double]) -> [Double]? {
        var a = a
        var b = b
        var diagonal = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var norm = 0.0
            for i in j..<m { norm += a[j * m + i] * a[j * m + i] }
            norm = norm.squareRoot()
            guard norm > 0 else { return nil }
            let alpha = a[j * m + j] > 0 ? -norm : norm
            // v = x − αe₁, stored in place of column j below the diagonal.
            a[j * m + j] -= alpha
            var vv = 0.0
            for i in j..<m { vv += a[j * m + i] * a[j * m + i] }
            diagonal[j] = alpha
            guard vv > 0 else { continue }
            for k in (j + 1)..<n {
                var dot = 0.0
                for i in j..<m { dot += a[j * m + i] * a[k * m + i] }
                let factor = 2 * dot / vv
                for i in j..<m { a[k * m + i] -= factor * a[j * m + i] }
            }
            var dot = 0.0
            for i in j..<m { dot += a[j * m + i] * b[i] }
            let factor = 2 * dot / vv
            for i in j..<m { b[i] -= factor * a[j * m + i] }
        }
        let largest = diagonal.map(abs).max() ?? 0
        guard diagonal.allSatisfy({ abs($0) > 1e-13 * largest }) else { return nil }
        var x = [Double](repeating: 0, count: n)
        for j in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[j]
            for k in (j + 1)..<n { sum -= a[k * m + j] * x[k] }
            x[j] = sum / diagonal[j]
        }
        return x
    }
}
