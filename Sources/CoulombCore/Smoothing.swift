import RealModule

/// How a derivative is taken from samples on a uniform grid without amplifying their noise.
///
/// - `gaussian(fwhm:)` (the default for dQ/dV, FWHM 10 mV): central differences convolved with a Gaussian
///   of the given full width at half maximum, σ = FWHM / (2√(2 ln 2)), cut at ±4σ and renormalised near
///   the ends. The kernel is positive and has unit area, so the derivative of a monotonic curve keeps
///   its sign, peak **areas are preserved**, and nothing rings. A peak of width w comes out with width
///   √(w² + FWHM²) and its height lowered by w/√(w² + FWHM²): 10 mV costs 5 % on a 30 mV-wide peak, and
///   is five times the 2 mV level step, enough to average the piecewise-constant slopes between kept points.
/// - `savitzkyGolay(width:order:)`: the first derivative of a least-squares polynomial of the given order
///   fitted over a sliding window of the given width (Savitzky & Golay 1964), with windows shifted inward
///   at the ends. It keeps narrow peaks taller than a Gaussian of the same width, but its kernel has
///   negative lobes, which show up as small dips beside sharp peaks.
/// - `none`: central differences only.
///
/// Widths are in the units of the grid's abscissa (volts for dQ/dV, ampere-hours for dV/dQ).
public enum Smoothing: Sendable, Equatable {
    case none
    case gaussian(fwhm: Double)
    case savitzkyGolay(width: Double, order: Int)

    /// dy/dx of values on a grid of the given spacing.
    public func derivative(_ y: [Double], spacing: Double) -> [Double] {
        let n = y.count
        guard n >= 2 else { return Array(repeating: 0, count: n) }
        switch self {
        case .none:
            return Self.centralDifferences(y, spacing: spacing)
        case .gaussian(let fwhm):
            let sigma = fwhm / (2 * (2 * Double.log(2)).squareRoot()) / spacing
            return Self.convolve(Self.centralDifferences(y, spacing: spacing), gaussianOfSigma: sigma)
        case .savitzkyGolay(let width, let order):
            let half = max(Int((width / spacing / 2).rounded()), 1)
            let window = 2 * half + 1
            guard n >= window, order < window else { return Self.centralDifferences(y, spacing: spacing) }
            var result = [Double](repeating: 0, count: n)
            // One set of weights serves the interior; the ends fit the first/last window off-centre.
            let centre = SavitzkyGolay.firstDerivativeWeights(window: window, order: order, at: half)
            for k in 0..<n {
                let start = min(max(k - half, 0), n - window)
                let weights = start == k - half ? centre
                    : SavitzkyGolay.firstDerivativeWeights(window: window, order: order, at: k - start)
                var sum = 0.0
                for m in 0..<window { sum += weights[m] * y[start + m] }
                result[k] = sum / spacing
            }
            return result
        }
    }

    /// Central differences inside, one-sided at the two ends.
    static func centralDifferences(_ y: [Double], spacing: Double) -> [Double] {
        let n = y.count
        var d = [Double](repeating: 0, count: n)
        d[0] = (y[1] - y[0]) / spacing
        d[n - 1] = (y[n - 1] - y[n - 2]) / spacing
        for k in 1..<(n - 1) { d[k] = (y[k + 1] - y[k - 1]) / (2 * spacing) }
        return d
    }

    /// Convolution with a unit-area Gaussian of σ grid steps, cut at ±4σ; near the ends the part of the
    /// kernel that falls inside is renormalised, so a constant stays constant.
    static func convolve(_ y: [Double], gaussianOfSigma sigma: Double) -> [Double] {
        let reach = Int((4 * sigma).rounded(.up))
        guard reach >= 1 else { return y }
        let kernel = (-reach...reach).map { Double.exp(-0.5 * Double($0 * $0) / (sigma * sigma)) }
        let n = y.count
        var result = [Double](repeating: 0, count: n)
        let total = kernel.reduce(0, +)
        var k = 0
        y.withUnsafeBufferPointer { values in
            result.withUnsafeMutableBufferPointer { output in
                while k < n {
                    // Where the whole kernel fits, eight outputs at a time with one weight per pass.
                    if k >= reach, k + 8 + reach <= n {
                        var sum = SIMD8<Double>()
                        for (m, w) in kernel.enumerated() {
                            sum += w * UnsafeRawPointer(values.baseAddress! + k - reach + m).loadUnaligned(as: SIMD8<Double>.self)
                        }
                        UnsafeMutableRawPointer(output.baseAddress! + k).storeBytes(of: sum / total, as: SIMD8<Double>.self)
                        k += 8
                        continue
                    }
                    let low = max(k - reach, 0), high = min(k + reach, n - 1)
                    var sum = 0.0, weight = 0.0
                    for m in low...high {
                        let w = kernel[m - k + reach]
                        sum += w * values[m]
                        weight += w
                    }
                    output[k] = sum / weight
                    k += 1
                }
            }
        }
        return result
    }
}
