/// A finished figure: a title and one or more charts stacked vertically (sharing the width), as SVG.
struct Figure {
    var title: String
    /// A second line under the title (the file and cell, a convention).
    var subtitle: String?
    var panels: [Chart]
    var width = 760.0
    /// The height of each panel.
    var panelHeight = 460.0

    init(title: String, subtitle: String? = nil, panels: [Chart], panelHeight: Double = 460) {
        (self.title, self.subtitle, self.panels, self.panelHeight) = (title, subtitle, panels, panelHeight)
    }

    func svg() -> String {
        let header = subtitle == nil ? 34.0 : 52.0
        var document = SVGDocument(width: width, height: header + panelHeight * Double(panels.count))
        document.element("text", ["class": "title", "x": "16", "y": "24", "font-size": "15", "font-weight": "bold",
                                  "fill": Chart.ink.hex], text: title)
        if let subtitle {
            document.element("text", ["class": "subtitle", "x": "16", "y": "42", "font-size": "11", "fill": "#555555"], text: subtitle)
        }
        let frames = panels.indices.map { Rect(x: 8, y: header + panelHeight * Double($0), width: width - 16, height: panelHeight) }
        // Stacked panels share their x axis: their plots start at the same x.
        let left = panels.count < 2 ? 0 : zip(panels, frames).map { $0.layout(in: $1, pixels: false).plot.x - $1.x }.max() ?? 0
        for (k, panel) in panels.enumerated() {
            document.open("g", ["class": "panel", "data-panel": String(k)])
            panel.draw(into: &document, frame: frames[k], index: k, minimumLeft: panels.count > 1 ? left : 0)
            document.close("g")
        }
        return document.render(title: subtitle.map { "\(title) — \($0)" } ?? title)
    }
}
