import ComplexModule
import RealModule

/// Starting values for a circuit fit, read off the spectrum.
///
/// The spectrum is first described by a non-negative distribution of relaxation times: Z is fitted, with
/// relative weights, by a series resistance R∞ and RC elements on a fixed grid of time constants four per
/// decade, from a decade above the highest measured frequency to a decade below the lowest (non-negative
/// least squares; the solution is sparse, so each arc shows as a cluster of neighbouring τ). Each cluster
/// is an arc with resistance ΣRₖ and time constant the R-weighted geometric mean of its τₖ — the arc's
/// diameter and apex frequency 1/(2πτ), without having to see a separate maximum of −Z″.
///
/// The circuit's top-level series chain is then read as slots: resistors take R∞, parallel blocks (and
/// Gerischer or Havriliak–Negami elements) take the arcs in order of τ, Warburg elements take the
/// low-frequency slope (σ = −Z″√ω at the lowest frequency), a series capacitor the lowest-frequency
/// reactance, an inductor the highest-frequency one. With a Warburg in the circuit, the slowest cluster
/// is also read as the diffusion instead of an arc: its resistance and τ then start a finite Warburg. Inside an arc, a CPE gets Q = τⁿ/R, a capacitor
/// C = τ/R. When the spectrum shows fewer arcs than the circuit has, candidates place the missing ones by
/// splitting the largest arc, or as a small arc beyond either end of the window (a sulfide's bulk arc
/// above the highest frequency); with as many arcs or more, a candidate also shares the whole span evenly
/// among the circuit's arcs spread about the mean τ. Each candidate is tried with n = 0.9 and 0.75; one
/// more puts the arcs nearly together with n = 0.99.
struct InitialGuess {
    struct Arc {
        var r: Double
        var tau: Double
    }

    let circuit: Circuit
    let omega: [Double]
    let z: [Complex<Double>]
    let seriesResistance: Double
    let inductance: Double
    let arcs: [Arc]

    init(points: FitPoints, circuit: Circuit) {
        self.circuit = circuit
        omega = points.frequency_Hz.map { 2 * .pi * $0 }
        z = points.impedance_ohm
        let n = omega.count
        let minimumTau = 0.1 / omega[n - 1], maximumTau = 10 / omega[0]
        let count = max(Int((4 * Double.log10(maximumTau / minimumTau)).rounded(.up)) + 1, 2)
        let taus = RelaxationBasis.logSpaced(count, from: minimumTau, to: maximumTau)
        let withL = circuit.hasInductance
        let basis = RelaxationBasis(omega: omega, z: z, taus: taus, inductance: withL)
        let solution = NonNegativeLeastSquares.solve(basis.matrix, rows: basis.rows, columns: basis.columns, basis.target)
        seriesResistance = solution[0]
        inductance = withL ? solution[count + 1] : 0
        let rk = Array(solution[1...count])
        var arcs: [Arc] = []
        var k = 0
        while k < count {
            guard rk[k] > 0 else { k += 1; continue }
            var sum = 0.0, weightedLog = 0.0
            while k < count, rk[k] > 0 {
                sum += rk[k]
                weightedLog += rk[k] * .log(taus[k])
                k += 1
            }
            arcs.append(Arc(r: sum, tau: .exp(weightedLog / sum)))
        }
        self.arcs = arcs
    }

    /// Candidate starting vectors, the likeliest first.
    func candidates() -> [[Double]] {
        let slots = arcSlots()
        // With a diffusion element in the circuit, the slowest cluster may be the diffusion rather than
        // an arc: both readings are offered.
        var readings: [(arcs: [Arc], diffusion: Arc?)] = [(arcs, nil)]
        if circuit.elements.contains(where: { [.W, .Wo, .Ws].contains($0.kind) }), arcs.count > 1 {
            readings.append((Array(arcs.dropLast()), arcs.last))
        }
        var candidates = readings.flatMap { starts(layouts($0.arcs, slots: slots), slots: slots, diffusion: $0.diffusion) }
        // Nearly coincident ideal arcs (τ ÷1.3 and ×1.3, n = 0.99): a broadened arc is sometimes best
        // described by two, which no other start reaches.
        if slots.count > 1, !arcs.isEmpty {
            candidates.append(values(arcs: shared(arcs, slots: slots, spread: 1.3), slots: slots, diffusion: nil, n: 0.99))
        }
        return candidates
    }

