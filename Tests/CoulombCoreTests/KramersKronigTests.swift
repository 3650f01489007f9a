import ComplexModule
import CoulombCore
import Foundation
import Testing

@Suite struct KramersKronigTests {
    /// A spectrum from a causal, linear circuit passes: with μ stopping M before it overfits, residuals
    /// stay far below the 1 % threshold (noise-free data; the RC basis approximates a CPE to ~0.1 %).
    @Test func circuitSpectrumIsValid() throws {
        let spectrum = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-p(R2,CPE2)", [40, 300, 1e-10, 0.95, 2000, 1e-6, 0.8])
        let result = try KramersKronig().test(spectrum)
        #expect(result.isValid)
        #expect(result.maximumResidualReal_pct < 0.5 && result.maximumResidualImaginary_pct < 0.5,
                "M \(result.m) mu \(result.mu) \(result.maximumResidualReal_pct) \(result.maximumResidualImaginary_pct)")
    }

    /// Drift during the sweep — the low-frequency end measured on a cell whose resistance grew 20 % —
    /// breaks causality between the parts, and the test fails it.
    @Test func driftingSpectrumIsInvalid() throws {
        let clean = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)", [40, 300, 1e-6, 0.9])
        let drifted = clean.impedance_ohm.enumerated().map { i, z in
            i > clean.count / 2 ? Complex(z.real * (1 + 0.2 * Double(i - clean.count / 2) / Double(clean.count)), z.imaginary) : z
        }
        let spectrum = try ImpedanceSpectrum(frequency_Hz: clean.frequency_Hz, impedance_ohm: drifted)
        #expect(try !KramersKronig().test(spectrum).isValid)
    }

    @Test func tooFewPointsIsAnError() throws {
        let spectrum = try ImpedanceSpectrum(frequency_Hz: [1e3, 1e2, 10], impedance_ohm: [Complex(1, -1), Complex(2, -1), Complex(3, -1)])
        #expect(throws: AnalysisError.self) { try KramersKronig().test(spectrum) }
    }
}
