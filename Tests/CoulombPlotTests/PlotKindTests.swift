import ComplexModule
import CoulombCore
import CoulombPlot
import RealModule
import TestFixtures
import Testing

/// Each figure kind, drawn from core results on synthetic records, parsed back as XML.
@Suite struct PlotKindTests {
    /// An anode half cell: per cycle 1 h of lithiation at −1 mA (voltage falling through a plateau at
    /// 0.2 V, V − 0.2 V ∝ −(q − ½)³), a 10 min rest, 1 h of delithiation at +1 mA (a plateau at 0.45 V), a
    /// rest; 10 s samples. Each half-cycle's dQ/dV has one peak, at its plateau.
    static func halfCell(cycles: Int) throws -> CyclingData {
        var t: [Double] = [], v: [Double] = [], i: [Double] = []
        var clock = 0.0
        func segment(_ seconds: Double, current: Double, _ voltage: (Double) -> Double) {
            for k in 0..<Int(seconds / 10) {
                t.append(clock)
                v.append(voltage(Double(k) * 10 / seconds))
                i.append(current)
                clock += 10
            }
        }
        for _ in 0..<cycles {
            segment(3600, current: -0.001) { 0.2 - 0.8 * Double.pow($0 - 0.5, 3) - 0.02 * ($0 - 0.5) }
            segment(600, current: 0) { _ in 0.1 }
            segment(3600, current: 0.001) { 0.45 + 0.8 * Double.pow($0 - 0.5, 3) + 0.02 * ($0 - 0.5) }
            segment(600, current: 0) { _ in 0.55 }
        }
        return try CyclingData(time_s: t, voltage_V: v, current_A: i)
    }

    static let anode = CycleConvention.Choice(convention: .anode, forwardDirection: .discharge, reason: "test")

    func axisTitles(_ figure: SVGFigure, panel: Int = 0) -> [String: String] {
        var titles: [String: String] = [:]
        for kind in ["x", "y", "y2"] {
            titles[kind] = figure.axis(kind, panel: panel)?.attributes["data-label"]
        }
        return titles
    }

    /// Tick labels read back as evenly spaced numbers at evenly spaced positions.
    func checkEvenTicks(_ ticks: [(label: String, position: Double)], _ context: String) {
        let values = ticks.map { SVGFigure.value($0.label) }
        #expect(values.allSatisfy { $0 != nil }, "\(context): \(ticks.map(\.label))")
        let numbers = values.compactMap { $0 }
        #expect(numbers.count >= 3, "\(context): \(ticks.map(\.label))")
        let steps = zip(numbers.dropFirst(), numbers).map { $0 - $1 }
        let gaps = zip(ticks.dropFirst(), ticks).map { $0.position - $1.position }
        #expect(steps.allSatisfy { abs($0 - steps[0]) <= 1e-9 * abs(steps[0]) }, "\(context): \(numbers)")
        #expect(gaps.allSatisfy { abs($0 - gaps[0]) <= 0.15 }, "\(context): \(gaps)")
        // A 1-2-5 step: mantissa 1, 2 or 5.
        let mantissa = abs(steps[0]) / Double.pow(10, Double.log10(abs(steps[0])).rounded(.down))
        #expect([1.0, 2, 5].contains { abs(mantissa - $0) < 1e-6 }, "\(context): step \(steps[0])")
        #expect(ticks.allSatisfy { $0.label.count <= 6 }, "\(context): \(ticks.map(\.label))")
    }

    @Test func voltageAgainstTimeInHoursWithTheCurrent() throws {
        let data = try Self.halfCell(cycles: 3)
        let figure = try SVGFigure(Plot.voltageTime(data))
        #expect(axisTitles(figure) == ["x": "Time (h)", "y": "Voltage (V)", "y2": "Current (mA)"])
        #expect(figure.series("voltage").count == 1)
        #expect(figure.series("current").count == 1)
        checkEvenTicks(figure.ticks("x"), "time")
        checkEvenTicks(figure.ticks("y"), "voltage")
        checkEvenTicks(figure.ticks("y2"), "current")
        // 4 × 7200 s of record: the last tick is at most 14 h.
        #expect(SVGFigure.value(figure.ticks("x").last!.label)! <= 14)
    }