    /// More starts for a fit that came out suspect (`FitDiagnosis`), each derived from the data; measured on
    /// noisy two-arc spectra, these are the ones that reach the minima the first search missed
    /// (Benchmarks/RESULTS.md).
    ///
    /// - **One arc fewer, completed at either end of the window or by a split**: the clusters merged into
    ///   one arc fewer than the circuit has, then completed as `layouts` completes a spectrum that shows too
    ///   few arcs. Noise can raise a spurious cluster, so that the spectrum seems to show every arc while a
    ///   small one beyond the top frequency (or a broad one the clusters cut in the wrong place) is missed.
    /// - **A reflecting Warburg from the capacitive tail.** A `Wo` ends the spectrum in a capacitive line,
    ///   Z ≈ R/3 + R/(jωτ) for ωτ ≪ 1, which no sum of RC elements fits: the distribution of relaxation times
    ///   puts a huge cluster at its slowest τ, and a Wo started from it settles as a 45° Warburg with R and τ
    ///   far too large. Here the Wo takes τ = 0.3, 3 and 30 times 1/ω_min and R = τ·ω_min·(−Z″(ω_min)), the
    ///   low-frequency capacitance τ/R of the data, while the arcs are the clusters faster than τ/10.
    /// - **The fit repaired**: its values, with the parameters on a bound or undetermined taken from each of
    ///   the two likeliest `candidates()`.
    func restarts(from fit: [Double], suspect: [Bool]) -> [[Double]] {
        let slots = arcSlots()
        var restarts: [[Double]] = []
        if slots.count > 1, arcs.count >= slots.count {
            restarts += starts(layouts(merged(arcs, into: slots.count - 1), slots: slots), slots: slots, diffusion: nil)
        }
        if circuit.elements.contains(where: { $0.kind == .Wo }) {
            let reciprocalCapacitance = max(-z[0].imaginary, 1e-3 * z[0].length) * omega[0]
            restarts += [0.3, 3.0, 30.0].flatMap { factor in
                let diffusion = Arc(r: factor / omega[0] * reciprocalCapacitance, tau: factor / omega[0])
                return starts(layouts(arcs.filter { $0.tau < diffusion.tau / 10 }, slots: slots), slots: slots,
                              diffusion: diffusion)
            }
        }
        for candidate in candidates().prefix(2) {
            restarts.append(fit.indices.map { suspect[$0] ? candidate[$0] : fit[$0] })
        }
        return restarts
    }

    /// Each layout as a start vector, with CPE exponents 0.9 and 0.75.
    private func starts(_ layouts: [[Arc]], slots: [Int], diffusion: Arc?) -> [[Double]] {
        layouts.flatMap { layout in [0.9, 0.75].map { values(arcs: layout, slots: slots, diffusion: diffusion, n: $0) } }
    }

    /// The arcs' whole resistance shared evenly among the slots, their τ spread by factors of `spread`
    /// about the R-weighted mean τ.
    private func shared(_ arcs: [Arc], slots: [Int], spread: Double) -> [Arc] {
        let total = arcs.reduce(0) { $0 + $1.r }
        let logTau = arcs.reduce(0) { $0 + $1.r * Double.log($1.tau) } / total
        return slots.indices.map { k in
            Arc(r: total / Double(slots.count),
                tau: Double.exp(logTau + Double.log(spread) * (2 * Double(k) - Double(slots.count - 1))))
        }
    }

    /// The arcs for the circuit's slots: merged when the spectrum shows more, completed in several ways
    /// when it shows fewer.
    private func layouts(_ arcs: [Arc], slots: [Int]) -> [[Arc]] {
        let total = max(arcs.reduce(0) { $0 + $1.r }, 1e-3 * (z.map(\.length).max() ?? 1))
        guard arcs.count < slots.count else {
            // Also the whole span shared evenly by arcs spread around its mean τ (÷3 and ×3 for two):
            // clusters can cut overlapping arcs in the wrong place.
            guard slots.count > 1, !arcs.isEmpty else { return [merged(arcs, into: slots.count)] }
            return [merged(arcs, into: slots.count), shared(arcs, slots: slots, spread: 3)]
        }
        let tauLow = 0.3 / omega[omega.count - 1], tauHigh = 3 / omega[0]
        var split = arcs, highEdge = arcs, lowEdge = arcs
        while split.count < slots.count {
            if let largest = split.indices.max(by: { split[$0].r < split[$1].r }) {
                let arc = split[largest]
                split.replaceSubrange(largest...largest, with: [Arc(r: arc.r / 2, tau: arc.tau / 3),
                                                                 Arc(r: arc.r / 2, tau: arc.tau * 3)])
            } else {
                split.append(Arc(r: total, tau: (tauLow * tauHigh).squareRoot()))
            }
            highEdge.insert(Arc(r: 0.1 * total, tau: tauLow), at: 0)
            lowEdge.append(Arc(r: 0.1 * total, tau: tauHigh))
        }
        return [split, highEdge, lowEdge]
    }

