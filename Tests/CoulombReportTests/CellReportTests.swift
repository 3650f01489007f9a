import ComplexModule
import CoulombCore
import CoulombReport
import Foundation
import Testing

/// The report page of closed-form cells: the sections, verdicts, tables and figures each kind of cell
/// gets, and text from the file escaped. (Rendering in a browser: `Fixtures/check_report.py`.)
@Suite struct CellReportTests {
    static func fullCell() throws -> Cell {
        var time: [Double] = [], current: [Double] = [], voltage: [Double] = [], cycle: [Int] = []
        var now = 0.0
        for k in 0..<3 {
            for (amps, seconds) in [(1.0, 3600.0), (-1.0, 3240.0)] {
                for step in 0...60 {
                    let fraction = Double(step) / 60
                    time.append(now + fraction * seconds)
                    current.append(amps)
                    voltage.append(amps > 0 ? 3.4 + 0.8 * fraction : 4.1 - 0.9 * fraction)
                    cycle.append(k)
                }
                now += seconds
            }
        }
        return Cell(id: "NMC <&> 1", type: .full, activeMass_g: 0.01,
                    cycling: try CyclingData(time_s: time, voltage_V: voltage, current_A: current, cycleIndex: cycle))
    }

    static func spectrum(r1: Double, temperature: Double, id: Int) throws -> ImpedanceSpectrum {
        let frequencies = (0..<40).map { Double.pow(10, 6 - Double($0) * 7 / 39) }
        let impedance = frequencies.map { f -> Complex<Double> in
            let w = 2 * Double.pi * f
            let arc = Complex(r1) / (Complex(1) + Complex(0, w * r1 * 1e-6))
            return Complex(10) + arc
        }
        return try ImpedanceSpectrum(frequency_Hz: frequencies, impedance_ohm: impedance, testID: id, temperature_C: temperature)
    }

    @Test func factsSayWhereTheyCameFrom() throws {
        var card = CellCard(source: "card nmc.cell.json")
        card.area_cm2 = 1.2
        card.stackPressure_MPa = 25
        let cell = try Self.fullCell().applying(card)
        let html = CellReport().html(.init(path: "data/cell.h5", format: "battdat HDF5"), cells: [cell])
        #expect(html.contains("1.2 cm² (card nmc.cell.json)"))
        #expect(html.contains("25 MPa (card nmc.cell.json)"))
        #expect(html.contains("full (file)"))
    }

    @Test func cycledCellHasItsConventionTableAndFigures() throws {
        let html = CellReport().html(.init(path: "data/cell.h5", format: "battdat HDF5"), cells: [try Self.fullCell()])
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h2>Cell NMC &lt;&amp;&gt; 1</h2>"))
        #expect(html.contains("CE convention: full — CE = discharge / charge"))
        #expect(html.contains("initial CE (first complete cycle) 90 %"))
        for figure in ["cell0-voltage", "cell0-voltage-capacity", "cell0-capacity", "cell0-dqdv"] {
            #expect(html.contains("<figure id=\"\(figure)\" class=\"plot\">\n<svg "), "\(figure)")
        }
        // Three cycles in the table, 900 mAh out of 1000 in each: 90 % CE.
        let table = try #require(html.range(of: "<table id=\"cell0-cycles\">").map { html[$0.lowerBound...] })
        #expect(table.components(separatedBy: "<td class=\"n\">90</td>").count - 1 == 3)
        #expect(!html.contains("<script"))
    }

    /// Two spectra at two temperatures of R0 + R1‖C with R1 following Arrhenius: fits, ASR for the
    /// interface in a symmetric cell (R·A/2), Nyquist, Bode and Arrhenius figures.
    @Test func spectraAreFittedWithASRAndArrhenius() throws {
        let spectra = [try Self.spectrum(r1: 400, temperature: 25, id: 0), try Self.spectrum(r1: 100, temperature: 60, id: 1)]
        let cell = Cell(id: "LiLi", type: .symmetric, area_cm2: 0.5, spectra: spectra)
        let circuit = try CircuitParser.parse("R0-p(R1,C1)")
        let html = CellReport(.init(circuit: circuit, interpretation: .init(interfaces: ["R1"]))).html(.init(path: "eis.h5", format: "battdat"), cells: [cell])
        #expect(html.contains("Circuit R0-p(R1,C1): 2 of 2 spectra converged; ASR per interface = R*A/2 (symmetric cell, two identical interfaces)"))
        #expect(html.contains("<th>ASR R1 (Ω cm²)</th>"))
        // R1 = 400 Ω, A = 0.5 cm²: 100 Ω cm²; R1 = 100 Ω: 25 Ω cm² (noise-free, so to the printed digits).
        #expect(html.contains("<td class=\"n\">100</td><td>") && html.contains("<td class=\"n\">25</td><td>"))
        // The lin-KK verdict beside each fit (an ideal arc: M = 8, 27.5 % as impedance.py's linKK gives it).
        #expect(html.contains("<th>lin-KK (largest residual)</th>") && html.contains("<td>not valid (27.5 %)</td></tr>"))
        for figure in ["cell0-nyquist", "cell0-bode", "cell0-drt", "cell0-arrhenius"] {
            #expect(html.contains("<figure id=\"\(figure)\""), "\(figure)")
        }
    }

    /// The page shows the lin-KK test's M and verdict. (For this ideal single arc on 40 points, M = 8 with
    /// 27.5 % residuals: impedance.py's `linKK` gives the same, M = 8 and 27.5 %.)
    @Test func withoutACircuitSpectraGetLinKK() throws {
        let cell = Cell(id: "eis", spectra: [try Self.spectrum(r1: 400, temperature: 25, id: 7)])
        let html = CellReport().html(.init(path: "eis.h5", format: "battdat"), cells: [cell])
        #expect(html.contains("<table id=\"cell0-kk\">"))
        #expect(html.contains("<tr><td class=\"n\">7</td><td class=\"n\">8</td><td class=\"n\">0.784</td><td class=\"n\">27.5</td><td>not valid</td></tr>"))
        #expect(html.contains("<figure id=\"cell0-nyquist\""))
    }

    @Test func symmetricCellWithoutAreaSaysWhy() throws {
        var cell = try Self.fullCell()
        cell.type = .symmetric
        let html = CellReport().html(.init(path: "x.h5", format: "battdat"), cells: [cell])
        #expect(html.contains("The electrode area is unknown"))
        #expect(html.contains("<figure id=\"cell0-voltage\""))
    }

    /// A blocking-electrode spectrum: the lin-KK table says the test used the series capacitance.
    @Test func blockingSpectrumNamesTheSeriesCapacitance() throws {
        let frequencies = (0..<71).map { Double.pow(10, 6.845 - Double($0) * 0.1) }
        let z = try CircuitParser.parse("R0-p(R1,CPE1)-CPE2").impedance(frequency_Hz: frequencies, parameters: [20, 2000, 1e-9, 0.9, 2e-6, 0.9])
        let cell = Cell(id: "AuSEAu", spectra: [try ImpedanceSpectrum(frequency_Hz: frequencies, impedance_ohm: z)])
        let html = CellReport().html(.init(path: "blocking.csv", format: "csv"), cells: [cell])
        #expect(html.contains("<td>valid (with series C)</td></tr>"))
    }
}
