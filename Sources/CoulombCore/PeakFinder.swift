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
            let (offset, height) = vertex(s, top: i, prominence: top.prominence)
            let level = height - top.prominence / 2
            let width = crossing(s, from: i, step: 1, level: level) - crossing(s, from: i, step: -1, level: level)
            return Peak(position: curve.x(i) + offset * curve.spacing, height: sign * height,
                        prominence: top.prominence, width: width * curve.spacing, area: area)
        }
    }

    /// The vertex of the least-squares parabola through the cap of a peak — the grid points within 10 % of
    /// its prominence below the top (at least the top and its two neighbours) — as an offset from the top
    /// in grid steps, and its height. Fitting the whole cap rather than three points averages out the
    /// noise that moves the highest grid point about on a broad, flat-topped peak; on a Gaussian the cap
    /// spans ±0.46σ, where a parabola misses the curve by under 0.5 %.
    private func vertex(_ s: [Double], top: Int, prominence: Double) -> (offset: Double, height: Double) {
        let floor = s[top] - 0.1 * prominence
        var low = top - 1, high = top + 1
        while low > 0, s[low - 1] >= floor { low -= 1 }
        while high < s.count - 1, s[high + 1] >= floor { high += 1 }
        // Normal equations of y = a + b·u + c·u² with u = k − top.
        var sums = [Double](repeating: 0, count: 5), moments = [0.0, 0.0, 0.0]
        for k in low...high {
            let u = Double(k - top)
            var power = 1.0
            for p in 0..<5 {
                sums[p] += power
                if p < 3 { moments[p] += power * s[k] }
                power *= u
            }
        }
        let m = [[sums[0], sums[1], sums[2]], [sums[1], sums[2], sums[3]], [sums[2], sums[3], sums[4]]]
        func determinant(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        // Cramer's rule: the system is 3×3 and well conditioned for a handful of points around u = 0.
        let d = determinant(m)
        func solved(_ column: Int) -> Double {
            var replaced = m
            for row in 0..<3 { replaced[row][column] = moments[row] }
            return determinant(replaced) / d
        }
        let a = solved(0), b = solved(1), c = solved(2)
        let offset = -b / (2 * c)
        guard d != 0, c < 0, offset >= Double(low - top), offset <= Double(high - top) else { return (0, s[top]) }
        return (offset, a + b * offset + c * offset * offset)
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
