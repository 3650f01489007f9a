import ComplexModule
import RealModule

/// Fits an equivalent circuit to impedance spectra by complex nonlinear least squares.
///
/// The real and imaginary residuals are stacked and weighted (`FitWeighting`) and minimised by bounded
/// Levenberg–Marquardt with the circuit's analytic Jacobian (`LevenbergMarquardt`). Starting values come,
/// per parameter, from the user, else a warm start (the neighbouring spectrum's fit), else the spectrum
/// itself (`InitialGuess`); with automatic values several starts are tried briefly and the best one is
/// carried to convergence. Arcs that are interchangeable are put in order of time constant
/// (`ArcOrdering`), so R1 is always the faster arc. The fit is then checked (`FitDiagnosis`): one with
/// residuals above twice the spectrum's lin-KK level or with a parameter the data do not determine is
/// searched again from more starts derived from the data (`InitialGuess.restarts`), and what stays suspect
/// is flagged — `suspect`, the reasons in `warnings`, and `converged` false for a fit left stuck.
public struct ImpedanceFitter: Sendable {
    public var weighting: FitWeighting
    /// Fit the inductive tail even without an L in the circuit (see `FitPoints`).
    public var keepInductiveTail: Bool
    public var maximumIterations: Int
    /// Iterations each automatic start gets before the best is carried on.
    public var trialIterations: Int
    /// How many of the starts, ranked by their initial cost, get those iterations.
    public var screenedStarts: Int
    /// How many of those, ranked by their cost after the trial, are carried to convergence.
    public var carriedStarts: Int
    /// How many restarts of a suspect fit (`FitDiagnosis`), after all of them had their trial, are carried to
    /// convergence (0: no restarts).
    public var restartCarried: Int

    public init(weighting: FitWeighting = .boukamp, keepInductiveTail: Bool = false, maximumIterations: Int = 200,
                trialIterations: Int = 12, screenedStarts: Int = 4, carriedStarts: Int = 2, restartCarried: Int = 2) {
        self.weighting = weighting
        self.keepInductiveTail = keepInductiveTail
        self.maximumIterations = maximumIterations
        self.trialIterations = trialIterations
        self.screenedStarts = screenedStarts
        self.carriedStarts = carriedStarts
        self.restartCarried = restartCarried
    }

