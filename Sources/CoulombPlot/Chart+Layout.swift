import RealModule

/// Where everything of a chart goes, for one frame.
struct ChartLayout {
    var plot: Rect
    var x: AxisScale
    var y: AxisScale
    var y2: AxisScale?
    var xTicks: AxisScale.Ticks
    var yTicks: AxisScale.Ticks
    var y2Ticks: AxisScale.Ticks?
    /// Each series' unbroken runs, decimated, in pixels.
    var runs: [[[(x: Double, y: Double)]]]
    /// Where the space right of the plot and its second axis begins (the colour bar).
    var rightSpace: Double
}

extension Chart {
    /// Pixels between labelled ticks, about.
    static let xTickSpacing = 90.0
    static let yTickSpacing = 55.0
    /// The height of the strip above the plot that holds the band labels (none without labels).
    var bandStrip: Double { bands.contains { $0.label != nil } ? 16 : 0 }
    /// The colour bar, its ticks and its label.
    static let colourBarWidth = 76.0

    /// Lays the chart out in `frame`, keeping `reservedTop` pixels free above the plot for a legend.
    /// `minimumLeft` aligns the plots of stacked panels; without `pixels`, the series are not mapped
    /// (`runs` is empty), for when only the frame's geometry is wanted.
    func layout(in frame: Rect, reservedTop: Double = 0, minimumLeft: Double = 0, pixels: Bool = true) -> ChartLayout {
        let xData = domain(of: x, values: series.flatMap(\.x) + bands.flatMap { [$0.from, $0.to] } + verticals.map(\.x))
        let yData = domain(of: y, values: series.filter { $0.side == .left }.flatMap(\.y))
        var (xDomain, yDomain) = (xData, yData)
        let y2Domain = y2.map { domain(of: $0, values: series.filter { $0.side == .right }.flatMap(\.y)) }

        // Margins depend on the tick labels, which depend on the margins: the second round lays the plot
        // out with the first round's labels (the labels of a slightly different length change little).
        var left = 60.0, right = 16.0, axisRight = 0.0
        let top = frame.y + 12 + reservedTop + bandStrip, bottom = frame.maxY - 44
        var plot = Rect(x: 0, y: 0, width: 0, height: 0)
        var xScale = AxisScale(kind: x.kind, domain: xDomain, from: 0, to: 1)
        var yScale = AxisScale(kind: y.kind, domain: yDomain, from: bottom, to: top)
        var y2Scale: AxisScale?
        var xTicks = AxisScale.Ticks(major: [], labels: []), yTicks = xTicks
        var y2Ticks: AxisScale.Ticks?
        for _ in 0..<2 {
            plot = Rect(x: frame.x + left, y: top, width: max(frame.width - left - right, 40), height: bottom - top)
            var forcedStep: Double?
            if equalScaling {
                (xDomain, yDomain) = Self.equalised(xData, yData, in: plot)
                let targetX = max(2, plot.width / Self.xTickSpacing), targetY = max(2, plot.height / Self.yTickSpacing)
                forcedStep = AxisScale.niceStep(max((xDomain.upperBound - xDomain.lowerBound) / targetX,
                                                    (yDomain.upperBound - yDomain.lowerBound) / targetY))
            }
            xScale = AxisScale(kind: x.kind, domain: xDomain, from: plot.x, to: plot.maxX)
            yScale = AxisScale(kind: y.kind, domain: yDomain, from: plot.maxY, to: plot.y)
            xTicks = xScale.ticks(spacing: Self.xTickSpacing, step: forcedStep, minimumStep: x.wholeNumbers ? 1 : nil)
            yTicks = yScale.ticks(spacing: Self.yTickSpacing, step: forcedStep, minimumStep: y.wholeNumbers ? 1 : nil)
            left = max(minimumLeft, 34 + (yTicks.labels.map { TextMetrics.width($0, fontSize: TextMetrics.tickFontSize) }.max() ?? 0))
            axisRight = 0
            if let y2, let y2Domain {
                y2Scale = AxisScale(kind: y2.kind, domain: y2Domain, from: plot.maxY, to: plot.y)
                y2Ticks = y2Scale!.ticks(spacing: Self.yTickSpacing)
                axisRight = 34 + (y2Ticks!.labels.map { TextMetrics.width($0, fontSize: TextMetrics.tickFontSize) }.max() ?? 0)
            }
            right = max(16, axisRight) + (colourBar != nil ? Self.colourBarWidth : 0)
        }
        let runs = !pixels ? [] : series.map { series in
            pixelRuns(series, x: xScale, y: series.side == .right ? (y2Scale ?? yScale) : yScale)
        }
        return ChartLayout(plot: plot, x: xScale, y: yScale, y2: y2Scale, xTicks: xTicks, yTicks: yTicks, y2Ticks: y2Ticks,
                           runs: runs, rightSpace: plot.maxX + max(8, axisRight))
    }

