import CoulombIO
import Foundation
import Testing

/// EC-Lab text layouts the real fixtures do not cover, written here so every expected value is the text
/// itself: a three-electrode GCPL file (cell voltage preferred over the working electrode's) and a
/// sequence with two impedance sweeps between cycling rows.
@Suite struct BiologicTextLayoutTests {
    func read(_ lines: [String]) throws -> CellFile {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-\(UUID().uuidString).mpt")
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try CellFileReader.read(url.path)
    }

    @Test func cellVoltageIsPreferredAndCurrentIsConvertedFromMilliamps() throws {
        let file = try read([
            "EC-Lab ASCII FILE", "Nb header lines : 4", "Galvanostatic Cycling with Potential Limitation",
            "time/s\tEwe/V\tEcell/V\t<I>/mA\tcycle number\tNs\tTemperature/°C",
            "0\t0,100\t3,50\t-2,5\t0\t1\t25,5",
            "10\t0,101\t3,40\t-2,5\t0\t1\t25,6",
            "20\t0,102\t3,55\t1,25\t1\t2\t25,7",
        ])
        let data = try #require(file.cells[0].cell.cycling)
        #expect(data.voltage_V == [3.50, 3.40, 3.55])
        #expect(data.current_A == [-2.5e-3, -2.5e-3, 1.25e-3])
        #expect(data.cycleIndex == [0, 0, 1])
        #expect(data.stepIndex == [1, 1, 2])
        #expect(data.temperature_C == [25.5, 25.6, 25.7])
        #expect(file.cells[0].cell.spectra.isEmpty)
    }

    /// Impedance rows (freq/Hz ≠ 0) between cycling rows: one spectrum per run and cycle number, Z″ the
    /// negated −Im(Z); every row stays a cycling row.
    @Test func impedanceRunsBetweenCyclingRowsAreSpectra() throws {
        let file = try read([
            "EC-Lab ASCII FILE", "Nb header lines : 3",
            "freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\ttime/s\tEwe/V\tI/mA\tcycle number",
            "0\t0\t0\t0\t3.0\t1.0\t1",
            "1000\t10\t1\t5\t3.1\t0\t1",
            "100\t12\t3\t6\t3.1\t0\t1",
            "1000\t11\t1.5\t7\t3.1\t0\t2",
            "10\t20\t8\t8\t3.1\t0\t2",
            "0\t0\t0\t9\t3.2\t-1.0\t2",
            "500\t15\t2\t10\t3.0\t0\t2",
        ])
        let cell = file.cells[0].cell
        #expect(cell.cycling?.count == 7)
        #expect(cell.spectra.map(\.frequency_Hz) == [[1000, 100], [1000, 10], [500]])
        #expect(cell.spectra.map { $0.impedance_ohm.map(\.imaginary) } == [[-1, -3], [-1.5, -8], [-2]])
        #expect(cell.spectra.map(\.time_s) == [5, 7, 10])
        #expect(cell.spectra.map(\.testID) == [0, 1, 2])
    }
}
