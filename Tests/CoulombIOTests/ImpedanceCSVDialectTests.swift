import ComplexModule
import CoulombIO
import Foundation
import Testing
import TestFixtures

/// Spectrum tables as people write them (`Fixtures/make_impedance_csv_fixtures.py`: pandas writes one spectrum
/// of R0 + R1‖C1 with several delimiters, decimal separators and column names), read against the circuit's
/// closed form: Z = R0 + R1 / (1 + jωR1C1), R0 = 10 Ω, R1 = 100 Ω, C1 = 1 µF, f = 10^(5 − 6k/29) Hz,
/// k = 0…29 (numpy's logspace(5, -1, 30)).
@Suite struct ImpedanceCSVDialectTests {
    static func circuit(_ frequency_Hz: Double) -> Complex<Double> {
        let (r0, r1, c1) = (10.0, 100.0, 1e-6)
        return Complex(r0) + Complex(r1) / (Complex(1) + Complex(0, 2 * .pi * frequency_Hz * r1 * c1))
    }

    static let frequencies_Hz = (0..<30).map { pow(10, 5 - 6 * Double($0) / 29) }

    /// Every point within 1e-8·|Z| of the circuit, and every frequency within 1e-9 relative: the files
    /// hold 10 significant digits (a rounding of at most 5e-10 relative to each written number; |Z| and a
    /// phase of up to 1.2 rad rounded so move Z′ and Z″ by a few 1e-10·|Z|). A wrong sign, a phase read in
    /// the wrong unit or a misplaced column is off by far more.
    @Test(arguments: ["coulomb_names.csv", "words_semicolon_decimal_comma.csv", "primes_negated_tab.txt",
                      "polar_degrees_spaces.txt", "units_aligned_spaces.txt", "units_row.csv", "polar_minus_radians.csv", "negated_real.csv"])
    func readsTheCircuitsSpectrum(name: String) throws {
        let file = try CellFileReader.read(Fixture.path("impedance_csv/\(name)"))
        #expect(file.layout == .impedanceCSV)
        let spectrum = try #require(file.cells.first?.cell.spectra.first)
        #expect(file.cells[0].cell.spectra.count == 1)
        #expect(spectrum.count == 30)
        for (point, frequency) in Self.frequencies_Hz.enumerated() where point < spectrum.count {
            #expect(abs(spectrum.frequency_Hz[point] - frequency) <= 1e-9 * frequency, "\(name) point \(point) frequency")
            let expected = Self.circuit(frequency)
            let error = (spectrum.impedance_ohm[point] - expected).length
            #expect(error <= 1e-8 * expected.length, "\(name) point \(point): \(spectrum.impedance_ohm[point]), circuit \(expected)")
        }
    }

    /// A header that names a frequency but no impedance Coulomb can tell says what it found and what it
    /// looks for.
    @Test func unknownColumnNamesAreListedWithWhatIsExpected() {
        let path = Fixture.path("impedance_csv/unknown_names.csv")
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.file == path)
        #expect(error?.object == "line 1")
        #expect(error?.problem.hasPrefix("cannot tell which columns hold the spectrum: found 'Frequency' (frequency), 'Resistance', 'Reactance'; expected a frequency column") == true,
                "\(error?.problem ?? "no error")")
        #expect(error?.problem.contains("or |Z| and phase columns") == true)
    }
}
