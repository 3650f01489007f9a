import ComplexModule
import RealModule

/// One process read off a DRT: its time constant and resistance from a fit of one ZARC per peak to Z.
public struct DRTPeak: Sendable, Equatable {
    /// τ, s: (R·Q)^(1/n) of the fitted ZARC (the DRT's own peak position when the fit failed).
    public var tau_s: Double
    /// The characteristic frequency 1/(2πτ), Hz: the apex of the arc.
    public var frequency_Hz: Double
    /// The fitted ZARC's R, Ω (the peak's DRT area when the fit failed).
    public var resistance_ohm: Double
    /// Its 1σ from the ZARC fit's covariance, Ω (nil when the fit failed or R sits on a bound).
    public var resistanceStandardError_ohm: Double?
    /// The Hsu–Mansfeld effective capacitance τ/R = (R^(1−n)·Q)^(1/n), F.
    public var effectiveCapacitance_F: Double
    /// The fitted ZARC's CPE exponent n (1 for an ideal R‖C; nil when the fit failed).
    public var exponent: Double?
    /// The capacitance class (`CapacitanceTable`) of the effective capacitance.
    public var assignment: String
    /// Where the DRT itself puts the peak: τ at its top, s, and ∫γ d ln τ between its valleys, Ω (biased by
    /// λ, and shared where peaks overlap: a seed and a cross-check, not the result).
    public var drtTau_s: Double
    public var drtArea_ohm: Double
    /// The peak's τ lies within the measured band 1/ω_max … 1/ω_min; outside it its values are extrapolated.
    public var insideBand: Bool
}

/// The peaks of a DRT and their resistances, fitted to Z.
///
/// Peaks are the local maxima of γ(log₁₀τ) found by `PeakFinder` with a prominence of at least 1 % of the
/// highest, and lower ones (0.1 %) more than half a decade from those; a peak counts when its area is at
/// least `minimumShare` of the total or `minimumLocalShare` of |Z| where it relaxes (ω = 1/τ) — the second
/// keeps a small bulk arc at high frequency beside a large interface arc. The area under a regularised
/// γ is biased by λ and overlapping peaks share it, so each kept peak seeds one ZARC, R‖CPE,
/// Z = R/(1 + (jωτ)ⁿ) (τ = (RQ)^(1/n)), in the circuit R0-p(R1,CPE1)-…[-L0], which `ImpedanceFitter` fits
/// to the spectrum (Boukamp weighting) from a single start: R from the area, τ from the position,
/// n = 0.9, Q = τⁿ/R, R0 and L from the DRT. The fitted arcs, ordered by τ (`ArcOrdering`), are the peaks'
/// results.
///
/// **Ringing.** A broad ZARC (n ≈ 0.8) has long tails, and a regularised, non-negative γ often breaks them
/// into side lobes of 1–4 % of the area; noise adds more. A ZARC seeded on such a lobe takes a resistance
/// the data do not determine (1σ > value, or a singular covariance), runs off the τ grid, or stops the fit
/// converging. So the peaks enter the circuit one at a time, largest area first (forward selection): a
/// peak is kept when the fit with it converges, leaves every arc determined, with τ on the DRT's grid and
/// R counting as a peak's area does, and lowers the weighted residuals significantly (F ≥ `minimumF`);
/// otherwise it is dropped, counted in a warning, and the next one is tried. The search stops early, with
/// the rest counted in another warning, once one more ZARC could not be significant even if it brought the
/// residuals (relative to |Z|) down to the floor of the closest non-negative distribution on the grid (γ ≥ 0
/// at the smallest λ searched): a sum of ZARCs is itself such a distribution. The peaks left then are
/// the DRT's ringing, and the fits that would have rejected them one by one (most of the time of a
/// spectrum with lobes) are not run. When not even the largest peak can be fitted, the DRT's own positions
/// and areas are reported and a warning says so.
struct DRTPeaks {
    /// The F statistic an extra ZARC must reach: far above the 1 % point of F(3, 2N − p) (about 4 for a
    /// 70-point spectrum), since residuals of real spectra are not independent.
    static let minimumF = 10.0
    /// The F statistic by which the closest non-negative distribution must beat the ZARCs, for all its extra
    /// unknowns, before more peaks are tried: above the 1 % point of F(m − p, 2N − m) (about 2 for 20 extra
    /// unknowns of 160 residuals), for the same reason.
    static let minimumFloorF = 3.0
    /// A peak also counts when its resistance is at least this share of |Z| where it relaxes, however small
    /// its share of ΣR: a 10 Ω bulk arc beside a 2 kΩ interface is 0.5 % of ΣR but most of |Z| at 1 MHz,
    /// and the fits, weighted by |Z|, see it as clearly as the interface.
    static let minimumLocalShare = 0.05

