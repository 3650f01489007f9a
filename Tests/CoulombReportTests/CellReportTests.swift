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

    /// A table of the page by its id: the headings and the cells' text, markup and escapes left in.
    static func table(_ id: String, in html: String) throws -> (headers: [String], rows: [[String]]) {
        let start = try #require(html.range(of: "<table id=\"\(id)\">"), "no table \(id)")
        let end = try #require(html.range(of: "</table>", range: start.upperBound..<html.endIndex))
        let text = String(html[start.upperBound..<end.lowerBound])
        func cells(_ line: Substring, _ tag: String) -> [String] {
            line.components(separatedBy: "</\(tag)>").dropLast().map { cell in
                String(cell[cell.range(of: ">", options: .backwards)!.upperBound...])
            }
        }
        let lines = text.split(separator: "\n")
        let rows = lines.dropFirst().filter { $0.hasPrefix("<tr>") }.map { cells($0, "td") }
        return (cells(lines[0], "th"), rows)
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
        let fits = try Self.table("cell0-fits", in: html)
        let asr = try #require(fits.headers.firstIndex(of: "ASR R1 (Ω cm²)"))
        // R1 = 400 Ω, A = 0.5 cm²: 100 Ω cm²; R1 = 100 Ω: 25 Ω cm² (noise-free, so to the printed digits).
        #expect(fits.rows.map { $0[asr] } == ["100", "25"])
        // The lin-KK verdict beside each fit (an ideal arc: M = 8, 27.5 % as impedance.py's linKK gives it, to
        // its three figures, so within 0.05 %).
        let valid = try #require(fits.headers.firstIndex(of: "lin-KK valid"))
        let residual = try #require(fits.headers.firstIndex(of: "lin-KK largest residual (%)"))
        #expect(fits.rows[0][valid] == "false")
        #expect(abs(try #require(Double(fits.rows[0][residual])) - 27.5) < 0.05)
        // The DRT's peaks as `coulomb drt` writes them: one arc each, τ = R1·C1 (4e-4 s, 1e-4 s), R = R1 and
        // C_eff = C1 = 1 µF; noise-free, so to the four printed figures (0.1 %).
        let peaks = try Self.table("cell0-drt-peaks", in: html)
        #expect(Array(peaks.headers.prefix(7)) == ["spectrum", "peak", "τ (s)", "f (Hz)", "R (Ω)", "C_eff (F)", "class"])
        #expect(peaks.rows.map { $0[0] } == ["0", "1"])
        for (row, r1) in zip(peaks.rows, [400.0, 100.0]) {
            for (cell, expected) in [(row[2], r1 * 1e-6), (row[4], r1), (row[5], 1e-6)] {
                #expect(abs(try #require(Double(cell)) / expected - 1) < 1e-3, "\(cell) vs \(expected)")
            }
        }
        for figure in ["cell0-nyquist", "cell0-bode", "cell0-drt", "cell0-arrhenius"] {
            #expect(html.contains("<figure id=\"\(figure)\""), "\(figure)")
        }
    }

    /// The page shows the lin-KK test's M and verdict. (For this ideal single arc on 40 points, M = 8 with
    /// 27.5 % residuals: impedance.py's `linKK` gives the same, M = 8 and 27.5 %.)
    @Test func withoutACircuitSpectraGetLinKK() throws {
        let cell = Cell(id: "eis", spectra: [try Self.spectrum(r1: 400, temperature: 25, id: 7)])
        let html = CellReport().html(.init(path: "eis.h5", format: "battdat"), cells: [cell])
        // Columns of `coulomb kk`: spectrum, M, μ, the real and imaginary largest residuals, valid, series C.
        let kk = try Self.table("cell0-kk", in: html)
        #expect(Array(kk.headers.prefix(7)) == ["spectrum", "M", "μ", "max residual re (%)", "max residual im (%)", "valid", "series C"])
        let row = try #require(kk.rows.first)
        #expect(kk.rows.count == 1 && row[0] == "7" && row[1] == "8" && row[5] == "false" && row[6] == "false")
        // impedance.py's three figures: μ 0.784, 27.5 % (the larger of the two parts), so within half a last digit.
        #expect(abs(try #require(Double(row[2])) - 0.784) < 0.0005)
        #expect(abs(max(try #require(Double(row[3])), try #require(Double(row[4]))) - 27.5) < 0.05)
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
        let row = try #require(try Self.table("cell0-kk", in: html).rows.first)
        #expect(row[5] == "true" && row[6] == "true", "valid, with the series C")
    }
}