    /// Fits `circuit` (with any initial values, bounds and fixed values it carries) to `spectrum`.
    ///
    /// - Parameters:
    ///   - circuit: the circuit, with the values, bounds and fixed values the user gave.
    ///   - spectrum: the measured spectrum.
    ///   - warmStart: values to start from where the user gave none — typically the previous
    ///     spectrum's fit in a series; tried beside the automatic starts, not instead of them.
    ///   - kramersKronig: the spectrum's lin-KK result when the caller has it already (`coulomb fit`
    ///     shows it beside every fit): it gives the residual level without running lin-KK again, when every
    ///     point of the spectrum is fitted, in the spectrum's order.
    /// - Throws: `AnalysisError` when the spectrum cannot be fitted at all (see `FitPoints`).
    public func fit(_ circuit: Circuit, to spectrum: ImpedanceSpectrum, warmStart: [Double]? = nil,
                    kramersKronig: KramersKronig.Result? = nil) throws(AnalysisError) -> CircuitFitResult {
        let points = try FitPoints(spectrum, circuit: circuit, keepInductiveTail: keepInductiveTail)
        var warnings: [String] = []
        var model = CircuitResiduals(circuit: circuit, points: points, weighting: weighting)

        // Start values: the user's (clipped into the bounds), else candidates.
        var user = circuit.parameters.map(\.initial)
        for (k, p) in circuit.parameters.enumerated() {
            guard let value = user[k], !p.isFixed else { continue }
            if p.isScale && value <= 0 {
                warnings.append("initial \(p.name) = \(value) is not positive; using an automatic guess")
                user[k] = nil
            } else if value < p.lowerBound || value > p.upperBound {
                let clipped = min(max(value, p.lowerBound), p.upperBound)
                warnings.append("initial \(p.name) = \(value) is outside [\(p.lowerBound), \(p.upperBound)]; "
                                + "clipped to \(clipped)")
                user[k] = clipped
            }
        }
        var starts: [[Double]] = []
        if let warmStart, warmStart.count == user.count {
            starts.append(zip(user, warmStart).map { $0 ?? $1 })
        }
        var guess: InitialGuess?
        if user.contains(where: { $0 == nil }) || starts.isEmpty {
            guess = InitialGuess(points: points, circuit: circuit)
            starts += guess!.candidates().map { zip(user, $0).map { $0 ?? $1 } }
        }

        var level: Double??  // lin-KK's residual level, computed when a fit first needs it
        if let kramersKronig, points.frequency_Hz == spectrum.frequency_Hz {
            level = .some(FitDiagnosis.kramersKronigLevel(points, weighting: weighting, result: kramersKronig))
        }
        var outcome = try search(starts, circuit: circuit, model: &model, screened: screenedStarts, carried: carriedStarts)
        var (errors, chiSquare, diagnosis) = review(&model, &outcome, circuit: circuit, points: points, level: &level)
        if diagnosis.needsRestart, restartCarried > 0 {
            // Restart from the data alone (the user's fixed values kept): every restart gets the trial
            // iterations, the best `restartCarried` are carried to convergence, and the lower minimum wins.
            let data = guess ?? InitialGuess(points: points, circuit: circuit)
            var restarts = data.restarts(from: outcome.x, suspect: diagnosis.suspectParameters)
            for k in circuit.parameters.indices where circuit.parameters[k].isFixed {
                for s in restarts.indices { restarts[s][k] = outcome.x[k] }
            }
            if var again = try? search(restarts, circuit: circuit, model: &model, screened: restarts.count,
                                       carried: restartCarried),
               again.cost < outcome.cost {
                again.iterations += outcome.iterations
                outcome = again
                (errors, chiSquare, diagnosis) = review(&model, &outcome, circuit: circuit, points: points, level: &level)
            }
        }
        let result = outcome
        if !result.converged {
            warnings.append("did not converge in \(maximumIterations) iterations")
        }
        for (k, p) in circuit.parameters.enumerated() where result.atBound[k] && !p.isFixed {
            warnings.append("\(p.name) ended on its bound (\(result.x[k]))")
        }
        warnings += diagnosis.reasons.filter { !warnings.contains($0) }
        return CircuitFitResult(
            values: result.x, standardErrors: errors, atBound: result.atBound,
            rss_ohm2: model.unweightedSumOfSquares(result.x), chiSquare: chiSquare,
            converged: result.converged && !diagnosis.isStuck, suspect: diagnosis.isSuspect,
            residualRatio: diagnosis.residualRatio,
            iterations: result.iterations, fittedPoints: points.count, excludedPoints: points.excluded,
            warnings: warnings)
    }

    /// The lowest minimum reached from `starts`: when there are several, the `screened` of lowest cost get
    /// `trialIterations`, and the `carried` best after that are carried to convergence (the leader after a
    /// few iterations is not always the one with the lowest minimum).
    private func search(_ starts: [[Double]], circuit: Circuit, model: inout CircuitResiduals, screened: Int,
                        carried: Int) throws(AnalysisError) -> LevenbergMarquardt.Result {
        let variables = { (start: [Double]) in
            circuit.parameters.enumerated().map { k, p in
                LevenbergMarquardt.Variable(value: start[k], lower: p.lowerBound, upper: p.upperBound,
                                            isScale: p.isScale && p.lowerBound >= 0, isFixed: p.isFixed)
            }
        }
        var best: LevenbergMarquardt.Result?
        if starts.count == 1 {
            best = LevenbergMarquardt(maximumIterations: maximumIterations).minimize(&model, variables(starts[0]))
        } else {
            let ranked = starts.map { (start: $0, cost: model.cost($0)) }
                .filter { $0.cost.isFinite }.sorted { $0.cost < $1.cost }.prefix(screened).map(\.start)
            let trial = LevenbergMarquardt(maximumIterations: trialIterations)
            let leaders = ranked.map { trial.minimize(&model, variables($0)) }
                .filter { $0.cost.isFinite }.sorted { $0.cost < $1.cost }.prefix(carried)
            let carry = LevenbergMarquardt(maximumIterations: max(maximumIterations - trialIterations, 1))
            for leader in leaders {
                var final = leader
                if !leader.converged {
                    final = carry.minimize(&model, variables(leader.x))
                    final.iterations += leader.iterations
                }
                if final.cost < best?.cost ?? .infinity { best = final }
            }
        }
        guard let result = best, result.cost.isFinite else {
            throw AnalysisError("the circuit's impedance is not finite at any starting point")
        }
        return result
    }