    var minimumShare: Double
    var fitter: ImpedanceFitter

    struct Outcome {
        var peaks: [DRTPeak]
        var seriesResistance_ohm: Double
        var seriesInductance_H: Double?
        var warnings: [String]
    }

    /// One ZARC's start: R, Q, n and τ = (RQ)^(1/n).
    typealias Start = (r: Double, q: Double, n: Double, tau: Double)

    /// - Parameters:
    ///   - curve: γ, Ω, on a uniform grid of log₁₀τ.
    ///   - band: the measured τ range, s.
    ///   - grid: the τ range of the basis, s: a fitted arc beyond it has left the data.
    ///   - level: the DRT's own residuals, as a Kramers–Kronig-compliant fit of these points: the fitter's
    ///     yardstick for a fit stuck above the noise, in place of running lin-KK on every trial.
    ///   - floor: the least sum of squared relative residuals of any non-negative distribution on the grid,
    ///     and the number of its unknowns that are not zero; asked for at most once, when a fit is accepted
    ///     with peaks left to try.
    ///   - classify: the capacitance class of an effective capacitance.
    func find(curve: UniformGrid, band: ClosedRange<Double>, grid: ClosedRange<Double>, rInfinity: Double,
              inductance: Double?, spectrum: ImpedanceSpectrum, level: KramersKronig.Result,
              floor: () -> (sum: Double, parameters: Int), classify: (Double) -> String) -> Outcome {
        // Peaks of at least 1 % of the highest, and lower ones well apart from them (a small arc at high
        // frequency is low beside a large one at low frequency); each kept if it holds `minimumShare` of the
        // total area or `minimumLocalShare` of |Z| where it relaxes.
        let found = PeakFinder(minimumProminence: 0.01).peaks(curve)
        let low = PeakFinder(minimumProminence: 0.001).peaks(curve).filter { peak in
            found.allSatisfy { abs($0.position - peak.position) > 0.5 }
        }
        let total = found.reduce(0) { $0 + $1.area } * Double.log(10)
        let logOmega = spectrum.frequency_Hz.map { Double.log(2 * .pi * $0) }
        func matters(_ r: Double, _ tau: Double) -> Bool {
            let nearest = logOmega.indices.min { abs(logOmega[$0] + Double.log(tau)) < abs(logOmega[$1] + Double.log(tau)) }!
            return r >= minimumShare * total || r >= Self.minimumLocalShare * spectrum.impedance_ohm[nearest].length
        }
        let seeds = (found + low).map { (tau: Double.pow(10, $0.position), area: $0.area * Double.log(10)) }
            .filter { total > 0 && matters($0.area, $0.tau) }
        guard !seeds.isEmpty else {
            return Outcome(peaks: [], seriesResistance_ohm: rInfinity, seriesInductance_H: inductance,
                           warnings: ["the DRT has no peak: the spectrum shows no relaxation in the band"])
        }
        // The accepted fit and the DRT's starts of its arcs. Each trial starts afresh from the DRT (its R∞, L and
        // the starts of the peaks taken so far): the accepted fit's values, found while a peak was missing, are
        // distorted by it — one arc covering two, R∞ collapsed into the nearest arc — and lead the next fit
        // into the same wrong minimum.
        var accepted: (starts: [Start], circuit: Circuit, fit: CircuitFitResult)?
        var dropped = 0, unneeded = 0
        var firstProblem = ""
        var closest: (sum: Double, parameters: Int)?
        let ordered = seeds.sorted { $0.area > $1.area }
        for (k, seed) in ordered.enumerated() {
            let new: Start = (seed.area, Double.pow(seed.tau, 0.9) / seed.area, 0.9, seed.tau)
            let starts = ((accepted?.starts ?? []) + [new]).sorted { $0.tau < $1.tau }
            let circuit: Circuit, fit: CircuitFitResult
            do {
                circuit = try zarcCircuit(starts, r0: max(rInfinity, 1e-3 * ordered[0].area), inductance: inductance)
                // The start as a warm start too, so the fitter tries it alone rather than beside the automatic
                // candidates (which every given value overrides).
                fit = try fitter.fit(circuit, to: spectrum, warmStart: circuit.parameters.map { $0.initial ?? 0 },
                                     kramersKronig: level)
            } catch {
                if firstProblem.isEmpty { firstProblem = error.problem }
                dropped += 1
                continue
            }
            let determined = circuit.arcs.allSatisfy { arc in
                let tau = arc.timeConstant_s(fit.values)
                return grid.contains(tau) && matters(fit.values[arc.resistance], tau)
                    && [arc.resistance, arc.capacitance].allSatisfy { p in
                        fit.atBound[p] || (fit.standardErrors[p].map { $0 <= fit.values[p] } ?? false)
                    }
            }
            // The fitter's `converged` also fails a fit whose residuals are well above the noise — as they are
            // while a peak is still missing — so only the iteration limit counts here.
            let sum = fit.chiSquare * Double(2 * fit.fittedPoints - circuit.parameters.count)
            if fit.iterations < fitter.maximumIterations && determined && significant(sum, than: accepted?.fit) {
                accepted = (starts, circuit, fit)
                guard k + 1 < ordered.count else { break }
                let bound = closest ?? floor()
                closest = bound
                if Self.exhausts(bound, circuit, fit, spectrum) {
                    unneeded = ordered.count - k - 1
                    break
                }
            } else {
                if firstProblem.isEmpty { firstProblem = fit.warnings.joined(separator: "; ") }
                dropped += 1
            }
        }
        guard let (_, circuit, fit) = accepted else {
            let peaks = seeds.map { peak in
                let c = peak.tau / peak.area
                return DRTPeak(tau_s: peak.tau, frequency_Hz: 1 / (2 * .pi * peak.tau), resistance_ohm: peak.area,
                               resistanceStandardError_ohm: nil, effectiveCapacitance_F: c, exponent: nil, assignment: classify(c), drtTau_s: peak.tau,
                               drtArea_ohm: peak.area, insideBand: band.contains(peak.tau))
            }
            return Outcome(peaks: peaks, seriesResistance_ohm: rInfinity, seriesInductance_H: inductance,
                           warnings: ["no ZARC fit to the DRT's peaks converged with every arc determined (\(firstProblem)): "
                                      + "resistances are the DRT's peak areas, biased by λ and shared where peaks overlap"])
        }
        let peaks = circuit.arcs.map { arc in
            let tau = arc.timeConstant_s(fit.values), c = arc.effectiveCapacitance_F(fit.values)
            // A ZARC may settle on another peak than the one it was seeded on: its DRT peak is the nearest.
            let own = seeds.min { abs(Double.log($0.tau / tau)) < abs(Double.log($1.tau / tau)) }!
            return DRTPeak(tau_s: tau, frequency_Hz: 1 / (2 * .pi * tau), resistance_ohm: fit.values[arc.resistance],
                           resistanceStandardError_ohm: fit.standardErrors[arc.resistance], effectiveCapacitance_F: c, exponent: arc.exponent.map { fit.values[$0] },
                           assignment: classify(c), drtTau_s: own.tau, drtArea_ohm: own.area,
                           insideBand: band.contains(tau))
        }
        // A ZARC that is an ideal R‖C ends on n = 1; the stuck test compared against the DRT, not lin-KK.
        var warnings = fit.warnings.filter { !($0.contains("ended on its bound") && $0.contains("_n ")) && !$0.contains("lin-KK") }
            .map { "ZARC fit: \($0)" }
        if dropped > 0 {
            warnings.append("\(dropped) of the DRT's \(seeds.count) peaks could not be fitted as a ZARC the data determine "
                            + "(ringing or noise) and were dropped")
        }
        if unneeded > 0 {
            warnings.append("\(unneeded) of the DRT's \(seeds.count) peaks left out as ringing: the ZARCs already fit the spectrum "
                            + "so closely that one more could not improve the fit significantly")
        }
        return Outcome(peaks: peaks, seriesResistance_ohm: fit.values[0],
                       seriesInductance_H: inductance != nil ? fit.values[fit.values.count - 1] : nil, warnings: warnings)
    }

