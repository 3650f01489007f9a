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

    /// An Au|SE|Au (blocking electrodes) spectrum, R0-p(R1,CPE1)-CPE2, with 0.1 % Gaussian noise on each
    /// part (σ = 0.001·|Z|, seeded): Kramers–Kronig compliant by construction. Its low-frequency end is
    /// capacitive, so the automatic rule adds the series capacitance, and the residuals are the noise:
    /// their RMS within 0.5–1.5 σ (the fit absorbs a few of the 2N degrees of freedom, and the RC basis
    /// approximates the blocking CPE to ~0.08 % RMS noise-free). The largest stays under the 1 % threshold
    /// but is not noise: the lowest-frequency point keeps ~0.65 % of basis error (the part of the CPE's
    /// time constants just beyond 1/(2πf_min), neither capacitor nor resistor). Without the capacitance the
    /// same spectrum fails with residuals over 10 % — the bug.
    @Test func blockingElectrodesAreValidWithSeriesCapacitance() throws {
        let sigma = 0.001
        let spectrum = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-CPE2", Self.blocking, noise: sigma, seed: 13)
        #expect(KramersKronig.lowFrequencyEndIsCapacitive(spectrum))
        let result = try KramersKronig().test(spectrum)
        #expect(result.hasSeriesCapacitance && result.isValid)
        let squares = zip(result.residualReal_pct, result.residualImaginary_pct).reduce(0) { $0 + $1.0 * $1.0 + $1.1 * $1.1 }
        let rms = (squares / Double(2 * spectrum.count)).squareRoot() / 100
        #expect(rms > 0.5 * sigma && rms < 1.5 * sigma, "RMS residual \(rms), M \(result.m)")
        #expect(result.largestResidual_pct < 1, "\(result.largestResidual_pct) %")
        let plain = try KramersKronig(seriesCapacitance: .off).test(spectrum)
        #expect(!plain.isValid && plain.largestResidual_pct > 10, "\(plain.largestResidual_pct) %")
    }

    /// The capacitance does not hide drift: the blocking spectrum whose real part grows by up to 10 % over
    /// the second half of the sweep (a resistance rising while the cell is measured) still fails.
    @Test func driftingBlockingSpectrumIsInvalid() throws {
        let clean = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-CPE2", Self.blocking)
        let drifted = clean.impedance_ohm.enumerated().map { i, z in
            i > clean.count / 2 ? Complex(z.real * (1 + 0.2 * Double(i - clean.count / 2) / Double(clean.count)), z.imaginary) : z
        }
        let result = try KramersKronig().test(try ImpedanceSpectrum(frequency_Hz: clean.frequency_Hz, impedance_ohm: drifted))
        #expect(result.hasSeriesCapacitance && !result.isValid, "\(result.largestResidual_pct) %")
    }

    /// The automatic rule: a capacitive or diffusive low-frequency end (a blocking CPE with n = 0.9, a
    /// capacitor, a semi-infinite Warburg: slopes −0.9, −1, −0.5) is capacitive; an arc that closes on the
    /// real axis inside the window (slope +1) is not, and keeps the plain circuit.
    @Test func capacitiveEndRule() throws {
        #expect(KramersKronig.lowFrequencyEndIsCapacitive(try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-CPE2", Self.blocking)))
        #expect(KramersKronig.lowFrequencyEndIsCapacitive(try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-C2", [20, 2000, 1e-9, 0.9, 4e-6])))
        #expect(KramersKronig.lowFrequencyEndIsCapacitive(try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-W1", [15, 500, 1e-7, 0.9, 50])))
        let closing = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)", [40, 300, 1e-6, 0.9])
        #expect(!KramersKronig.lowFrequencyEndIsCapacitive(closing))
        #expect(try !KramersKronig().test(closing).hasSeriesCapacitance)
    }

    /// A semi-infinite Warburg tail (0.2 % noise) is capacitive by the rule, but there the μ criterion stops
    /// the circuit with a capacitance at M = 3, far off (~69 %): the automatic choice keeps the plain
    /// circuit, which reproduces it (impedance.py without `add_cap` does too), so the spectrum stays valid.
    @Test func warburgTailKeepsThePlainCircuit() throws {
        let spectrum = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-W1", [15, 500, 1e-7, 0.9, 50], noise: 0.002, seed: 2)
        let result = try KramersKronig().test(spectrum)
        #expect(!result.hasSeriesCapacitance && result.isValid, "\(result.largestResidual_pct) %")
        #expect(try !KramersKronig(seriesCapacitance: .on).test(spectrum).isValid)
    }

    /// R0 20 Ω, R1 2 kΩ with CPE1 (1e-9, 0.9): an arc with its apex near 340 kHz; CPE2 (2e-6, 0.9) the
    /// blocking electrodes.
    static let blocking = [20, 2000, 1e-9, 0.9, 2e-6, 0.9]

    @Test func tooFewPointsIsAnError() throws {
        let spectrum = try ImpedanceSpectrum(frequency_Hz: [1e3, 1e2, 10], impedance_ohm: [Complex(1, -1), Complex(2, -1), Complex(3, -1)])
        #expect(throws: AnalysisError.self) { try KramersKronig().test(spectrum) }
    }
}
