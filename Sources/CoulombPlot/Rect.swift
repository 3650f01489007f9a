/// A rectangle in pixels, y growing downward as in SVG.
struct Rect: Equatable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    func contains(_ point: (x: Double, y: Double)) -> Bool {
        point.x >= x && point.x <= maxX && point.y >= y && point.y <= maxY
    }

    func overlaps(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Whether the segment from `a` to `b` touches the rectangle (Liang–Barsky clipping).
    func intersects(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - x), (dx, maxX - a.x), (-dy, a.y - y), (dy, maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let r = q / p
                if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
                if t0 > t1 { return false }
            }
        }
        return true
    }
}

/// Text sizes for layout. SVG viewers measure text only when drawing, so widths are estimated: 0.6 em
/// per character is the advance of digits in Helvetica/Arial and a safe bound for most letters.
enum TextMetrics {
    static let tickFontSize = 11.0
    static let labelFontSize = 12.0

    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * 0.6 * fontSize
    }
}
