/// Finds the peaks of a curve sampled on a uniform grid.
///
/// The curve's magnitude |y| is searched, so discharge peaks of a dQ/dV curve (negative values) are found
/// like charge peaks. A local maximum is a peak when its prominence is at least `minimumProminence`
/// times the curve's largest magnitude; noise ripples on a smoothed curve fall far below 5 %. Valleys —
/// the lowest points between neighbouring peaks, or between a peak and the end of the curve — bound
/// each peak's area, so the areas of the peaks of a curve never overlap.
public struct PeakFinder: Sendable, Equatable {
    public var minimumProminence: Double

    public init(minimumProminence: Double = 0.05) {
        self.minimumProminence = minimumProminence
    }

    public func peaks(_ curve: UniformGrid) -> [Peak] {
        let y = curve.values
        let n = y.count
        guard n >= 3 else { return [] }
        let sign = y.reduce(0, +) < 0 ? -1.0 : 1.0
        let s = y.map { sign * $0 }
        let threshold = minimumProminence * (s.max() ?? 0)
        guard threshold > 0 else { return [] }

        var tops: [(index: Int, prominence: Double)] = []
        var k = 1
        while k < n - 1 {
            // A plateau counts once, at its middle.
            var end = k
            while end + 1 < n - 1, s[end + 1] == s[k] { end += 1 }
            if s[k] > s[k - 1], s[k] > s[end + 1] {
                let top = (k + end) / 2
                let prominence = s[top] - max(lowestBeforeHigher(s, from: top, step: -1),
                                              lowestBeforeHigher(s, from: top, step: 1))
                if prominence >= threshold { tops.append((top, prominence)) }
            }
            k = end + 1
        }

        return tops.enumerated().map { position, top in
            let i = top.index
            let left = position > 0 ? lowest(s, tops[position - 1].index...i) : lowest(s, 0...i)
            let right = position + 1 < tops.count ? lowest(s, i...tops[position + 1].index) : lowest(s, i...(n - 1))
            var area = 0.0
            for m in left..<right { area += 0.5 * (s[m] + s[m + 1]) * curve.spacing }
            // Vertex of the parabola through i−1, i, i+1.
            let curvature = s[i - 1] - 2 * s[i] + s[i + 1]
            let offset = curvature < 0 ? 0.5 * (s[i - 1] - s[i + 1]) / curvature : 0
            let height = s[i] - 0.25 * (s[i - 1] - s[i + 1]) * offset
            let level = height - top.prominence / 2
            let width = crossing(s, from: i, step: 1, level: level) - crossing(s, from: i, step: -1, level: level)
            return Peak(position: curve.x(i) + offset * curve.spacing, height: sign * height,
                        prominence: top.prominence, width: width * curve.spacing, area: area)
        }
    }

    /// Walking from a top, the lowest value met before a higher one (or the end).
    private func lowestBeforeHigher(_ s: [Double], from top: Int, step: Int) -> Double {
        var lowest = s[top]
        var k = top + step
        while k >= 0, k < s.count, s[k] <= s[top] {
            lowest = min(lowest, s[k])
            k += step
        }
        return lowest
    }

    private func lowest(_ s: [Double], _ range: ClosedRange<Int>) -> Int {
        range.min { s[$0] < s[$1] }!
    }

    /// Where, walking from a top, the curve first falls below `level`, interpolated between grid points,
    /// in grid units; the end of the curve if it never does.
    private func crossing(_ s: [Double], from top: Int, step: Int, level: Double) -> Double {
        var k = top
        while k + step >= 0, k + step < s.count {
            let next = k + step
            if s[next] < level {
                return Double(k) + Double(step) * (s[k] - level) / (s[k] - s[next])
            }
            k = next
        }
        return Double(k)
    }
}
