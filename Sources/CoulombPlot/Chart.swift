/// One plot panel: axes, data series and annotations, drawn by ``Figure``.
struct Chart {
    var x: Axis
    var y: Axis
    /// A second y axis on the right, for series with `side == .right`.
    var y2: Axis?
    var series: [Series] = []
    /// Shaded spans of x behind the data (current-density levels), labelled in a strip above the plot.
    var bands: [Band] = []
    /// What the band labels are, shown at the left of their strip.
    var bandCaption: String?
    /// Vertical lines with a label (an onset, an event).
    var verticals: [Vertical] = []
    /// Small labels beside data points (frequency decades on a Nyquist arc), on the left y axis.
    var pointLabels: [PointLabel] = []
    /// Lines of text shown in the legend under the series (a fit result).
    var notes: [String] = []
    /// A sequential colour key instead of one legend entry per series (many cycles).
    var colourBar: ColourBar?
    /// One data unit is as long on x as on y, with the same tick step (Nyquist plots).
    var equalScaling = false

    init(x: Axis, y: Axis, y2: Axis? = nil) {
        (self.x, self.y, self.y2) = (x, y, y2)
    }
}

/// What an axis shows: its quantity and unit, its scale and range.
struct Axis {
    var label: String
    var unit: String?
    var kind: AxisScale.Kind = .linear
    /// A fixed range, else the data's with a margin.
    var range: ClosedRange<Double>?
    /// Extend the data range to zero (capacities, overpotentials).
    var includesZero = false
    /// Label and tick labels in this colour, to tie a second axis to its series.
    var colour: Colour?
    /// Ticks only at whole numbers (cycle numbers).
    var wholeNumbers = false

    init(_ label: String, unit: String? = nil, kind: AxisScale.Kind = .linear, includesZero: Bool = false) {
        (self.label, self.unit, self.kind, self.includesZero) = (label, unit, kind, includesZero)
    }

    /// "Voltage (V)".
    var title: String { unit.map { "\(label) (\($0))" } ?? label }
}

/// One data series: a line, markers, or both. NaN in x or y breaks the line.
struct Series {
    enum Side { case left, right }
    enum Marker: String { case circle, square, triangle, diamond }

    /// The legend entry; `nil` keeps it out of the legend.
    var name: String?
    /// What the series is (`data`, `fit`, `peak`, `cycle` …): the SVG class, for styling and tests.
    var role: String
    /// Which one it is (`cycle 3`, `spectrum 0`): the SVG `data-series` attribute.
    var key: String
    var x: [Double]
    var y: [Double]
    var colour: Colour
    /// `nil`: markers only.
    var lineWidth: Double? = 1.5
    var dash: String?
    var marker: Marker?
    var markerSize = 6.0
    var markerFilled = true
    var side: Side = .left
    /// A tooltip per point (`<title>`), for markers.
    var pointTitles: [String]?

    init(role: String, key: String, name: String? = nil, x: [Double], y: [Double], colour: Colour) {
        (self.role, self.key, self.name, self.x, self.y, self.colour) = (role, key, name, x, y, colour)
    }
}

/// A shaded span of x with a label at its top.
struct Band {
    var from: Double
    var to: Double
    var label: String?
    var shade: Colour
}

/// A vertical line across the plot with a label.
struct Vertical {
    var x: Double
    var label: String
    var role: String
    var colour: Colour
    var dash = "6 3"
}

/// A sequential colour scale keyed to a quantity (the cycle number).
struct ColourBar {
    var label: String
    var range: ClosedRange<Double>
}

/// A short text beside a data point.
struct PointLabel {
    var x: Double
    var y: Double
    var text: String
    var colour: Colour
}
