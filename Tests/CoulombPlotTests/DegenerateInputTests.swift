import ComplexModule
import CoulombCore
@testable import CoulombPlot
import TestFixtures
import Testing

/// Odd inputs still give a well-formed figure with sensible axes, never a crash.
@Suite struct DegenerateInputTests {
    @Test func noCurvesAtAll() throws {
        let figure = try SVGFigure(Plot.differential([]))
        #expect(figure.series("cycle").isEmpty)
        #expect(figure.ticks("x").count >= 2)
    }

    @Test func aSingleSampleRecord() throws {
        let data = try CyclingData(time_s: [0], voltage_V: [3.7], current_A: [0])
        let figure = try SVGFigure(Plot.voltageTime(data))
        // A constant is shown in a ±10 % band around itself.
        let volts = figure.ticks("y").map { SVGFigure.value($0.label)! }
        #expect(volts.min()! >= 3.3 && volts.max()! <= 4.1 && volts.count >= 3)
    }

    @Test func aOnePointSpectrum() throws {
        let spectrum = try ImpedanceSpectrum(frequency_Hz: [1000], impedance_ohm: [Complex(12, -3)])
        _ = try SVGFigure(Plot.nyquist([spectrum]))
        _ = try SVGFigure(Plot.bode([spectrum]))
    }

    @Test func nonFiniteAndHugeValuesAreLeftOut() throws {
        var chart = Chart(x: Axis("x"), y: Axis("y", kind: .logarithmic))
        chart.series = [Series(role: "data", key: "a", x: [0, 1, 2, 3, 4, 5], y: [1, .nan, -5, .infinity, 1e308, 100], colour: Palette.category(0))]
        let figure = try SVGFigure(Figure(title: "t", panels: [chart]).svg())
        // −5 and 0 have no place on a log axis, NaN and ∞ none anywhere: the line breaks there.
        let lines = figure.series("data")[0].elements(named: "polyline")
        #expect(lines.count == 1)
        #expect(lines[0].points.count == 2)  // 1e308 (drawn far off the plot, clipped) and 100
        #expect(figure.ticks("y").map(\.label).contains("100"))
    }
}