    /// Whether a weighted residual sum of squares `sum` with one more ZARC (3 parameters) is a significant
    /// improvement on the accepted fit.
    private func significant(_ sum: Double, than accepted: CircuitFitResult?) -> Bool {
        guard let accepted else { return sum.isFinite }
        let before = accepted.chiSquare * Double(2 * accepted.fittedPoints - accepted.values.count)
        return Self.f(from: before, to: sum, added: 3, dof: 2 * accepted.fittedPoints - accepted.values.count - 3) >= Self.minimumF
    }

    /// Whether the accepted ZARCs leave nothing for another peak: one more ZARC could at best bring the
    /// residuals (relative to |Z|) down to the floor, so the search is over when even that would not be a
    /// significant improvement, or when the floor's whole distribution is no significant improvement on the
    /// ZARCs for all its extra unknowns.
    private static func exhausts(_ floor: (sum: Double, parameters: Int), _ circuit: Circuit, _ fit: CircuitFitResult,
                                 _ spectrum: ImpedanceSpectrum) -> Bool {
        let model = circuit.impedance(frequency_Hz: spectrum.frequency_Hz, parameters: fit.values)
        let sum = zip(spectrum.impedance_ohm, model).reduce(0) { $0 + ($1.0 - $1.1).lengthSquared / $1.0.lengthSquared }
        let p = fit.values.count, n = 2 * fit.fittedPoints
        if f(from: sum, to: floor.sum, added: 3, dof: n - p - 3) < minimumF { return true }
        return floor.parameters > p && n > floor.parameters
            && f(from: sum, to: floor.sum, added: floor.parameters - p, dof: n - floor.parameters) < minimumFloorF
    }

