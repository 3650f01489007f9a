/// Draws a chart into a document.
extension Chart {
    static let ink = Colour(0x222222)
    static let grid = Colour(0xe3e3e3)

    /// Draws into `frame`; `index` tells panels of one figure apart in their ids.
    func draw(into svg: inout SVGDocument, frame: Rect, index: Int = 0, minimumLeft: Double = 0) {
        let legend = Legend(self)
        var layout = layout(in: frame, minimumLeft: minimumLeft)
        var legendBox: (Legend.Placement, Rect)?
        if !legend.isEmpty {
            legendBox = legend.corner(in: layout, series: series, verticals: verticals.map { layout.x.position($0.x) })
            if legendBox == nil {
                let rows = legend.rows(within: layout.plot.width).count
                let height = Double(rows) * Legend.lineHeight
                layout = self.layout(in: frame, reservedTop: height + 4, minimumLeft: minimumLeft)
                legendBox = (.above, Rect(x: layout.plot.x, y: layout.plot.y - bandStrip - height - 6, width: layout.plot.width, height: height))
            }
        }
        let plot = layout.plot
        let clip = svg.id("plot\(index)")
        svg.open("clipPath", ["id": clip])
        svg.element("rect", ["x": n(plot.x), "y": n(plot.y), "width": n(plot.width), "height": n(plot.height)])
        svg.close("clipPath")

        drawBands(into: &svg, layout, frame: frame)
        drawGrid(into: &svg, layout)
        svg.open("g", ["class": "data", "clip-path": "url(#\(clip))"])
        for (k, series) in series.enumerated() {
            draw(series, runs: layout.runs[k], into: &svg)
        }
        svg.close("g")
        drawPointLabels(into: &svg, layout)
        drawVerticals(into: &svg, layout)
        svg.element("rect", ["class": "plot-area", "x": n(plot.x), "y": n(plot.y), "width": n(plot.width),
                             "height": n(plot.height), "fill": "none", "stroke": Self.ink.hex, "stroke-width": "1"])
        drawXAxis(into: &svg, layout)
        drawYAxis(y, scale: layout.y, ticks: layout.yTicks, side: .left, into: &svg, plot: plot)
        if let y2, let scale = layout.y2, let ticks = layout.y2Ticks {
            drawYAxis(y2, scale: scale, ticks: ticks, side: .right, into: &svg, plot: plot)
        }
        if let colourBar {
            draw(colourBar, into: &svg, at: layout.rightSpace, plot: plot, gradientID: svg.id("colours\(index)"))
        }
        if let (placement, box) = legendBox {
            draw(legend, placement: placement, box: box, into: &svg)
        }
    }

    private func n(_ value: Double) -> String { SVGDocument.number(value) }

    private func drawBands(into svg: inout SVGDocument, _ layout: ChartLayout, frame: Rect) {
        let plot = layout.plot
        for band in bands {
            let a = max(layout.x.position(band.from), plot.x), b = min(layout.x.position(band.to), plot.maxX)
            guard b > a else { continue }
            svg.element("rect", [("class", "band"), ("x", n(a)), ("y", n(plot.y)), ("width", n(b - a)), ("height", n(plot.height)),
                                 ("fill", band.shade.hex)], title: band.label.map { "\(bandCaption.map { "\($0): " } ?? "")\($0)" })
            if let label = band.label, TextMetrics.width(label, fontSize: 10) < b - a - 2 {
                svg.element("text", ["class": "band-label", "x": n((a + b) / 2), "y": n(plot.y - 5), "text-anchor": "middle",
                                     "font-size": "10", "fill": "#555555"], text: label)
            }
        }
        if let caption = bandCaption, !bands.isEmpty {
            svg.element("text", ["class": "band-caption", "x": n(frame.x + 2), "y": n(plot.y - 5),
                                 "font-size": "10", "fill": "#555555"], text: caption)
        }
    }