    /// The data range of an axis with a 4 % margin each side (in log space for a log axis), or its fixed range.
    func domain(of axis: Axis, values: [Double]) -> ClosedRange<Double> {
        if let range = axis.range { return range }
        // Beyond ±10³⁰⁰ the range itself would overflow; such values are drawn off the plot.
        let usable = values.filter { $0.isFinite && abs($0) < 1e300 && (axis.kind == .linear || $0 > 0) }
        guard var low = usable.min(), var high = usable.max() else {
            return axis.kind == .linear ? 0...1 : 1...10
        }
        if axis.includesZero, axis.kind == .linear {
            low = min(low, 0)
            high = max(high, 0)
        }
        switch axis.kind {
        case .linear:
            if high == low {
                let half = low == 0 ? 1 : abs(low) * 0.1
                return (low - half)...(high + half)
            }
            let margin = 0.04 * (high - low)
            // A range that includes zero starts at zero when the data does not cross it (capacity ≥ 0).
            return ((axis.includesZero && low == 0) ? 0 : low - margin)...((axis.includesZero && high == 0) ? 0 : high + margin)
        case .logarithmic:
            var a = Double.log10(low), b = Double.log10(high)
            if a == b { (a, b) = (a - 0.3, b + 0.3) }
            let margin = 0.04 * (b - a)
            return Double.pow(10, a - margin)...Double.pow(10, b + margin)
        }
    }

    /// Widens one of the two ranges (upward, where Nyquist plots have room) so that a unit has the same
    /// length on both axes.
    static func equalised(_ x: ClosedRange<Double>, _ y: ClosedRange<Double>, in plot: Rect) -> (ClosedRange<Double>, ClosedRange<Double>) {
        let xUnit = plot.width / (x.upperBound - x.lowerBound), yUnit = plot.height / (y.upperBound - y.lowerBound)
        let unit = min(xUnit, yUnit)
        return (x.lowerBound...(x.lowerBound + plot.width / unit), y.lowerBound...(y.lowerBound + plot.height / unit))
    }

    /// A series in pixels, cut at NaN (and, on a log axis, at values ≤ 0), each run decimated.
    private func pixelRuns(_ series: Series, x: AxisScale, y: AxisScale) -> [[(x: Double, y: Double)]] {
        var runs: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        // position(v) = offset + slope·t(v), t the identity or log₁₀: the constants once, not per point.
        let (xLog, yLog) = (x.kind == .logarithmic, y.kind == .logarithmic)
        let (xSlope, ySlope) = (x.position(x.domain.upperBound) - x.position(x.domain.lowerBound), y.position(y.domain.upperBound) - y.position(y.domain.lowerBound))
        let xSpan = xLog ? Double.log10(x.domain.upperBound / x.domain.lowerBound) : x.domain.upperBound - x.domain.lowerBound
        let ySpan = yLog ? Double.log10(y.domain.upperBound / y.domain.lowerBound) : y.domain.upperBound - y.domain.lowerBound
        let (xScale, yScale) = (xSlope / xSpan, ySlope / ySpan)
        let xOrigin = xLog ? Double.log10(x.domain.lowerBound) : x.domain.lowerBound
        let yOrigin = yLog ? Double.log10(y.domain.lowerBound) : y.domain.lowerBound
        let (xFrom, yFrom) = (x.from, y.from)
        current.reserveCapacity(series.x.count)
        for k in 0..<min(series.x.count, series.y.count) {
            let a = series.x[k], b = series.y[k]
            if a.isFinite, b.isFinite, !xLog || a > 0, !yLog || b > 0 {
                let px = xFrom + ((xLog ? Double.log10(a) : a) - xOrigin) * xScale
                let py = yFrom + ((yLog ? Double.log10(b) : b) - yOrigin) * yScale
                current.append((min(max(px, -1e6), 1e6), min(max(py, -1e6), 1e6)))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs.map { series.lineWidth == nil ? Decimation.thinMarkers($0) : Decimation.decimate($0) }
    }
}
