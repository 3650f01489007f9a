import RealModule

/// Maps data values on one axis to pixels, linearly or logarithmically, and chooses its ticks.
struct AxisScale {
    enum Kind: Sendable { case linear, logarithmic }

    var kind: Kind
    /// The data range shown (positive for a logarithmic axis).
    var domain: ClosedRange<Double>
    /// Pixel of `domain.lowerBound` and of `domain.upperBound` (for a y axis, the bottom then the top).
    var from: Double
    var to: Double

    private func transform(_ value: Double) -> Double {
        kind == .linear ? value : Double.log10(value)
    }

    func position(_ value: Double) -> Double {
        let low = transform(domain.lowerBound), high = transform(domain.upperBound)
        return from + (transform(value) - low) / (high - low) * (to - from)
    }

    /// Major ticks (labelled) and minor ticks (unlabelled) inside the domain.
    struct Ticks {
        var major: [Double]
        var labels: [String]
        var minor: [Double] = []
    }

    /// About one labelled tick per `spacing` pixels; `step` forces the linear step (equal scaling).
    /// `minimumStep` keeps whole-number axes from ticks at halves.
    func ticks(spacing: Double, step forced: Double? = nil, minimumStep: Double? = nil) -> Ticks {
        let length = abs(to - from)
        let target = max(2, Int(length / spacing))
        switch kind {
        case .linear:
            let step = max(forced ?? Self.niceStep((domain.upperBound - domain.lowerBound) / Double(target)), minimumStep ?? 0)
            let values = Self.multiples(of: step, in: domain)
            return Ticks(major: values, labels: TickLabels.linear(values, step: step))
        case .logarithmic:
            // Decade labels are short ("10k"): they may sit closer than linear ones.
            return logarithmicTicks(target: max(2, Int(length / 45)))
        }
    }

    /// The 1-2-5 step at or above `rough`: 1, 2, 5, 10, 20, 50 … times a power of ten.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let decade = Double.pow(10, Double.log10(rough).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * decade >= rough * (1 - 1e-9) {
            return factor * decade
        }
        return 10 * decade
    }

    /// k·step for every integer k with k·step inside the range (k·step, not a running sum, so errors do
    /// not accumulate).
    static func multiples(of step: Double, in range: ClosedRange<Double>) -> [Double] {
        let first = (range.lowerBound / step - 1e-9).rounded(.up), last = (range.upperBound / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// Decades (every n-th when there are many), with 2 and 5 between them over a short range, and linear
    /// ticks when the range is under a decade or two; minor ticks at 2…9 × 10ᵏ.
    private func logarithmicTicks(target: Int) -> Ticks {
        let low = Double.log10(domain.lowerBound), high = Double.log10(domain.upperBound)
        let firstDecade = Int((low - 1e-9).rounded(.up)), lastDecade = Int((high + 1e-9).rounded(.down))
        let decades = firstDecade <= lastDecade ? Array(firstDecade...lastDecade) : []
        var major: [Double] = []
        if decades.count >= 3 {
            let every = max(1, Int((Double(decades.count) / Double(target)).rounded(.up)))
            major = decades.filter { ($0 - firstDecade) % every == 0 }.map { TickLabels.power10($0) }
        } else {
            for decade in (firstDecade - 1)...(lastDecade + 1) {
                for factor in [1.0, 2, 5] {
                    let value = factor * TickLabels.power10(decade)
                    if domain.contains(value * (1 + 1e-12)) || domain.contains(value) { major.append(value) }
                }
            }
        }
        if major.count < 3 {
            // Under a decade: evenly spaced ticks read better than 20, 50.
            var linear = self
            linear.kind = .linear
            let ticks = linear.ticks(spacing: abs(to - from) / Double(target))
            return Ticks(major: ticks.major.filter { $0 > 0 }, labels: zip(ticks.major, ticks.labels).filter { $0.0 > 0 }.map(\.1))
        }
        var minor: [Double] = []
        if decades.count < 12 {
            for decade in (firstDecade - 1)...(lastDecade + 1) {
                for factor in 2...9 {
                    let value = Double(factor) * TickLabels.power10(decade)
                    if domain.contains(value), !major.contains(where: { abs($0 / value - 1) < 1e-9 }) { minor.append(value) }
                }
            }
        }
        return Ticks(major: major, labels: major.map { TickLabels.engineering($0) }, minor: minor)
    }
}