    private func drawGrid(into svg: inout SVGDocument, _ layout: ChartLayout) {
        let plot = layout.plot
        svg.open("g", ["class": "grid", "stroke": Self.grid.hex, "stroke-width": "1"])
        for tick in layout.xTicks.major {
            let at = layout.x.position(tick)
            svg.element("line", ["x1": n(at), "y1": n(plot.y), "x2": n(at), "y2": n(plot.maxY)])
        }
        for tick in layout.yTicks.major {
            let at = layout.y.position(tick)
            svg.element("line", ["x1": n(plot.x), "y1": n(at), "x2": n(plot.maxX), "y2": n(at)])
        }
        svg.close("g")
    }

    private func draw(_ series: Series, runs: [[(x: Double, y: Double)]], into svg: inout SVGDocument) {
        svg.open("g", ["class": "series \(series.role)", "data-series": series.key])
        if let width = series.lineWidth {
            for run in runs where run.count > 1 {
                let points = run.map { n($0.x) + "," + n($0.y) }.joined(separator: " ")
                if let dash = series.dash {
                    svg.element("polyline", ["points": points, "fill": "none", "stroke": series.colour.hex,
                                             "stroke-width": n(width), "stroke-linejoin": "round", "stroke-dasharray": dash])
                } else {
                    svg.element("polyline", ["points": points, "fill": "none", "stroke": series.colour.hex,
                                             "stroke-width": n(width), "stroke-linejoin": "round"])
                }
            }
        }
        if let marker = series.marker {
            // Tooltips only when every point survived thinning, so each stays on its own point.
            var titles = series.pointTitles?.count == runs.reduce(0, { $0 + $1.count }) ? series.pointTitles?.makeIterator() : nil
            for run in runs {
                for point in run {
                    drawMarker(marker, at: point, size: series.markerSize, colour: series.colour, filled: series.markerFilled,
                               title: titles?.next(), into: &svg)
                }
            }
        }
        svg.close("g")
    }

    func drawMarker(_ marker: Series.Marker, at point: (x: Double, y: Double), size: Double, colour: Colour,
                    filled: Bool, title: String? = nil, into svg: inout SVGDocument) {
        let fill = filled ? colour.hex : "#ffffff", r = size / 2
        let shape: String
        var attributes: [(String, String)]
        switch marker {
        case .circle:
            shape = "circle"
            attributes = [("cx", n(point.x)), ("cy", n(point.y)), ("r", n(r))]
        case .square:
            shape = "rect"
            attributes = [("x", n(point.x - r)), ("y", n(point.y - r)), ("width", n(size)), ("height", n(size))]
        case .triangle:
            shape = "polygon"
            attributes = [("points", "\(n(point.x)),\(n(point.y - r * 1.2)) \(n(point.x - r * 1.1)),\(n(point.y + r * 0.8)) \(n(point.x + r * 1.1)),\(n(point.y + r * 0.8))")]
        case .diamond:
            shape = "polygon"
            attributes = [("points", "\(n(point.x)),\(n(point.y - r * 1.3)) \(n(point.x + r)),\(n(point.y)) \(n(point.x)),\(n(point.y + r * 1.3)) \(n(point.x - r)),\(n(point.y))")]
        }
        attributes += [("class", "marker \(marker.rawValue)"), ("fill", fill), ("stroke", colour.hex), ("stroke-width", "1.2")]
        svg.element(shape, attributes, title: title)
    }

    private func drawPointLabels(into svg: inout SVGDocument, _ layout: ChartLayout) {
        guard !pointLabels.isEmpty else { return }
        svg.open("g", ["class": "point-labels", "font-size": "10", "stroke": "#ffffff", "stroke-width": "3",
                       "stroke-linejoin": "round", "paint-order": "stroke"])
        // A label that would overprint one already placed is left out: crowded points keep the first.
        var placed: [Rect] = []
        for label in pointLabels {
            let (x, y) = (layout.x.position(label.x), layout.y.position(label.y))
            let box = Rect(x: x + 4, y: y - 15, width: TextMetrics.width(label.text, fontSize: 10) + 2, height: 12)
            guard layout.plot.contains((x, y)), !placed.contains(where: { $0.overlaps(box) }) else { continue }
            placed.append(box)
            svg.element("text", ["x": n(x + 5), "y": n(y - 5), "fill": label.colour.hex], text: label.text)
        }
        svg.close("g")
    }

