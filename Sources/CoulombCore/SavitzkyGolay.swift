/// Savitzky–Golay weights: the linear combination of a window's samples that equals the slope, at one
/// sample, of the least-squares polynomial through the window.
enum SavitzkyGolay {
    /// Weights w such that Σ w_m·y_m is dy/dx at sample `position` of a window of `window` unit-spaced
    /// samples, for a polynomial of `order`.
    ///
    /// With abscissae u_m = (m − position)/s (scaled by s = window/2 to keep the normal equations well
    /// conditioned), the fit is a = (AᵀA)⁻¹Aᵀy with A_mj = u_mʲ, and the slope at u = 0 is a₁/s; so
    /// w = A·z/s where (AᵀA)z = e₁.
    static func firstDerivativeWeights(window: Int, order: Int, at position: Int) -> [Double] {
        let scale = Double(window) / 2
        let columns = order + 1
        let u = (0..<window).map { Double($0 - position) / scale }
        let design = u.map { value in (0..<columns).map { Double.pow(value, $0) } }
        var normal = (0..<columns).map { i in
            (0..<columns).map { j in design.reduce(0) { $0 + $1[i] * $1[j] } }
        }
        var z = (0..<columns).map { $0 == 1 ? 1.0 : 0.0 }
        // Gaussian elimination with partial pivoting; AᵀA is symmetric positive definite and tiny.
        for column in 0..<columns {
            let pivot = (column..<columns).max { abs(normal[$0][column]) < abs(normal[$1][column]) }!
            normal.swapAt(column, pivot)
            z.swapAt(column, pivot)
            for row in (column + 1)..<columns {
                let factor = normal[row][column] / normal[column][column]
                for k in column..<columns { normal[row][k] -= factor * normal[column][k] }
                z[row] -= factor * z[column]
            }
        }
        for row in stride(from: columns - 1, through: 0, by: -1) {
            var sum = z[row]
            for k in (row + 1)..<columns { sum -= normal[row][k] * z[k] }
            z[row] = sum / normal[row][row]
        }
        return design.map { powers in zip(powers, z).reduce(0) { $0 + $1.0 * $1.1 } / scale }
    }
}