    @Test func voltageAgainstCapacityHasOneSeriesPerCycle() throws {
        let data = try Self.halfCell(cycles: 4)
        let curves = try VoltageCapacityCurve.all(data, convention: Self.anode, cycles: [1, 2, 4])
        let figure = try SVGFigure(Plot.voltageCapacity(curves, activeMass_g: 0.001))
        #expect(axisTitles(figure) == ["x": "Capacity (mAh g⁻¹)", "y": "Voltage (V)"])
        let cycles = figure.series("cycle")
        #expect(cycles.map { $0.attributes["data-series"]! } == ["cycle 1", "cycle 2", "cycle 4"])
        // Lithiation and delithiation: two lines per cycle, in one colour.
        #expect(cycles.allSatisfy { $0.elements(named: "polyline").count == 2 })
        #expect(cycles.allSatisfy { Set($0.elements(named: "polyline").map { $0.attributes["stroke"]! }).count == 1 })
        #expect(Set(cycles.map { $0.elements(named: "polyline")[0].attributes["stroke"]! }).count == 3)
        #expect(figure.root.elements(classed: "legend")[0].elements(named: "text").map(\.text) == ["Cycle 1", "Cycle 2", "Cycle 4"])
        // 1 mAh per half-cycle over 1 mg: the capacity axis reaches 1000 mAh/g.
        let capacity = figure.ticks("x").map { SVGFigure.value($0.label)! }
        #expect(capacity.first == 0 && capacity.last! >= 800 && capacity.last! <= 1000)
        checkEvenTicks(figure.ticks("x"), "capacity")
    }

    @Test func manyCyclesGetAColourBarInsteadOfALegend() throws {
        let data = try Self.halfCell(cycles: 12)
        let curves = try VoltageCapacityCurve.all(data, convention: Self.anode)
        let figure = try SVGFigure(Plot.voltageCapacity(curves))
        #expect(figure.series("cycle").count == 12)
        #expect(figure.root.elements(classed: "legend").isEmpty)
        let bar = figure.root.elements(classed: "colour-bar")
        #expect(bar.count == 1)
        let labels = bar[0].elements(named: "text").map(\.text)
        #expect(labels.last == "Cycle")
        #expect(labels.dropLast().allSatisfy { Int($0) != nil })  // whole cycle numbers only
    }

    @Test func capacityAndEfficiencyOnTwoAxes() throws {
        let data = try Self.halfCell(cycles: 5)
        let table = try CycleTable(data, convention: Self.anode)
        let figure = try SVGFigure(Plot.capacityEfficiency(table))
        #expect(axisTitles(figure) == ["x": "Cycle", "y": "Capacity (mAh)", "y2": "Coulombic efficiency (%)"])
        #expect(figure.series("capacity").map { $0.attributes["data-series"]! } == ["charge", "discharge"])
        #expect(figure.series("efficiency").count == 1)
        // One marker per cycle and series.
        #expect(figure.series("capacity").allSatisfy { $0.elements(classed: "marker").count == 5 })
        #expect(figure.series("efficiency")[0].elements(classed: "marker").count == table.rows.compactMap(\.coulombicEfficiency).count)
        // Whole cycle numbers only.
        #expect(figure.ticks("x").allSatisfy { Int($0.label) != nil })
        let legend = figure.root.elements(classed: "legend")[0].elements(named: "text").map(\.text)
        #expect(legend.contains("CE = charge / discharge"))
    }

    @Test func differentialCurvesWithTheirPeaksMarked() throws {
        let data = try Self.halfCell(cycles: 3)
        let result = try DifferentialAnalysis().curves(.incrementalCapacity, of: data, convention: Self.anode, cycles: [1, 3])
        let finder = PeakFinder(minimumProminence: 0.1)
        let figure = try SVGFigure(Plot.differential(result.curves, peaks: finder))
        #expect(axisTitles(figure) == ["x": "Voltage (V)", "y": "dQ/dV (mAh V⁻¹)"])
        #expect(figure.series("cycle").count == 2)
        let expected = result.curves.map { finder.peaks($0.derivativeGrid).count }.reduce(0, +)
        #expect(expected == 4)
        let markers = figure.series("peak")[0].elements(classed: "marker")
        #expect(markers.count == expected)
        // Each marker says where its peak is.
        #expect(markers.allSatisfy { $0.elements(named: "title").first?.text.contains(" V, ") == true })
        checkEvenTicks(figure.ticks("y"), "dQ/dV")
    }

    /// Z = R0 + R1/(1 + jωR1C), in closed form, at 10 points per decade from 100 kHz to 0.1 Hz.
    static func spectrum(_ r0: Double, _ r1: Double, _ c: Double, id: Int) throws -> ImpedanceSpectrum {
        let f = (0...60).map { Double.pow(10, 5 - Double($0) / 10) }
        let z = f.map { frequency -> Complex<Double> in
            let denominator = Complex<Double>(1, 2 * Double.pi * frequency * r1 * c)
            return Complex<Double>(r0, 0) + Complex<Double>(r1, 0) / denominator
        }
        return try ImpedanceSpectrum(frequency_Hz: f, impedance_ohm: z, testID: id)
    }

