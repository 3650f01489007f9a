import ComplexModule
import CoulombCore
import Foundation
import Testing

@Suite struct ImpedanceFitTests {
    static let frequencies = (0..<71).map { pow(10, 6.845 - Double($0) * 0.1) }  // 7 MHz … 0.7 Hz, 10/decade

    static func spectrum(_ text: String, _ values: [Double], frequencies: [Double] = frequencies,
                         noise: Double = 0, seed: UInt64 = 1) throws -> ImpedanceSpectrum {
        let z = try CircuitParser.parse(text).impedance(frequency_Hz: frequencies, parameters: values)
        var generator = SplitMix(seed: seed)
        let noisy = z.map { z in
            noise == 0 ? z : z + Complex(noise * z.length * generator.gaussian(), noise * z.length * generator.gaussian())
        }
        return try ImpedanceSpectrum(frequency_Hz: frequencies, impedance_ohm: noisy)
    }

    /// Noise-free spectra from known parameters, fitted from automatic starts: every parameter comes back
    /// to 1e-6 relative (the data are exact, so only convergence limits the agreement).
    @Test(arguments: [
        ("R0-p(R1,CPE1)", [25.0, 800, 2e-9, 0.85]),
        ("R0-p(R1,CPE1)-p(R2,CPE2)", [40.0, 300, 1e-10, 0.95, 2000, 1e-6, 0.8]),
        ("R0-p(R1,C1)-p(R2-Wo1,C2)", [10.0, 100, 1e-9, 400, 300, 0.05, 1e-6]),
        ("R0-p(R1,CPE1)-W1", [15.0, 500, 1e-7, 0.9, 50]),
        ("L0-R0-p(R1,CPE1)", [5e-7, 20.0, 200, 1e-6, 0.9]),
        ("R0-G1", [30.0, 250, 1e-3]),
        ("R0-HN1", [30.0, 250, 1e-4, 0.8, 0.7]),
        ("R0-p(R1,CPE1)-Ws1", [20.0, 300, 1e-7, 0.9, 100, 0.5]),
    ])
    func noiseFreeSpectraRecoverTheirParameters(text: String, truth: [Double]) throws {
        let circuit = try CircuitParser.parse(text)
        let fit = try ImpedanceFitter().fit(circuit, to: try Self.spectrum(text, truth))
        #expect(fit.converged)
        for (k, name) in circuit.parameterNames.enumerated() {
            #expect(abs(fit.values[k] - truth[k]) <= 1e-6 * abs(truth[k]), "\(text) \(name): \(fit.values[k]) vs \(truth[k])")
        }
    }
}

extension SplitMix {
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// Box–Muller.
    mutating func gaussian() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