    /// F = ((S₀ − S)/k)/(S/ν): how much lowering a residual sum of squares from S₀ to S with k more
    /// parameters beats what noise would give, ν the degrees of freedom left with them.
    private static func f(from before: Double, to sum: Double, added k: Int, dof: Int) -> Double {
        (before - sum) / Double(k) / (sum / Double(dof))
    }

    /// R0-p(R1,CPE1)-…[-L0] with its start at the given values.
    private func zarcCircuit(_ starts: [Start], r0: Double, inductance: Double?) throws(AnalysisError) -> Circuit {
        let text = (["R0"] + starts.indices.map { "p(R\($0 + 1),CPE\($0 + 1))" } + (inductance != nil ? ["L0"] : []))
            .joined(separator: "-")
        var circuit: Circuit
        do { circuit = try CircuitParser.parse(text) } catch { throw AnalysisError("\(error)") }
        var specs: [(name: String, spec: ParameterSpec)] = [("R0", ParameterSpec(initial: r0))]
        for (k, start) in starts.enumerated() {
            specs += [("R\(k + 1)", ParameterSpec(initial: start.r)), ("CPE\(k + 1)_Q", ParameterSpec(initial: start.q)),
                      ("CPE\(k + 1)_n", ParameterSpec(initial: start.n))]
        }
        if let inductance { specs.append(("L0", ParameterSpec(initial: max(inductance, 1e-12)))) }
        try circuit.apply(specs)
        return circuit
    }
}
