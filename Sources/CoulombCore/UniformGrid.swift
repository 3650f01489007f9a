/// Samples on evenly spaced abscissae: x_k = (first + k)·spacing.
///
/// Grid points are whole multiples of the spacing, so the curves of different cycles share abscissae and
/// can be compared point by point.
public struct UniformGrid: Sendable, Equatable {
    /// The index of the first grid point, in multiples of `spacing`.
    public var first: Int
    public var spacing: Double
    public var values: [Double]

    public init(first: Int, spacing: Double, values: [Double]) {
        self.first = first
        self.spacing = spacing
        self.values = values
    }

    /// The k-th abscissa. A spacing that divides 1 (1 mV, 0.5 mV) is applied as a division, so
    /// 3377 × 1 mV prints as 3.377 rather than 3.3770000000000002.
    public func x(_ k: Int) -> Double {
        let perUnit = 1 / spacing
        let whole = perUnit.rounded()
        return abs(perUnit - whole) < 1e-9 * whole ? Double(first + k) / whole : Double(first + k) * spacing
    }

    /// Linear interpolation of y(x) at the grid points inside [x₀, xₙ]; `x` must increase strictly.
    public static func interpolating(x: [Double], y: [Double], spacing: Double) -> UniformGrid {
        guard let low = x.first, let high = x.last, high > low else {
            return UniformGrid(first: 0, spacing: spacing, values: [])
        }
        let first = Int((low / spacing).rounded(.up))
        let last = Int((high / spacing).rounded(.down))
        var values: [Double] = []
        values.reserveCapacity(max(last - first + 1, 0))
        guard last >= first else { return UniformGrid(first: first, spacing: spacing, values: []) }
        var j = 0
        for k in first...last {
            let at = Double(k) * spacing
            while j + 2 < x.count, x[j + 1] < at { j += 1 }
            let fraction = (at - x[j]) / (x[j + 1] - x[j])
            values.append(y[j] + fraction * (y[j + 1] - y[j]))
        }
        return UniformGrid(first: first, spacing: spacing, values: values)
    }
}