    private func drawVerticals(into svg: inout SVGDocument, _ layout: ChartLayout) {
        let plot = layout.plot
        for (k, vertical) in verticals.enumerated() {
            let at = layout.x.position(vertical.x)
            guard at >= plot.x - 0.5, at <= plot.maxX + 0.5 else { continue }
            svg.open("g", ["class": "annotation \(vertical.role)", "data-x": String(vertical.x)])
            svg.element("line", ["x1": n(at), "y1": n(plot.y), "x2": n(at), "y2": n(plot.maxY), "stroke": vertical.colour.hex,
                                 "stroke-width": "1.5", "stroke-dasharray": vertical.dash])
            // The label sits beside the line, on the side with room.
            let width = TextMetrics.width(vertical.label, fontSize: 11)
            let leftward = at + 4 + width > plot.maxX
            // Labels step down the plot, so the labels of close lines do not overprint.
            svg.element("text", ["x": n(leftward ? at - 4 : at + 4), "y": n(plot.y + 14 + 14 * Double(k)), "text-anchor": leftward ? "end" : "start",
                                 "font-size": "11", "fill": vertical.colour.hex,
                                 // A white halo keeps the label legible over data.
                                 "stroke": "#ffffff", "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke"],
                        text: vertical.label)
            svg.close("g")
        }
    }

    private func drawXAxis(into svg: inout SVGDocument, _ layout: ChartLayout) {
        let plot = layout.plot
        svg.open("g", ["class": "axis x", "data-label": x.title, "font-size": n(TextMetrics.tickFontSize), "fill": Self.ink.hex])
        for (tick, label) in zip(layout.xTicks.major, layout.xTicks.labels) {
            let at = layout.x.position(tick)
            svg.open("g", ["class": "tick"])
            svg.element("line", ["x1": n(at), "y1": n(plot.maxY), "x2": n(at), "y2": n(plot.maxY + 5), "stroke": Self.ink.hex])
            svg.element("text", ["x": n(at), "y": n(plot.maxY + 18), "text-anchor": "middle"], text: label)
            svg.close("g")
        }
        for tick in layout.xTicks.minor {
            let at = layout.x.position(tick)
            svg.element("line", ["class": "minor-tick", "x1": n(at), "y1": n(plot.maxY), "x2": n(at), "y2": n(plot.maxY + 3), "stroke": Self.ink.hex])
        }
        svg.element("text", ["class": "axis-label", "x": n(plot.x + plot.width / 2), "y": n(plot.maxY + 36),
                             "text-anchor": "middle", "font-size": n(TextMetrics.labelFontSize)], text: x.title)
        svg.close("g")
    }

    private func drawYAxis(_ axis: Axis, scale: AxisScale, ticks: AxisScale.Ticks, side: Series.Side,
                           into svg: inout SVGDocument, plot: Rect) {
        let colour = (axis.colour ?? Self.ink).hex
        let edge = side == .left ? plot.x : plot.maxX, outward = side == .left ? -1.0 : 1.0
        svg.open("g", ["class": side == .left ? "axis y" : "axis y2", "data-label": axis.title,
                       "font-size": n(TextMetrics.tickFontSize), "fill": colour])
        var widest = 0.0
        for (tick, label) in zip(ticks.major, ticks.labels) {
            let at = scale.position(tick)
            svg.open("g", ["class": "tick"])
            svg.element("line", ["x1": n(edge), "y1": n(at), "x2": n(edge + 5 * outward), "y2": n(at), "stroke": colour])
            svg.element("text", ["x": n(edge + 8 * outward), "y": n(at), "dy": "0.35em",
                                 "text-anchor": side == .left ? "end" : "start"], text: label)
            svg.close("g")
            widest = max(widest, TextMetrics.width(label, fontSize: TextMetrics.tickFontSize))
        }
        for tick in ticks.minor {
            let at = scale.position(tick)
            svg.element("line", ["class": "minor-tick", "x1": n(edge), "y1": n(at), "x2": n(edge + 3 * outward), "y2": n(at), "stroke": colour])
        }
        let labelX = edge + outward * (widest + 18), labelY = plot.y + plot.height / 2
        svg.element("text", ["class": "axis-label", "x": n(labelX), "y": n(labelY), "text-anchor": "middle",
                             "font-size": n(TextMetrics.labelFontSize),
                             "transform": "rotate(\(side == .left ? -90 : 90) \(n(labelX)) \(n(labelY)))"], text: axis.title)
        svg.close("g")
    }