    /// The fewest-arcs merge: keep the largest arcs, fold each other one into its nearest kept neighbour
    /// in log τ.
    private func merged(_ arcs: [Arc], into count: Int) -> [Arc] {
        guard count > 0 else { return [] }
        let keep = Set(arcs.indices.sorted { arcs[$0].r > arcs[$1].r }.prefix(count))
        var kept = arcs.indices.filter(keep.contains).map { arcs[$0] }
        for (index, arc) in arcs.enumerated() where !keep.contains(index) {
            let nearest = kept.indices.min { abs(Double.log(kept[$0].tau / arc.tau)) < abs(Double.log(kept[$1].tau / arc.tau)) }!
            kept[nearest].r += arc.r
        }
        return kept
    }

    /// Top-level terms that take an arc: parallel blocks, Gerischer and Havriliak–Negami elements.
    private func arcSlots() -> [Int] {
        circuit.topLevelTerms.filter { term in
            switch circuit.nodes[term] {
            case .parallel: return true
            case .element(let e): return [.G, .HN].contains(circuit.elements[e].kind)
            case .series: return false
            }
        }
    }

    private func values(arcs: [Arc], slots: [Int], diffusion: Arc?, n: Double) -> [Double] {
        var values = circuit.parameters.map(\.typical)
        let globalResistors = circuit.topLevelTerms.filter {
            if case .element(let e) = circuit.nodes[$0] { return circuit.elements[e].kind == .R }
            return false
        }.count
        let lowOmega = omega[0], lowZ = z[0]
        let highOmega = omega[omega.count - 1], highZ = z[omega.count - 1]
        let span = max(arcs.reduce(0) { $0 + $1.r }, 1e-3 * lowZ.length)

        func assign(_ node: Int, arc: Arc?) {
            switch circuit.nodes[node] {
            case .series(let children), .parallel(let children):
                for child in children { assign(child, arc: arc) }
            case .element(let e):
                let element = circuit.elements[e]
                let k = element.firstParameter
                switch element.kind {
                case .R:
                    values[k] = arc?.r ?? max(seriesResistance, 1e-3 * highZ.length) / Double(max(globalResistors, 1))
                case .C:
                    if let arc { values[k] = arc.tau / arc.r } else {
                        values[k] = 1 / (lowOmega * max(-lowZ.imaginary, 1e-3 * lowZ.length))
                    }
                case .CPE:
                    values[k + 1] = n
                    if let arc { values[k] = Double.pow(arc.tau, n) / arc.r } else {
                        values[k] = 1 / (Double.pow(lowOmega, n) * max(-lowZ.imaginary, 1e-3 * lowZ.length))
                    }
                case .L:
                    values[k] = inductance > 0 ? inductance : max(highZ.imaginary, 1e-6 * highZ.length) / highOmega
                case .W:
                    values[k] = max(-lowZ.imaginary, 1e-3 * lowZ.length) * lowOmega.squareRoot()
                case .Wo, .Ws:
                    values[k] = diffusion?.r ?? arc?.r ?? span / 2
                    values[k + 1] = diffusion?.tau ?? 1 / lowOmega
                case .G:
                    values[k] = arc?.r ?? span / 2
                    values[k + 1] = arc?.tau ?? 1 / (lowOmega * highOmega).squareRoot()
                case .HN:
                    values[k] = arc?.r ?? span / 2
                    values[k + 1] = arc?.tau ?? 1 / (lowOmega * highOmega).squareRoot()
                    values[k + 2] = n
                    values[k + 3] = 0.9
                }
            }
        }
        for term in circuit.topLevelTerms {
            if let slot = slots.firstIndex(of: term), slot < arcs.count { assign(term, arc: arcs[slot]) } else {
                assign(term, arc: nil)
            }
        }
        // Keep each start inside the bounds.
        for (k, p) in circuit.parameters.enumerated() {
            values[k] = min(max(values[k], p.lowerBound), p.upperBound)
            if p.isScale, values[k] <= 0 { values[k] = p.typical }
        }
        return values
    }
}
