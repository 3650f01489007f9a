import ComplexModule

/// The weighted residuals of a circuit against measured points, stacked real then imaginary:
/// rᵢ = √w′ᵢ (Z′(ωᵢ) − Z′ᵢ), r_{N+i} = √w″ᵢ (Z″(ωᵢ) − Z″ᵢ).
struct CircuitResiduals: LeastSquaresModel {
    let evaluator: CircuitEvaluator
    let measured: [Complex<Double>]
    let rootWeightReal: [Double]
    let rootWeightImaginary: [Double]

    init(circuit: Circuit, points: FitPoints, weighting: FitWeighting) {
        evaluator = CircuitEvaluator(circuit, omega: points.frequency_Hz.map { 2 * .pi * $0 })
        measured = points.impedance_ohm
        let weights = points.impedance_ohm.map(weighting.weights)
        rootWeightReal = weights.map { $0.real.squareRoot() }
        rootWeightImaginary = weights.map { $0.imaginary.squareRoot() }
    }

    var residualCount: Int { 2 * measured.count }

    mutating func evaluate(_ x: [Double], residuals: inout [Double], jacobian: UnsafeMutableBufferPointer<Double>?) {
        evaluator.evaluate(x, jacobian: jacobian != nil)
        let n = measured.count
        let m = 2 * n
        measured.withUnsafeBufferPointer { measured in
        rootWeightReal.withUnsafeBufferPointer { wr in
        rootWeightImaginary.withUnsafeBufferPointer { wi in
            evaluator.z.withUnsafeBufferPointer { z in
                residuals.withUnsafeMutableBufferPointer { r in
                    for i in 0..<n {
                        r[i] = wr[i] * (z[i].real - measured[i].real)
                        r[n + i] = wi[i] * (z[i].imaginary - measured[i].imaginary)
                    }
                }
            }
            guard let jacobian else { return }
            evaluator.jacobian.withUnsafeBufferPointer { d in
                for k in 0..<(jacobian.count / m) {
                    for i in 0..<n {
                        jacobian[k * m + i] = wr[i] * d[k * n + i].real
                        jacobian[k * m + n + i] = wi[i] * d[k * n + i].imaginary
                    }
                }
            }
        }}}
    }

    /// ½‖r‖² at `x`, without the Jacobian.
    mutating func cost(_ x: [Double]) -> Double {
        var r = [Double](repeating: 0, count: residualCount)
        evaluate(x, residuals: &r, jacobian: nil)
        return 0.5 * LevenbergMarquardt.sumOfSquares(r)
    }

    /// Σ|Z(ωᵢ) − Zᵢ|², unweighted.
    func unweightedSumOfSquares(_ x: [Double]) -> Double {
        evaluator.evaluate(x, jacobian: false)
        var sum = 0.0
        for i in measured.indices { sum += (evaluator.z[i] - measured[i]).lengthSquared }
        return sum
    }
}
