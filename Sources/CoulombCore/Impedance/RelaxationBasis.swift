import ComplexModule
import RealModule

/// Z/|Z| written as a linear combination of relaxation terms: R∞, one RC element Rₖ/(1 + jωτₖ) per fixed
/// time constant, and optionally a series capacitance 1/(jωC) (its coefficient is 1/C) and a series
/// inductance jωL.
///
/// Both the lin-KK test and the automatic starting values solve this system — the first by least
/// squares, the second with the Rₖ held non-negative. Rows are the real parts then the imaginary parts;
/// dividing every row by |Z| lets each decade of the spectrum count, as relative weights do.
struct RelaxationBasis {
    /// Column-major, `rows` × `columns`: R∞, then the RC elements in the order of `taus`, then 1/C, then L
    /// (impedance.py's order).
    let matrix: [Double]
    let target: [Double]
    let rows: Int
    let columns: Int

    /// τₖ = 10^(log τ_min + (k/(M−1))·log(τ_max/τ_min)), k = 0…M−1; a single element sits at τ_max.
    static func logSpaced(_ m: Int, from tauMin: Double, to tauMax: Double) -> [Double] {
        guard m > 1 else { return [tauMax] }
        let span = Double.log10(tauMax / tauMin)
        return (0..<m).map { Double.pow(10, Double.log10(tauMin) + span * Double($0) / Double(m - 1)) }
    }

    init(omega: [Double], z: [Complex<Double>], taus: [Double], capacitance: Bool = false, inductance: Bool) {
        let n = omega.count
        rows = 2 * n
        columns = taus.count + 1 + (capacitance ? 1 : 0) + (inductance ? 1 : 0)
        var a = [Double](repeating: 0, count: rows * columns)
        var b = [Double](repeating: 0, count: rows)
        for i in 0..<n {
            let w = 1 / z[i].length
            b[i] = z[i].real * w
            b[n + i] = z[i].imaginary * w
            a[i] = w
            for (k, tau) in taus.enumerated() {
                let x = omega[i] * tau
                a[(k + 1) * rows + i] = w / (1 + x * x)
                a[(k + 1) * rows + n + i] = -w * x / (1 + x * x)
            }
            if capacitance { a[(taus.count + 1) * rows + n + i] = -w / omega[i] }
            if inductance { a[(columns - 1) * rows + n + i] = omega[i] * w }
        }
        matrix = a
        target = b
    }
}
