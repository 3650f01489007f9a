import ComplexModule
import CoulombCore
import Foundation
import Testing
import TestFixtures

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

@Suite struct ImpedanceFitEdgeTests {
    static let circuit = try! CircuitParser.parse("R0-p(R1,CPE1)")

    @Test func badSpectraAreClearErrors() throws {
        let three = try ImpedanceSpectrum(frequency_Hz: [1e3, 1e2, 10], impedance_ohm: [Complex(10, -1), Complex(12, -3), Complex(15, -1)])
        let few = #expect(throws: AnalysisError.self) { try ImpedanceFitter().fit(Self.circuit, to: three) }
        #expect(few?.problem == "3 point(s) cannot determine the 4 free parameters of R0-p(R1,CPE1)")
        let duplicate = try ImpedanceSpectrum(frequency_Hz: [1e3, 1e2, 1e2, 10, 1], impedance_ohm: Array(repeating: Complex(1, -1), count: 5))
        let twice = #expect(throws: AnalysisError.self) { try ImpedanceFitter().fit(Self.circuit, to: duplicate) }
        #expect(twice?.problem.hasPrefix("frequency 100.0 Hz appears twice (points 1 and 2)") == true)
        let real = try ImpedanceSpectrum(frequency_Hz: [1e4, 1e3, 1e2, 10, 1], impedance_ohm: Array(repeating: Complex(5, 0), count: 5))
        let flat = #expect(throws: AnalysisError.self) { try ImpedanceFitter().fit(Self.circuit, to: real) }
        #expect(flat?.problem.contains("no imaginary part") == true)
    }

    /// A start outside the bounds is clipped, with a warning, and the fit still finds the truth.
    @Test func initialValuesOutsideBoundsAreClipped() throws {
        var circuit = Self.circuit
        try circuit.apply(ParameterSpec.parseList("R1{5000,10,2000}, CPE1_n{1.5}"))
        let spectrum = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)", [25, 800, 2e-9, 0.85])
        let fit = try ImpedanceFitter().fit(circuit, to: spectrum)
        #expect(fit.warnings.contains("initial R1 = 5000.0 is outside [10.0, 2000.0]; clipped to 2000.0"))
        #expect(fit.warnings.contains("initial CPE1_n = 1.5 is outside [0.0, 1.0]; clipped to 1.0"))
        #expect(abs(fit.values[1] - 800) < 1e-6 * 800)
    }

    /// A fixed parameter keeps its value and gets no standard error; the others still converge.
    @Test func fixedParameterStaysFixed() throws {
        let circuit = try CircuitParser.parse("R0-p(R1,CPE1{;=0.85})")
        let fit = try ImpedanceFitter().fit(circuit, to: try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)", [25, 800, 2e-9, 0.85]))
        #expect(fit.values[3] == 0.85 && fit.standardErrors[3] == nil)
        #expect(abs(fit.values[2] - 2e-9) < 1e-6 * 2e-9)
    }

    /// With 1 % noise the 1σ errors describe the scatter: over 40 noisy copies, about 68 % of the R1
    /// estimates lie within their own 1σ of the truth (binomial: 27 ± 3; the bound allows 4σ).
    @Test func standardErrorsMatchTheScatter() throws {
        var inside = 0
        for seed in 1...40 {
            let spectrum = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)", [25, 800, 2e-9, 0.85], noise: 0.01, seed: UInt64(seed))
            let fit = try ImpedanceFitter().fit(Self.circuit, to: spectrum)
            if let error = fit.standardErrors[1], abs(fit.values[1] - 800) <= error { inside += 1 }
        }
        #expect((15...39).contains(inside), "\(inside) of 40")
    }

    /// Arcs come out with τ1 < τ2 whichever way round the data would put them, and a batch reports a
    /// bad spectrum without stopping.
    @Test func batchOrdersArcsAndSurvivesABadSpectrum() throws {
        let circuit = try CircuitParser.parse("R0-p(R1,CPE1)-p(R2,CPE2)")
        // The slow arc written first: after the fit, R1 must be the fast one (300 Ω, τ ≈ 1e-7 s).
        let good = try ImpedanceFitTests.spectrum("R0-p(R1,CPE1)-p(R2,CPE2)", [40, 2000, 1e-6, 0.8, 300, 1e-10, 0.95])
        let bad = try ImpedanceSpectrum(frequency_Hz: [1e3, 1e2, 10], impedance_ohm: [Complex(1, -1), Complex(2, -1), Complex(3, -1)])
        let results = ImpedanceBatch().fit(circuit, to: [good, bad, good])
        #expect(results.count == 3)
        for index in [0, 2] {
            let fit = try results[index].get()
            #expect(abs(fit.values[1] - 300) < 1e-5 * 300 && abs(fit.values[4] - 2000) < 1e-5 * 2000)
        }
        #expect(throws: AnalysisError.self) { try results[1].get() }
    }
}

@Suite struct DerivedImpedanceTests {
    /// C_eff = (R^(1−n)Q)^(1/n): n = 1 gives Q itself; R = 100 Ω, Q = 1e-6, n = 0.8 gives
    /// (100^0.2 · 1e-6)^1.25 = 10^(0.5 − 7.5) = 1e-7 F exactly.
    @Test func effectiveCapacitanceClosedForm() throws {
        let arc = try CircuitParser.parse("R0-p(R1,CPE1)").arcs[0]
        #expect(abs(arc.effectiveCapacitance_F([0, 100, 1e-6, 1]) - 1e-6) < 1e-18)
        #expect(abs(arc.effectiveCapacitance_F([0, 100, 1e-6, 0.8]) - 1e-7) < 1e-19)
        #expect(abs(arc.timeConstant_s([0, 100, 1e-6, 0.8]) - 1e-5) < 1e-17)
    }

    @Test func capacitanceClasses() throws {
        let table = CapacitanceTable.standard
        #expect([1e-12, 1e-10, 5e-8, 1e-6].map(table.classify) == ["bulk", "grain_boundary", "surface_layer", "interface"])
        let custom = try CapacitanceTable(parsing: "bulk=1e-11,interface")
        #expect(custom.classify(1e-9) == "interface")
        #expect(throws: AnalysisError.self) { try CapacitanceTable(parsing: "a=1e-8,b=1e-9") }
    }

    /// Resistances made from Eₐ = 0.35 eV exactly (R ∝ T·exp(Eₐ/kT)) give back 0.35 eV with zero error.
    @Test func arrheniusRecoversTheActivationEnergy() throws {
        let celsius = [0.0, 25, 50, 75]
        let resistance = celsius.map { c -> Double in
            let t = c + 273.15
            return 1e-3 * t * exp(0.35 / (ArrheniusFit.boltzmann_eV_K * t))
        }
        let fit = try ArrheniusFit(temperature_C: celsius, values: resistance)
        #expect(abs(fit.activationEnergy_eV - 0.35) < 1e-12)
        #expect(fit.activationEnergyStandardError_eV! < 1e-10)
        #expect(throws: AnalysisError.self) { try ArrheniusFit(temperature_C: [25, 25], values: [1, 2]) }
    }
}