    private func draw(_ bar: ColourBar, into svg: inout SVGDocument, at left: Double, plot: Rect, gradientID: String) {
        let x = left + 8, width = 12.0, top = plot.y + 4, height = plot.height - 8
        svg.open("g", ["class": "colour-bar", "data-label": bar.label])
        svg.open("defs")
        svg.open("linearGradient", ["id": gradientID, "x1": "0", "y1": "1", "x2": "0", "y2": "0"])
        for k in 0...8 {
            svg.element("stop", ["offset": SVGDocument.number(Double(k) / 8, decimals: 3), "stop-color": Palette.sequential(Double(k) / 8).hex])
        }
        svg.close("linearGradient")
        svg.close("defs")
        svg.element("rect", ["x": n(x), "y": n(top), "width": n(width), "height": n(height), "fill": "url(#\(gradientID))",
                             "stroke": Self.ink.hex, "stroke-width": "0.5"])
        let scale = AxisScale(kind: .linear, domain: bar.range, from: top + height, to: top)
        // Cycle numbers are whole: a step below one would label 1.5.
        let ticks = scale.ticks(spacing: 45, minimumStep: 1)
        for (tick, label) in zip(ticks.major, ticks.labels) {
            let at = scale.position(tick)
            svg.element("line", ["x1": n(x + width), "y1": n(at), "x2": n(x + width + 4), "y2": n(at), "stroke": Self.ink.hex])
            svg.element("text", ["x": n(x + width + 7), "y": n(at), "dy": "0.35em", "font-size": n(TextMetrics.tickFontSize)], text: label)
        }
        let labelX = x + width + 46, labelY = top + height / 2
        svg.element("text", ["class": "axis-label", "x": n(labelX), "y": n(labelY), "text-anchor": "middle",
                             "transform": "rotate(90 \(n(labelX)) \(n(labelY)))"], text: bar.label)
        svg.close("g")
    }

    private func draw(_ legend: Legend, placement: Legend.Placement, box: Rect, into svg: inout SVGDocument) {
        svg.open("g", ["class": "legend", "data-placement": placement.rawValue, "font-size": n(TextMetrics.tickFontSize)])
        var positions: [(x: Double, y: Double)]
        if placement == .above {
            positions = legend.rows(within: box.width).positions.map { (box.x + $0.x, box.y + (Double($0.row) + 0.5) * Legend.lineHeight) }
        } else {
            svg.element("rect", ["x": n(box.x), "y": n(box.y), "width": n(box.width), "height": n(box.height),
                                 "fill": "#ffffff", "fill-opacity": "0.9", "stroke": "#bbbbbb", "stroke-width": "0.8", "rx": "3"])
            positions = legend.entries.indices.map {
                (box.x + Legend.padding, box.y + Legend.padding + (Double($0) + 0.5) * Legend.lineHeight - 1)
            }
        }
        for (k, entry) in legend.entries.enumerated() {
            let middle = positions[k].y
            var textX = positions[k].x
            if let series = entry.series {
                let a = positions[k].x, b = a + Legend.sampleWidth
                if let width = series.lineWidth {
                    if let dash = series.dash {
                        svg.element("line", ["x1": n(a), "y1": n(middle), "x2": n(b), "y2": n(middle), "stroke": series.colour.hex,
                                             "stroke-width": n(width), "stroke-dasharray": dash])
                    } else {
                        svg.element("line", ["x1": n(a), "y1": n(middle), "x2": n(b), "y2": n(middle), "stroke": series.colour.hex,
                                             "stroke-width": n(width)])
                    }
                }
                if let marker = series.marker {
                    drawMarker(marker, at: ((a + b) / 2, middle), size: series.markerSize, colour: series.colour,
                               filled: series.markerFilled, into: &svg)
                }
                textX = b + 6
            }
            svg.element("text", ["x": n(textX), "y": n(middle), "dy": "0.35em"], text: entry.text)
        }
        svg.close("g")
    }
}
