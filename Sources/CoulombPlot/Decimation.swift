/// Thins a line in pixel space without changing what it looks like (M4 aggregation, Jugel et al., VLDB 2014).
///
/// Consecutive points that fall in the same pixel column are drawn as a vertical stroke from their
/// lowest to their highest point, joined to the neighbouring columns at their first and last point. So
/// keeping, per run of points in one column, the first, the lowest, the highest and the last (in their
/// original order) draws the same pixels as all of them: every extreme survives, and a line of any length
/// needs at most four points per column it crosses. Columns are half a pixel wide, so the figure stays
/// faithful when enlarged twofold (a high-density screen, or zooming in).
enum Decimation {
    /// The column width in pixels.
    static let columnWidth = 0.5

    /// The kept points of one unbroken run, in pixels (x, y), in order.
    static func decimate(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard points.count > 4 else { return points }
        var kept: [(x: Double, y: Double)] = []
        kept.reserveCapacity(min(points.count, 4096))
        var start = 0
        var column = (points[0].x / columnWidth).rounded(.down)
        func flush(_ run: Range<Int>) {
            var lowest = run.lowerBound, highest = run.lowerBound
            for k in run {
                if points[k].y < points[lowest].y { lowest = k }
                if points[k].y > points[highest].y { highest = k }
            }
            var previous = -1
            for k in [run.lowerBound, min(lowest, highest), max(lowest, highest), run.upperBound - 1] where k != previous {
                kept.append(points[k])
                previous = k
            }
        }
        for k in 1..<points.count {
            let here = (points[k].x / columnWidth).rounded(.down)
            if here != column {
                flush(start..<k)
                start = k
                column = here
            }
        }
        flush(start..<points.count)
        return kept
    }

    /// Markers: one per pixel cell, since markers that share a cell look like one.
    static func thinMarkers(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard points.count > 64 else { return points }
        var seen = Set<Int64>()
        return points.filter { point in
            let cell = Int64(point.x.rounded(.down)) &* 1_000_003 &+ Int64(point.y.rounded(.down))
            return seen.insert(cell).inserted
        }
    }
}
