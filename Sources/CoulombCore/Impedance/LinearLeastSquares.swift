/// Linear least squares min ‖Ax − b‖ by Householder QR, for the lin-KK test's tall systems whose
/// columns (relaxation terms one decade apart and closer) are too collinear for the normal equations.
enum LinearLeastSquares {
    /// - Parameter a: column-major m × n, m ≥ n.
    /// - Returns: x, or nil when A is rank deficient to working precision.
    static func solve(_ a: [Double], rows m: Int, columns n: Int, _ b: [Double]) -> [Double]? {
        var a = a
        var b = b
        var diagonal = [Double](repeating: 0, count: n)
        // Unchecked buffers: lin-KK runs this once per M for every spectrum `fit` reports on, and the
        // bounds checks in these three inner loops cost as much as the arithmetic.
        let solved: Bool = a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                for j in 0..<n {
                    let column = j * m
                    var norm = 0.0
                    for i in j..<m { norm += a[column + i] * a[column + i] }
                    norm = norm.squareRoot()
                    guard norm > 0 else { return false }
                    let alpha = a[column + j] > 0 ? -norm : norm
                    // v = x − αe₁, stored in place of column j below the diagonal.
                    a[column + j] -= alpha
                    var vv = 0.0
                    for i in j..<m { vv += a[column + i] * a[column + i] }
                    diagonal[j] = alpha
                    guard vv > 0 else { continue }
                    for k in (j + 1)..<n {
                        let other = k * m
                        var dot = 0.0
                        for i in j..<m { dot += a[column + i] * a[other + i] }
                        let factor = 2 * dot / vv
                        for i in j..<m { a[other + i] -= factor * a[column + i] }
                    }
                    var dot = 0.0
                    for i in j..<m { dot += a[column + i] * b[i] }
                    let factor = 2 * dot / vv
                    for i in j..<m { b[i] -= factor * a[column + i] }
                }
                return true
            }
        }
        guard solved else { return nil }
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