    @Test func nyquistHasEqualAxesAndOneFitPerSpectrum() throws {
        let spectra = [try Self.spectrum(20, 100, 1e-6, id: 0), try Self.spectrum(25, 300, 2e-6, id: 1)]
        let circuit = try CircuitParser.parse("R0-p(R1,C1)")
        let fits = try spectra.map { try ImpedanceFitter().fit(circuit, to: $0) }
        let figure = try SVGFigure(Plot.nyquist(spectra, circuit: circuit, fits: fits))
        #expect(axisTitles(figure) == ["x": "Z′ (Ω)", "y": "−Z″ (Ω)"])
        #expect(figure.series("measured").count == 2)
        #expect(figure.series("fit").count == 2)
        #expect(figure.series("measured")[0].elements(classed: "marker").count == 61)
        // One ohm is as long across as up, and both axes step alike.
        let x = figure.ticks("x"), y = figure.ticks("y")
        checkEvenTicks(x, "Z′")
        checkEvenTicks(y, "−Z″")
        let xStep = SVGFigure.value(x[1].label)! - SVGFigure.value(x[0].label)!
        let yStep = SVGFigure.value(y[1].label)! - SVGFigure.value(y[0].label)!
        #expect(xStep == yStep)
        let xScale = (x[1].position - x[0].position) / xStep, yScale = (y[0].position - y[1].position) / yStep
        #expect(abs(xScale / yScale - 1) < 0.01)
        // Decades are labelled at the points measured there (10⁵ … 10⁻¹ Hz, every tenth point), without overprinting.
        let labels = figure.root.elements(classed: "point-labels")[0].elements(named: "text")
        #expect(labels.count >= 5)
        #expect(Set(labels.map(\.text)).isSubset(of: ["100kHz", "10kHz", "1kHz", "100Hz", "10Hz", "1Hz", "100mHz"]))
        let boxes = labels.map { ($0.number("x")!, $0.number("y")!, 6.0 * Double($0.text.count)) }
        for (k, a) in boxes.enumerated() {
            for b in boxes[(k + 1)...] {
                #expect(abs(a.1 - b.1) >= 12 || a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0, "labels at \(a) and \(b) overlap")
            }
        }
        // −Z″ is up: the top of the arc (−Z″ = R1/2 = 150 Ω) is above its ends.
        let points = figure.series("fit")[1].elements(named: "polyline")[0].points
        #expect(points.map(\.y).min()! < points.first!.y - 100)
    }

    @Test func bodeHasMagnitudeAndPhasePanelsOnLogFrequency() throws {
        let spectra = [try Self.spectrum(20, 100, 1e-6, id: 0)]
        let circuit = try CircuitParser.parse("R0-p(R1,C1)")
        let fits = [try ImpedanceFitter().fit(circuit, to: spectra[0])]
        let figure = try SVGFigure(Plot.bode(spectra, circuit: circuit, fits: fits))
        #expect(figure.panels.count == 2)
        #expect(axisTitles(figure, panel: 0) == ["x": "Frequency (Hz)", "y": "|Z| (Ω)"])
        #expect(axisTitles(figure, panel: 1) == ["x": "Frequency (Hz)", "y": "−Phase (°)"])
        #expect(figure.ticks("x", panel: 1).map(\.label) == ["100m", "1", "10", "100", "1k", "10k", "100k"])
        #expect(figure.series("measured", panel: 1).count == 1)
        #expect(figure.series("fit", panel: 1).count == 1)
        // The panels' plots line up.
        let plots = figure.root.elements(classed: "plot-area")
        #expect(plots[0].number("x") == plots[1].number("x") && plots[0].number("width") == plots[1].number("width"))
    }
}

extension PlotKindTests {
    /// σT = A·exp(−Eₐ/k_BT) with Eₐ = 0.35 eV at five temperatures: the points lie on the line, which
    /// falls to the right, and the legend states Eₐ.
    @Test func arrheniusPointsLieOnTheFitLine() throws {
        let temperatures = [-20.0, 0, 25, 50, 80]
        let sigma = temperatures.map { t -> Double in
            let kelvin = t + 273.15
            return 1e3 * Double.exp(-0.35 / (ArrheniusFit.boltzmann_eV_K * kelvin)) / kelvin
        }
        let fit = try ArrheniusFit(temperature_C: temperatures, values: sigma, areConductivities: true)
        let figure = try SVGFigure(Plot.arrhenius(temperature_C: temperatures, values: sigma, areConductivities: true,
                                                  fit: fit, name: "σ"))
        #expect(axisTitles(figure) == ["x": "1000/T (K⁻¹)", "y": "ln(σT / S cm⁻¹ K)"])
        let markers = figure.series("measured")[0].elements(classed: "marker")
        #expect(markers.count == 5)
        let line = figure.series("fit")[0].elements(named: "polyline")[0].points
        #expect(line.count == 2)
        #expect(line[0].x < line[1].x && line[0].y < line[1].y)  // ln(σT) falls as 1000/T grows (y down in SVG)
        for marker in markers {
            let (cx, cy) = (marker.number("cx")!, marker.number("cy")!)
            let onLine = line[0].y + (cx - line[0].x) / (line[1].x - line[0].x) * (line[1].y - line[0].y)
            #expect(abs(cy - onLine) < 0.2)
        }
        let legend = figure.root.elements(classed: "legend")[0].elements(named: "text").map(\.text)
        #expect(legend.contains("Eₐ = 0.350 ± 0.000 eV"))
        checkEvenTicks(figure.ticks("x"), "1000/T")
    }
}
