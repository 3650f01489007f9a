@testable import CoulombPlot
import TestFixtures
import Testing

@Suite struct LegendTests {
    func figure(_ x: [Double], _ y: [Double]) throws -> SVGFigure {
        var chart = Chart(x: Axis("x"), y: Axis("y"))
        chart.series = [Series(role: "data", key: "a", name: "Series A", x: x, y: y, colour: Palette.category(0)),
                        Series(role: "data", key: "b", name: "Series B", x: x, y: y.map { $0 * 0.9 }, colour: Palette.category(1))]
        return try SVGFigure(Figure(title: "t", panels: [chart]).svg())
    }

    /// A curve rising to the top right leaves the top left empty: the legend goes there, and its box
    /// meets no data point.
    @Test func legendTakesAnEmptyCorner() throws {
        let x = (0...100).map { Double($0) }
        let figure = try figure(x, x.map { $0 * $0 })
        let legend = figure.root.elements(classed: "legend")[0]
        #expect(legend.attributes["data-placement"] == "top-left")
        let box = legend.elements(named: "rect")[0]
        let (left, top) = (box.number("x")!, box.number("y")!)
        let (right, bottom) = (left + box.number("width")!, top + box.number("height")!)
        for line in figure.series("data").flatMap({ $0.elements(named: "polyline") }) {
            #expect(!line.points.contains { $0.x >= left && $0.x <= right && $0.y >= top && $0.y <= bottom })
        }
    }

    /// Data in every corner: the legend moves above the plot, which keeps its full width.
    @Test func legendGoesAboveWhenEveryCornerHoldsData() throws {
        let x = (0...400).map { Double($0) / 4 }
        let figure = try figure(x, x.map { $0.truncatingRemainder(dividingBy: 10) < 5 ? 0 : 1 })
        let legend = figure.root.elements(classed: "legend")[0]
        #expect(legend.attributes["data-placement"] == "above")
        let plot = figure.root.elements(classed: "plot-area")[0]
        let legendTexts = legend.elements(named: "text")
        #expect(legendTexts.map(\.text) == ["Series A", "Series B"])
        #expect(legendTexts.allSatisfy { $0.number("y")! < plot.number("y")! })
    }
}
