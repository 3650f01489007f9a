import Foundation
import TestFixtures
import Testing

/// `coulomb plot KIND`, run as a process on the committed fixtures; each figure is parsed back as XML and
/// checked against the fixtures' independent reference values (numpy, cellpy, the simulators' truth).
@Suite struct PlotCommandTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-plot-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Runs `coulomb plot ARGS -o NAME.svg` and parses what it wrote.
    func plot(_ arguments: [String], name: String = #function) throws -> SVGFigure {
        let output = directory.appendingPathComponent(name.filter { $0.isLetter } + ".svg").path
        let result = try Coulomb.run(["plot"] + arguments + ["-o", output, "--force"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote \(output)\n")
        let figure = try SVGFigure(String(contentsOfFile: output, encoding: .utf8))
        checkLegibility(figure)
        return figure
    }

    /// What every figure must do: a legend inside the plot covers no data point, and x tick labels do not
    /// run into each other (11 px text, at most 0.6 em per character).
    func checkLegibility(_ figure: SVGFigure) {
        for (k, panel) in figure.panels.enumerated() {
            if let legend = panel.elements(classed: "legend").first, legend.attributes["data-placement"] != "above",
               let box = legend.elements(named: "rect").first {
                let (left, top) = (box.number("x")!, box.number("y")!)
                let (right, bottom) = (left + box.number("width")!, top + box.number("height")!)
                let points = panel.elements(classed: "series").flatMap { series in
                    series.elements(named: "polyline").flatMap(\.points)
                        + series.elements(named: "circle").map { ($0.number("cx")!, $0.number("cy")!) }
                }
                let covered = points.filter { $0.x >= left && $0.x <= right && $0.y >= top && $0.y <= bottom }
                #expect(covered.isEmpty, "panel \(k): the legend covers \(covered.count) points")
            }
            let ticks = figure.ticks("x", panel: k)
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                let room = 0.6 * 11 * Double(a.label.count + b.label.count) / 2
                #expect(b.position - a.position > room + 4, "panel \(k): x labels \(a.label) and \(b.label) overlap")
            }
        }
    }

    /// Si half cell, 0.3 mg (numpy: lithiation 1.0, 0.9, 0.88 mAh): each cycle's curve reaches its capacity
    /// in mAh/g.
    @Test func voltageCapacityOfChosenCycles() throws {
        let figure = try plot(["voltage-capacity", "Fixtures/hdf5_columns/si_half_cell.h5", "--cycles", "1,3"])
        #expect(figure.axis("x")?.attributes["data-label"] == "Capacity (mAh g⁻¹)")
        #expect(figure.axis("y")?.attributes["data-label"] == "Voltage (V)")
        let cycles = figure.series("cycle")
        #expect(cycles.map { $0.attributes["data-series"]! } == ["cycle 1", "cycle 3"])
        let capacity = { figure.value(at: $0, on: "x") }
        let reference = Fixture.expected["hdf5_columns/si_half_cell.h5"]!["cycles"] as! [[String: Any]]
        for (series, cycle) in zip(cycles, [0, 2]) {
            let lines = series.elements(named: "polyline")
            #expect(lines.count == 2)
            let ends = lines.map { capacity($0.points.map(\.x).max()!) }
            let lithiation = (reference[cycle]["discharge_capacity_mAh"] as! NSNumber).doubleValue / 0.0003
            let delithiation = (reference[cycle]["charge_capacity_mAh"] as! NSNumber).doubleValue / 0.0003
            // Half a pixel of a ~3300 mAh/g axis is about 2.5 mAh/g.
            #expect(abs(ends[0] - lithiation) < 5, "cycle \(cycle + 1) lithiation \(ends[0]) vs \(lithiation)")
            #expect(abs(ends[1] - delithiation) < 5, "cycle \(cycle + 1) delithiation \(ends[1]) vs \(delithiation)")
        }
    }

    /// The simulated Si cell's dQ/dV peaks (closed form, `expected.json`): one marker per peak, at its
    /// position within 4 mV (as `coulomb dqdv --peaks` is checked).
    @Test func dqdvMarksEveryPeak() throws {
        let figure = try plot(["dqdv", "Fixtures/hdf5_columns/si_half_cell.h5"])
        #expect(figure.series("cycle").count == 3)
        let expected = Fixture.expected["hdf5_columns/si_half_cell.h5"]!["peaks"] as! [[String: Any]]
        let markers = figure.series("peak")[0].elements(classed: "marker")
        #expect(markers.count == expected.count)
        let volts = { figure.value(at: $0, on: "x") }
        let found = markers.map { marker -> Double in
            let points = marker.attributes["points"]!.split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
            return volts(points[0][0])  // the triangle's apex is above the peak
        }
        for truth in expected {
            let position = (truth["voltage_V"] as! NSNumber).doubleValue
            #expect(found.contains { abs($0 - position) < 0.004 }, "peak at \(position) V")
        }
    }

    /// cellpy's Arbin half cell, 18 cycles (numpy trapezoid capacities in `reference.json`).
    @Test func capacityAndEfficiencyPerCycle() throws {
        let figure = try plot(["capacity", "Fixtures/cycling/arbin_res_si_half.h5"])
        #expect(figure.axis("y")?.attributes["data-label"] == "Capacity (mAh)")
        #expect(figure.axis("y2")?.attributes["data-label"] == "Coulombic efficiency (%)")
        let reference = (Fixture.cyclingReference["arbin_res_si_half"]!["per_cycle"] as! [[String: Any]])
        // Complete cycles on the line, the incomplete last one (a partial discharge) as an open marker.
        let complete = reference.filter { $0["complete"] as! Bool }
        let incomplete = reference.filter { !($0["complete"] as! Bool) }
        #expect(incomplete.map { $0["cycle_number"] as! Int } == [18])
        let charge = figure.series("capacity").first { $0.attributes["data-series"] == "charge" }!.elements(classed: "marker")
        let partial = figure.series("capacity-incomplete").first { $0.attributes["data-series"] == "charge" }!.elements(classed: "marker")
        #expect(charge.count == complete.count && partial.count == incomplete.count)
        #expect(partial.allSatisfy { $0.attributes["fill"] == "#ffffff" })
        let mAh = { figure.value(at: $0, on: "y") }
        for (marker, cycle) in zip(charge + partial, complete + incomplete) {
            let numpy = ((cycle["numpy"] as! [String: Any])["charge_capacity_mAh"] as! NSNumber).doubleValue
            #expect(abs(mAh(marker.number("cy")!) - numpy) < 0.01, "cycle \(cycle["cycle_number"]!)")
        }
        #expect(figure.series("efficiency")[0].elements(classed: "marker").count == complete.count)
    }

    /// The simulated time-limited ramp: six levels shaded, the hard short marked at the truth's onset
    /// (16,830.47 s), the CCD stated.
    @Test func ccdShadesLevelsAndMarksTheOnset() throws {
        let figure = try plot(["ccd", "Fixtures/symmetric/ccd_time_hard_short.h5"])
        let truth = Fixture.symmetricTruth["ccd_time_hard_short.h5"]!
        let levels = truth["levels"] as! [Any]
        #expect(figure.root.elements(classed: "band").count == levels.count)
        #expect(figure.axis("x")?.attributes["data-label"] == "Time (h)")
        #expect(figure.axis("y")?.attributes["data-label"] == "Voltage (mV)")
        let onset = try #require(figure.root.elements(classed: "annotation", "onset").first)
        let failure = truth["failure"] as! [String: Any]
        let onsetTime = (failure["onset_time_s"] as! NSNumber).doubleValue
        // Within one 1 s sample.
        #expect(abs(Double(onset.attributes["data-x"]!)! * 3600 - onsetTime) <= 1.5)
        #expect(onset.elements(named: "text")[0].text == "hard short (sudden hard) at 0.4 mA cm⁻²")
        let notes = figure.root.elements(classed: "legend")[0].elements(named: "text").map(\.text)
        #expect(notes.first == "CCD 0.3, failed at 0.4 mA cm⁻²")
    }

    /// The simulated long-term cell: the soft short (cycle 120) and hard short (cycle 143) marked.
    @Test func shortsMarksBothEvents() throws {
        let figure = try plot(["shorts", "Fixtures/symmetric/longterm_hard_short.h5"])
        let soft = try #require(figure.root.elements(classed: "annotation", "soft-short").first)
        let hard = try #require(figure.root.elements(classed: "annotation", "hard-short").first)
        // Truth: 868,682 s and 1,034,878 s; the monitor reads them within a minute (one sample).
        #expect(abs(Double(soft.attributes["data-x"]!)! * 3600 - 868_682.45) < 120)
        #expect(abs(Double(hard.attributes["data-x"]!)! * 3600 - 1_034_878.42) < 120)
        #expect(soft.elements(named: "text")[0].text == "soft short (transient soft), cycle 120")
    }

    @Test func nyquistAndBodeWithFits() throws {
        let nyquist = try plot(["nyquist", "Fixtures/battdat/eis_spectra.h5", "--spectra", "1-3", "--circuit", "R0-p(R1,C1)"])
        #expect(nyquist.series("measured").count == 3)
        #expect(nyquist.series("fit").count == 3)
        let x = nyquist.ticks("x"), y = nyquist.ticks("y")
        let xScale = (x[1].position - x[0].position) / (SVGFigure.value(x[1].label)! - SVGFigure.value(x[0].label)!)
        let yScale = (y[0].position - y[1].position) / (SVGFigure.value(y[1].label)! - SVGFigure.value(y[0].label)!)
        #expect(abs(xScale / yScale - 1) < 0.01)
        let bode = try plot(["bode", "Fixtures/impedance/real_spectra.h5", "--spectra", "0"])
        #expect(bode.panels.count == 2)
        #expect(bode.series("measured", panel: 0).count == 1)
        #expect(bode.series("fit", panel: 0).isEmpty)
        #expect(bode.axis("y", panel: 0)?.attributes["data-label"] == "|Z| (Ω)")
    }

    /// Five spectra of R0-p(R1,CPE1) at 0–80 °C with Eₐ 0.40 eV (R0) and 0.60 eV (R1) put in
    /// (`impedance/arrhenius_truth.json`): one marker per temperature, the activation energy stated.
    @Test func arrheniusOfAFittedResistance() throws {
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixture.root.appendingPathComponent("impedance/arrhenius_truth.json"))) as! [String: Any]
        let resistors = truth["resistors"] as! [String: [String: Any]]
        for (name, conductivity) in [("R1", false), ("R0", true)] {
            var arguments = ["arrhenius", "Fixtures/impedance/arrhenius_spectra.h5", "--circuit", "R0-p(R1,CPE1)", "--resistance", name]
            if conductivity { arguments += ["--thickness-cm", "0.1"] }
            let figure = try plot(arguments, name: "arrhenius\(name)")
            #expect(figure.series("measured")[0].elements(classed: "marker").count == (truth["temperatures_C"] as! [Any]).count)
            #expect(figure.axis("x")?.attributes["data-label"] == "1000/T (K⁻¹)")
            #expect(figure.axis("y")?.attributes["data-label"] == (conductivity ? "ln(σT / S cm⁻¹ K)" : "ln(T/R / K Ω⁻¹)"))
            let energy = (resistors[name]!["numpy_slope_activation_energy_eV"] as! NSNumber).doubleValue
            let notes = figure.root.elements(classed: "legend")[0].elements(named: "text").map(\.text)
            #expect(notes.last == String(format: "Eₐ = %.3f ± 0.000 eV", energy))
        }
        let missing = try Coulomb.run(["plot", "arrhenius", "Fixtures/battdat/eis_spectra.h5", "--circuit", "R0-p(R1,C1)",
                                       "--resistance", "R1", "-o", directory.appendingPathComponent("none.svg").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("an Arrhenius fit needs spectra at two or more temperatures"))
    }

    @Test func voltageOfALongRecordStaysSmall() throws {
        let output = directory.appendingPathComponent("voltage.svg").path
        let result = try Coulomb.run(["plot", "voltage", "Fixtures/cycling/cellpy_rate_graphite_half.h5", "-o", output])
        #expect(result.status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: output)[.size] as! Int
        #expect(size < 150_000, "\(size) bytes for 19,738 rows")
        let figure = try SVGFigure(String(contentsOfFile: output, encoding: .utf8))
        #expect(figure.axis("x")?.attributes["data-label"] == "Time (h)")
        #expect(figure.series("voltage").count == 1 && figure.series("current").count == 1)
    }

    @Test func refusesOtherExtensionsExistingFilesAndInputs() throws {
        let png = try Coulomb.run(["plot", "voltage", "Fixtures/hdf5_columns/si_half_cell.h5", "-o", directory.appendingPathComponent("a.png").path])
        #expect(png.status == 64)
        #expect(png.stderr.contains("a figure is written as SVG"))
        let existing = directory.appendingPathComponent("exists.svg").path
        try "keep".write(toFile: existing, atomically: true, encoding: .utf8)
        let again = try Coulomb.run(["plot", "voltage", "Fixtures/hdf5_columns/si_half_cell.h5", "-o", existing])
        #expect(again.status == 1)
        #expect(again.stderr == "coulomb: error: \(existing): already exists; pass --force to replace it\n")
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep")
        let badCycle = try Coulomb.run(["plot", "voltage-capacity", "Fixtures/hdf5_columns/si_half_cell.h5", "--cycles", "9",
                                        "-o", directory.appendingPathComponent("b.svg").path])
        #expect(badCycle.status == 1)
        #expect(badCycle.stderr.contains("cell 'si_half_cell': the record has no cycle 9"))
    }
}
