import CoulombCore
@testable import CoulombPlot
import RealModule
import TestFixtures
import Testing

@Suite struct DecimationTests {
    /// A million samples of a noisy sine with one spike up and one dip down: the file stays small and
    /// both single-sample extremes are drawn.
    @Test func aMillionPointsMakeASmallFileThatKeepsTheExtremes() throws {
        let count = 1_000_000
        var voltage = [Double](repeating: 0, count: count)
        for k in 0..<count {
            let t = Double(k)
            voltage[k] = 3.5 + 0.3 * Double.sin(t / 20_000) + 0.01 * Double.sin(t * 1.7)
        }
        voltage[500_000] = 5.0
        voltage[700_001] = 1.0
        let data = try CyclingData(time_s: (0..<count).map(Double.init), voltage_V: voltage,
                                   current_A: Array(repeating: 0.001, count: count))
        let svg = Plot.voltageTime(data, showCurrent: false)
        #expect(svg.utf8.count < 150_000, "\(svg.utf8.count) bytes")
        let figure = try SVGFigure(svg)
        let lines = figure.series("voltage")[0].elements(named: "polyline")
        let points = lines.flatMap(\.points)
        // At most four points per half-pixel column of a plot under 760 px wide.
        #expect(points.count <= 4 * 2 * 760)
        let drawn = points.map { figure.value(at: $0.y, on: "y") }
        // Tick positions carry 0.1 px: the inverse is good to a few mV on a 4 V axis.
        #expect(abs(drawn.max()! - 5.0) < 0.01)
        #expect(abs(drawn.min()! - 1.0) < 0.01)
        // Coordinates have at most one decimal.
        #expect(lines[0].attributes["points"]!.split(whereSeparator: { $0 == " " || $0 == "," })
            .allSatisfy { !$0.contains(".") || $0.split(separator: ".")[1].count <= 1 })
    }

    @Test func eachColumnKeepsFirstLowestHighestAndLastInOrder() {
        // Ten points in one column, then one in the next.
        let ys: [Double] = [5, 9, 1, 4, 7, 3, 8, 2, 6, 5.5]
        var points = ys.enumerated().map { (x: 0.1 + 0.03 * Double($0.offset), y: $0.element) }
        points.append((x: 0.9, y: 0))
        let kept = Decimation.decimate(points)
        #expect(kept.map(\.y) == [5, 9, 1, 5.5, 0])
    }

    @Test func shortRunsAreKeptWhole() {
        let points = [(x: 0.0, y: 1.0), (x: 0.1, y: 2.0), (x: 0.2, y: 0.0)]
        #expect(Decimation.decimate(points).map(\.y) == [1, 2, 0])
    }
}
