@testable import CoulombPlot
import TestFixtures
import Testing

@Suite struct TickTests {
    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(AxisScale.niceStep(0.13) == 0.2)
        #expect(AxisScale.niceStep(3.1) == 5)
        #expect(AxisScale.niceStep(7) == 10)
        #expect(AxisScale.niceStep(2000) == 2000)
        #expect(abs(AxisScale.niceStep(0.00041) - 0.0005) < 1e-18)
    }

    @Test func linearLabelsShareOnePrefix() {
        #expect(TickLabels.linear([0, 5000, 10000, 15000], step: 5000) == ["0", "5k", "10k", "15k"])
        #expect(TickLabels.linear([0, 2e-4, 4e-4, 6e-4], step: 2e-4) == ["0", "200µ", "400µ", "600µ"])
        #expect(TickLabels.linear([-0.002, -0.001, 0, 0.001], step: 0.001) == ["−2m", "−1m", "0", "1m"])
        #expect(TickLabels.linear([-0.02, -0.01, 0, 0.01], step: 0.01) == ["−0.02", "−0.01", "0", "0.01"])
        // Within [0.01, 10 000) numbers stay plain, with the decimals the step needs.
        #expect(TickLabels.linear([0, 0.05, 0.1, 0.15], step: 0.05) == ["0", "0.05", "0.10", "0.15"])
        #expect(TickLabels.linear([0, 500, 1000, 1500], step: 500) == ["0", "500", "1000", "1500"])
        // Multiples of a step are not exact in binary; the labels are.
        #expect(TickLabels.linear([3 * 0.1, 6 * 0.1], step: 0.1) == ["0.3", "0.6"])
        #expect(TickLabels.linear([2e6, 4e6], step: 2e6) == ["2M", "4M"])
    }

    @Test func engineeringNotationOfSingleValues() {
        #expect(TickLabels.engineering(1500) == "1.5k")
        #expect(TickLabels.engineering(0.02) == "20m")
        #expect(TickLabels.engineering(3e-6) == "3µ")
        #expect(TickLabels.engineering(999.9999999) == "1k")
        #expect(TickLabels.engineering(999.4) == "999")
        #expect(TickLabels.engineering(1000) == "1k")
        #expect(TickLabels.engineering(-4.7e-9) == "−4.7n")
        #expect(TickLabels.engineering(0.1) == "100m")
        #expect(TickLabels.engineering(1e15) == "1e15")
    }

    @Test func logarithmicAxesTickDecades() {
        let scale = AxisScale(kind: .logarithmic, domain: 0.08...2e5, from: 0, to: 600)
        let ticks = scale.ticks(spacing: 90)
        #expect(ticks.labels == ["100m", "1", "10", "100", "1k", "10k", "100k"])
        // Minor ticks at 2…9 × each decade, none on a decade.
        #expect(ticks.minor.contains { abs($0 - 300) < 1e-9 })
        #expect(!ticks.minor.contains { abs($0 - 100) < 1e-9 })
        // Equal decades are equally long.
        let d1 = scale.position(10) - scale.position(1), d2 = scale.position(1e4) - scale.position(1e3)
        #expect(abs(d1 - d2) < 1e-9)
    }

    @Test func aShortLogarithmicRangeGetsOneTwoFiveOrEvenTicks() {
        let short = AxisScale(kind: .logarithmic, domain: 15...700, from: 0, to: 300).ticks(spacing: 55)
        #expect(short.labels == ["20", "50", "100", "200", "500"])
        let narrow = AxisScale(kind: .logarithmic, domain: 21...58, from: 0, to: 300).ticks(spacing: 55)
        let values = narrow.labels.map { SVGFigure.value($0)! }
        #expect(values.count >= 3)
        #expect(Set(zip(values.dropFirst(), values).map { $0 - $1 }).count == 1)
    }

    @Test func linearTicksCoverTheDomainAtRoughlyTheRequestedSpacing() {
        let scale = AxisScale(kind: .linear, domain: -0.013...0.917, from: 400, to: 0)
        let ticks = scale.ticks(spacing: 55)
        #expect(ticks.labels == ["0", "0.2", "0.4", "0.6", "0.8"])
        #expect(scale.position(0) > scale.position(0.8))  // y grows downward in SVG
    }
}
