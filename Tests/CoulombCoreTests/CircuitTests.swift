import ComplexModule
import CoulombCore
import Foundation
import Testing

@Suite struct CircuitParserTests {
    @Test func parsesNestedCircuitAndNamesParameters() throws {
        let circuit = try CircuitParser.parse("R0-p(R1,C1)-p(R2-Wo1,C2)")
        #expect(circuit.parameterNames == ["R0", "R1", "C1", "R2", "Wo1_R", "Wo1_tau", "C2"])
        #expect(circuit.parameters.map(\.unit) == ["Ohm", "Ohm", "F", "Ohm", "Ohm", "s", "F"])
        let cpe = try CircuitParser.parse(" R0 - p( R1 , CPE1 ) ")
        #expect(cpe.parameterNames == ["R0", "R1", "CPE1_Q", "CPE1_n"])
        #expect(cpe.text == "R0-p(R1,CPE1)")
        let all = try CircuitParser.parse("R0-L0-W1-Ws1-G1-HN1-p(R_ct,CPE_dl)")
        #expect(all.parameterNames == ["R0", "L0", "W1", "Ws1_R", "Ws1_tau", "G1_R", "G1_tau", "HN1_R", "HN1_tau",
                                       "HN1_alpha", "HN1_beta", "R_ct", "CPE_dl_Q", "CPE_dl_n"])
        #expect(all.hasInductance)
    }

    @Test func inlineValuesBoundsAndFixedParameters() throws {
        let circuit = try CircuitParser.parse("R0-p(R1{100,1,1e4},CPE1{1e-6; =0.9})")
        let r1 = circuit.parameters[1], q = circuit.parameters[2], n = circuit.parameters[3]
        #expect(r1.initial == 100 && r1.lowerBound == 1 && r1.upperBound == 1e4 && !r1.isFixed)
        #expect(q.initial == 1e-6 && !q.isFixed)
        #expect(n.initial == 0.9 && n.isFixed)
        var listed = try CircuitParser.parse("R0-p(R1,CPE1)")
        try listed.apply(ParameterSpec.parseList("R1{100,1,1e4}, CPE1_n{=0.9}, R0=12"))
        #expect(listed.parameters.map(\.initial) == [12, 100, nil, 0.9])
        #expect(listed.parameters[3].isFixed)
        #expect(throws: AnalysisError.self) { try listed.apply(ParameterSpec.parseList("R9=1")) }
        #expect(throws: AnalysisError.self) { try listed.apply(ParameterSpec.parseList("R1{1,10,5}")) }
    }

    /// Each malformed string is refused, pointing at the character to blame (1-based in the message).
    @Test(arguments: [
        ("R0-p(R1,CPE1", 3, "p( is never closed"),
        ("R0-p(R1,CPE1))", 13, "unbalanced ')'"),
        ("R0-Q1", 3, "unknown element 'Q1'"),
        ("R0-p(R1)", 3, "at least two branches"),
        ("R0-R0", 3, "used twice"),
        ("R0-", 3, "expected an element"),
        ("", 0, "empty"),
        ("R1{1,2}", 3, "expected 'value'"),
        ("R1{1;2}", 2, "1 parameter(s) but 2 values"),
    ])
    func syntaxErrorsPointAtTheCharacter(text: String, position: Int, problem: String) {
        let error = #expect(throws: CircuitSyntaxError.self) { try CircuitParser.parse(text) }
        #expect(error?.position == position)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "")")
        #expect(error?.description.hasSuffix(String(repeating: " ", count: position) + "^") == true)
    }
}

@Suite struct CircuitImpedanceTests {
    static let frequencies = (0..<41).map { pow(10, 6 - Double($0) * 0.2) }  // 1 MHz … 0.1 Hz

    /// Closed forms evaluated independently of the element code.
    @Test func elementsMatchTheirClosedForms() throws {
        let f = 50.0, w = 2 * Double.pi * 50
        func z(_ text: String, _ p: [Double]) throws -> Complex<Double> {
            try CircuitParser.parse(text).impedance(frequency_Hz: [f], parameters: p)[0]
        }
        func close(_ a: Complex<Double>, _ b: Complex<Double>) -> Bool { (a - b).length <= 1e-12 * b.length }
        #expect(close(try z("R1", [5]), Complex(5)))
        #expect(close(try z("C1", [2e-6]), Complex(0, -1 / (w * 2e-6))))
        #expect(close(try z("L1", [3e-6]), Complex(0, w * 3e-6)))
        // CPE with n = 1 is a capacitor; n = 0.5: 1/(Q√ω) · e^{−jπ/4}.
        #expect(close(try z("CPE1", [2e-6, 1]), Complex(0, -1 / (w * 2e-6))))
        let half = 1 / (1e-3 * w.squareRoot())
        #expect(close(try z("CPE1", [1e-3, 0.5]), Complex(half / 2.0.squareRoot(), -half / 2.0.squareRoot())))
        #expect(close(try z("W1", [7]), Complex(7 / w.squareRoot(), -7 / w.squareRoot())))
        // Finite Warburgs: at ωτ → 0 the open one is a capacitor τ/R in series with R/3, the short one R.
        let lowF = 1e-7
        let wo = try CircuitParser.parse("Wo1").impedance(frequency_Hz: [lowF], parameters: [10, 2])[0]
        #expect(abs(wo.real - 10.0 / 3) < 1e-6 && abs(wo.imaginary - (-10 / (2 * Double.pi * lowF * 2))) < 1e-3)
        let ws = try CircuitParser.parse("Ws1").impedance(frequency_Hz: [lowF], parameters: [10, 2])[0]
        #expect(abs(ws.real - 10) < 1e-6)
        // Gerischer: R/√(1+jωτ); Havriliak–Negami with α = β = 1 is R‖C with τ = RC.
        let g = try z("G1", [4, 1e-3])
        let expectedG = Complex(4.0) / Complex<Double>.sqrt(Complex(1, w * 1e-3))
        #expect(close(g, expectedG))
        #expect(close(try z("HN1", [10, 1e-3, 1, 1]), try z("p(R1,C1)", [10, 1e-4])))
        // Series adds, parallel adds admittances.
        #expect(close(try z("R0-p(R1,C1)", [1, 10, 1e-4]), Complex(1) + 1 / (Complex(0.1) + Complex(0, w * 1e-4))))
    }