    /// Orders the arcs of `result` (`ArcOrdering`), then its standard errors, reduced χ² and what is suspect
    /// about it.
    private func review(_ model: inout CircuitResiduals, _ result: inout LevenbergMarquardt.Result,
                        circuit: Circuit, points: FitPoints, level: inout Double??)
        -> (errors: [Double?], chiSquare: Double, diagnosis: FitDiagnosis) {
        let permutation = ArcOrdering(circuit).permutation(result.x)
        result.x = permutation.map { result.x[$0] }
        result.atBound = permutation.map { result.atBound[$0] }
        let free = circuit.parameters.indices.filter { !circuit.parameters[$0].isFixed }
        let dof = 2 * points.count - free.count
        let chiSquare = dof > 0 ? 2 * result.cost / Double(dof) : .nan
        let errors = standardErrors(&model, result, circuit: circuit, scale: chiSquare)
        var residuals = [Double](repeating: 0, count: model.residualCount)
        model.evaluate(result.x, residuals: &residuals, jacobian: nil)
        // Residuals that look like white noise cannot be twice the noise level: lin-KK is skipped.
        let white = FitDiagnosis.looksWhite(residuals)
        if level == nil, !white { level = .some(FitDiagnosis.kramersKronigLevel(points, weighting: weighting)) }
        return (errors, chiSquare, FitDiagnosis(circuit: circuit, values: result.x, standardErrors: errors,
                                                atBound: result.atBound, chiSquare: chiSquare, kramersKronigLevel: white ? nil : level ?? nil))
    }

    /// √diag(s²(JᵀWJ)⁻¹) over the parameters that are free and off their bounds.
    private func standardErrors(_ model: inout CircuitResiduals, _ result: LevenbergMarquardt.Result,
                                circuit: Circuit, scale: Double) -> [Double?] {
        let index = circuit.parameters.indices.filter { !circuit.parameters[$0].isFixed && !result.atBound[$0] }
        var errors = [Double?](repeating: nil, count: circuit.parameters.count)
        guard !index.isEmpty, scale.isFinite else { return errors }
        let m = model.residualCount
        var r = [Double](repeating: 0, count: m)
        var jacobian = [Double](repeating: 0, count: m * circuit.parameters.count)
        jacobian.withUnsafeMutableBufferPointer { model.evaluate(result.x, residuals: &r, jacobian: $0) }
        let n = index.count
        var normal = [Double](repeating: 0, count: n * n)
        for (a, ka) in index.enumerated() {
            for (b, kb) in index.enumerated() {
                normal[a * n + b] = LevenbergMarquardt.dot(jacobian, ka * m, jacobian, kb * m, m)
            }
        }
        // Scale to unit diagonal before inverting: the raw matrix mixes Ω and F and spans ~30 decades.
        let d = (0..<n).map { normal[$0 * n + $0] > 0 ? 1 / normal[$0 * n + $0].squareRoot() : 1 }
        for a in 0..<n { for b in 0..<n { normal[a * n + b] *= d[a] * d[b] } }
        guard let inverse = Cholesky.inverse(normal, n) else { return errors }
        for (a, k) in index.enumerated() {
            let variance = inverse[a * n + a] * d[a] * d[a] * scale
            if variance.isFinite, variance >= 0 { errors[k] = variance.squareRoot() }
        }
        return errors
    }
}
