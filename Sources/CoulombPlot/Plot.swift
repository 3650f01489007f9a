import CoulombCore

/// Figures of Coulomb's results, each a function from core values to the text of one self-contained SVG
/// document (to write to a file, or to embed in an HTML page as it is).
///
/// Every figure has axis titles with units, tick labels in engineering notation (`TickLabels`), a legend
/// or colour bar placed off the data, Okabe–Ito colours for categories and viridis for ordered series
/// (cycles), and lines thinned to what can be seen (`Decimation`). Elements carry classes for styling
/// and checking: `series` groups with `data-series`, `axis x|y|y2` groups with `data-label`, `legend`,
/// `band`, `annotation`, `peak`.
public enum Plot {
    /// Colours for `count` ordered items: distinct Okabe–Ito categories up to eight, else viridis.
    static func colours(_ count: Int) -> [Colour] {
        count <= Palette.categories.count
            ? (0..<count).map(Palette.category)
            : (0..<count).map { Palette.sequential($0, of: count) }
    }

    /// Colours for cycles: viridis from the first (dark) to the last (pale); with more than eight a colour
    /// bar keyed to the cycle number replaces the legend, and the colour follows the number.
    static func cycleColours(_ cycles: [Int]) -> (colours: [Int: Colour], bar: ColourBar?) {
        let distinct = Array(Set(cycles)).sorted()
        guard let first = distinct.first, let last = distinct.last else { return ([:], nil) }
        if distinct.count <= 8 {
            return (Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Palette.sequential($0, of: distinct.count)) }), nil)
        }
        let span = Double(last - first)
        return (Dictionary(uniqueKeysWithValues: distinct.map { ($0, Palette.sequential(Double($0 - first) / span)) }),
                ColourBar(label: "Cycle", range: Double(first)...Double(last)))
    }

    /// A time axis in the unit that keeps its numbers small: hours from two hours, minutes from two
    /// minutes, else seconds; with the divisor from seconds.
    static func timeAxis(span_s: Double) -> (axis: Axis, seconds: Double) {
        if span_s >= 7200 { return (Axis("Time", unit: "h"), 3600) }
        if span_s >= 120 { return (Axis("Time", unit: "min"), 60) }
        return (Axis("Time", unit: "s"), 1)
    }

    /// Shortest text that tells a spectrum apart: its test id (or position) and temperature.
    static func spectrumName(_ spectrum: ImpedanceSpectrum, index: Int) -> String {
        var name = "Spectrum \(spectrum.testID ?? index)"
        if let temperature = spectrum.temperature_C { name += " (\(TickLabels.engineering(temperature)) °C)" }
        return name
    }
}