    /// The analytic Jacobian of every element, through series and nested parallel connections, against
    /// central differences with one Richardson step (truncation error O(h⁴); h = 10⁻³ relative gives
    /// agreement to ~1e-9 of the largest derivative, so 1e-7 is a safe bound).
    @Test func jacobianMatchesFiniteDifferences() throws {
        let circuit = try CircuitParser.parse("R0-L0-p(R1,CPE1)-p(R2-Wo1,C2)-W1-p(Ws1,G1)-HN1")
        let values = [12.0, 2e-7, 150, 3e-6, 0.83, 90, 40, 0.7, 1e-5, 6, 25, 0.05, 60, 2e-3, 200, 4e-4, 0.8, 0.7]
        #expect(values.count == circuit.parameters.count)
        let (_, jacobian) = circuit.impedanceAndJacobian(frequency_Hz: Self.frequencies, parameters: values)
        for k in values.indices {
            func z(_ delta: Double) -> [Complex<Double>] {
                var p = values
                p[k] += delta
                return circuit.impedance(frequency_Hz: Self.frequencies, parameters: p)
            }
            let h = 1e-3 * values[k]
            let (p1, m1, p2, m2) = (z(h), z(-h), z(2 * h), z(-2 * h))
            let scale = jacobian[k].map(\.length).max()!
            for i in Self.frequencies.indices {
                let d1 = (p1[i] - m1[i]) / Complex(2 * h)
                let d2 = (p2[i] - m2[i]) / Complex(4 * h)
                let richardson = (Complex(4) * d1 - d2) / Complex(3)
                #expect((richardson - jacobian[k][i]).length <= 1e-7 * scale,
                        "\(circuit.parameterNames[k]) at \(Self.frequencies[i]) Hz")
            }
        }
    }
}

@Suite struct EffectiveCapacitanceTests {
    /// Closed-form values chosen to come out exact. The slow arc R2‖CPE2 (R 100 Ω, Q 1e-6, n = 0.5) is
    /// written first, before R0 (50 Ω) and the fast arc R1‖CPE1 (50 Ω, Q 1e-12, n = 1, τ = 5e-11 s):
    /// Hsu–Mansfeld (R^(1−n)Q)^(1/n) = R·Q² = 1e-10 F; R_s before it is R0 + R1 = 100 Ω (the faster arc is
    /// resistive at its frequencies, whatever the circuit order), so Brug (Q(1/R_s + 1/R)^(n−1))^(1/n) =
    /// Q²/0.02 = 5e-11 F. Before the fast arc only R0 counts, and for n = 1 both formulas give Q = 1e-12 F.
    /// One more with n = 0.8 against the formula written out: R_s = 100, R = 400, Q = 2e-5.
    @Test func hsuMansfeldAndBrugMatchClosedForms() throws {
        let circuit = try CircuitParser.parse("p(R2,CPE2)-R0-p(R1,CPE1)")
        let values = [100, 1e-6, 0.5, 50, 50, 1e-12, 1]
        let slow = circuit.arcs[0], fast = circuit.arcs[1]
        #expect(abs(slow.effectiveCapacitance_F(values) - 1e-10) < 1e-22)
        #expect(circuit.seriesResistance_ohm(before: slow, values) == 100)
        #expect(abs(slow.brugCapacitance_F(values, seriesResistance_ohm: 100)! - 5e-11) < 1e-23)
        #expect(circuit.seriesResistance_ohm(before: fast, values) == 50)
        #expect(abs(fast.brugCapacitance_F(values, seriesResistance_ohm: 50)! - 1e-12) < 1e-24)
        #expect(abs(fast.effectiveCapacitance_F(values) - 1e-12) < 1e-24)
        #expect(slow.brugCapacitance_F(values, seriesResistance_ohm: 0) == nil)

        let other = try CircuitParser.parse("R0-p(R1,CPE1)")
        let v = [100, 400, 2e-5, 0.8]
        let expected = Foundation.pow(2e-5 * Foundation.pow(1.0 / 100 + 1.0 / 400, 0.8 - 1), 1 / 0.8)
        let arc = other.arcs[0]
        #expect(abs(arc.brugCapacitance_F(v, seriesResistance_ohm: other.seriesResistance_ohm(before: arc, v))! - expected) <= 1e-12 * expected)
    }
}
