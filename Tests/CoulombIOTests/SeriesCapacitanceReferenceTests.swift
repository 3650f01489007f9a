import CoulombCore
import CoulombIO
import Foundation
import Testing
import TestFixtures

/// lin-KK with a series capacitance against impedance.py's `linKK(add_cap=True)` (fit_type 'complex', c = 0.85),
/// recorded by `Fixtures/make_kk_and_sweep_fixtures.py` in `Fixtures/impedance/kk_sweeps_reference.json`.
@Suite struct SeriesCapacitanceReferenceTests {
    nonisolated(unsafe) static let reference: [String: Any] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("impedance/kk_sweeps_reference.json")))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()
    static let realSpectra = (reference["real_spectra"] as! [String: [String: Any]]).keys.compactMap { Int($0) }.sorted()

    /// Same M and μ as impedance.py, residuals to 1e-6 percentage points (theirs solves the normal equations,
    /// ours uses QR), and the same series C and L to 1e-6 relative.
    static func expectSame(_ result: KramersKronig.Result, _ reference: [String: Any], _ label: String) {
        #expect(result.m == reference["M"] as? Int, "\(label)")
        #expect(abs(result.mu - (reference["mu"] as! Double)) < 1e-6, "\(label)")
        let real = reference["resid_real_pct"] as! [Double], imaginary = reference["resid_imag_pct"] as! [Double]
        #expect(real.count == result.residualReal_pct.count)
        for i in real.indices {
            #expect(abs(result.residualReal_pct[i] - real[i]) < 1e-6 && abs(result.residualImaginary_pct[i] - imaginary[i]) < 1e-6,
                    "\(label) point \(i)")
        }
        if let c = reference["C_F"] as? Double {
            #expect(abs(result.seriesCapacitance_F! - c) <= 1e-6 * abs(c), "\(label) C \(result.seriesCapacitance_F!) vs \(c)")
        }
        let l = reference["L_H"] as! Double
        #expect(abs(result.seriesInductance_H - l) <= 1e-6 * abs(l) + 1e-18, "\(label) L \(result.seriesInductance_H) vs \(l)")
    }

    /// Every real spectrum of `real_spectra.h5`, the series capacitance forced on.
    @Test(arguments: realSpectra)
    func realSpectrumMatchesImpedancePy(testID: Int) throws {
        let spectrum = ImpedanceReferenceTests.spectra[testID]!
        let expected = (Self.reference["real_spectra"] as! [String: [String: Any]])[String(testID)]!["add_cap"] as! [String: Any]
        Self.expectSame(try KramersKronig(seriesCapacitance: .on).test(spectrum), expected, "spectrum \(testID)")
    }

    /// The blocking-electrode spectrum (R0-p(R1,CPE1)-CPE2 with 0.1 % noise, written by numpy): with the
    /// capacitance, impedance.py's numbers; without, impedance.py's too (48 % residuals). The automatic
    /// choice takes the capacitance and calls the spectrum valid, as impedance.py's add_cap=True does
    /// (its largest residual 0.46 %).
    @Test func blockingSpectrumMatchesImpedancePy() throws {
        let cell = try CellFileReader.read(Fixture.path("impedance/blocking_au_se_au.csv")).cells[0].cell
        let spectrum = try #require(cell.spectra.first)
        let blocking = Self.reference["blocking"] as! [String: Any]
        Self.expectSame(try KramersKronig(seriesCapacitance: .on).test(spectrum), blocking["add_cap"] as! [String: Any], "add_cap")
        Self.expectSame(try KramersKronig(seriesCapacitance: .off).test(spectrum), blocking["no_cap"] as! [String: Any], "no cap")
        let automatic = try KramersKronig().test(spectrum)
        #expect(automatic.hasSeriesCapacitance && automatic.isValid)
    }
}
