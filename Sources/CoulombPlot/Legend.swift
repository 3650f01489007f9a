/// The legend of a chart: one entry per named series, then the notes; placed in a plot corner where its
/// box covers no data (top right first), else in rows above the plot, which keeps the plot's width (and
/// the panels of a figure aligned).
struct Legend {
    struct Entry {
        var text: String
        /// The series drawn as the entry's sample; `nil` for a note.
        var series: Series?
    }

    var entries: [Entry]

    static let lineHeight = 16.0
    static let padding = 6.0
    static let sampleWidth = 24.0

    init(_ chart: Chart) {
        var seen = Set<String>()
        entries = chart.series.compactMap { series in
            guard let name = series.name, seen.insert(name).inserted else { return nil }
            return Entry(text: name, series: series)
        } + chart.notes.map { Entry(text: $0, series: nil) }
    }

    var isEmpty: Bool { entries.isEmpty }

    var size: (width: Double, height: Double) {
        let text = entries.map(width(of:))
        return ((text.max() ?? 0) + 2 * Self.padding, Double(entries.count) * Self.lineHeight + 2 * Self.padding - 2)
    }

    enum Placement: String { case topRight = "top-right", topLeft = "top-left", bottomRight = "bottom-right", bottomLeft = "bottom-left", above }

    /// The width of one entry in a row.
    func width(of entry: Entry) -> Double {
        TextMetrics.width(entry.text, fontSize: TextMetrics.tickFontSize) + (entry.series == nil ? 0 : Self.sampleWidth + 6)
    }

    /// Entries side by side above the plot, wrapping into rows of at most `width`: each entry's offset
    /// from the row start and its row, and the number of rows.
    func rows(within width: Double) -> (positions: [(x: Double, row: Int)], count: Int) {
        var positions: [(x: Double, row: Int)] = []
        var x = 0.0, row = 0
        for entry in entries {
            let needed = self.width(of: entry)
            if x > 0, x + needed > width {
                x = 0
                row += 1
            }
            positions.append((x, row))
            x += needed + 18
        }
        return (positions, row + 1)
    }

    /// The corner whose box meets the fewest line segments and markers (top right first among equals),
    /// or `nil` when every corner covers some data.
    func corner(in layout: ChartLayout, series: [Series], verticals: [Double]) -> (Placement, Rect)? {
        let (width, height) = size
        let plot = layout.plot, inset = 6.0
        guard width + 2 * inset < plot.width, height + 2 * inset < plot.height else { return nil }
        let candidates: [(Placement, Rect)] = [
            (.topRight, Rect(x: plot.maxX - width - inset, y: plot.y + inset, width: width, height: height)),
            (.topLeft, Rect(x: plot.x + inset, y: plot.y + inset, width: width, height: height)),
            (.bottomRight, Rect(x: plot.maxX - width - inset, y: plot.maxY - height - inset, width: width, height: height)),
            (.bottomLeft, Rect(x: plot.x + inset, y: plot.maxY - height - inset, width: width, height: height)),
        ]
        let scored = candidates.map { placement, box -> (Placement, Rect, Int) in
            // A little room around the box, so the legend does not touch a line either.
            let margin = Rect(x: box.x - 3, y: box.y - 3, width: box.width + 6, height: box.height + 6)
            var covered = 0
            for (k, runs) in layout.runs.enumerated() {
                for run in runs {
                    if series[k].lineWidth == nil || run.count == 1 {
                        covered += run.filter { margin.contains($0) }.count
                    } else {
                        for (a, b) in zip(run, run.dropFirst()) where margin.intersects(a, b) { covered += 1 }
                    }
                }
            }
            covered += verticals.filter { $0 >= margin.x && $0 <= margin.maxX }.count
            return (placement, box, covered)
        }
        let best = scored.min { $0.2 < $1.2 }!
        return best.2 == 0 ? (best.0, best.1) : nil
    }
}
