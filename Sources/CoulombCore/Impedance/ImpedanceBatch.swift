import Dispatch
import Synchronization

/// Fits one circuit to many spectra on every core.
///
/// The series is cut into contiguous runs of eight spectra; within a run each spectrum is warm-started from
/// the fit of the one before (a series of spectra changes slowly, so the neighbour's values are usually
/// the best start, and they are tried beside the automatic ones, never instead). A spectrum that cannot
/// be fitted gets its error and the rest go on. Arcs come out ordered by time constant in every
/// spectrum (`ArcOrdering`), so labels do not swap along the series.
public struct ImpedanceBatch: Sendable {
    public var fitter: ImpedanceFitter

    public init(fitter: ImpedanceFitter = ImpedanceFitter()) {
        self.fitter = fitter
    }

    /// - Parameters:
    ///   - circuit: the circuit fitted to every spectrum.
    ///   - spectra: the series, in measurement order (the order warm starts follow).
    ///   - starts: per spectrum, initial values to add to the circuit's own (from an earlier fit), by name.
    ///   - kramersKronig: per spectrum, its lin-KK result when the caller has it (see ``ImpedanceFitter``).
    ///   - progress: called with the number of spectra done so far, from any thread.
    public func fit(_ circuit: Circuit, to spectra: [ImpedanceSpectrum],
                    starts: [[(name: String, spec: ParameterSpec)]]? = nil,
                    kramersKronig: [KramersKronig.Result?]? = nil,
                    progress: (@Sendable (Int) -> Void)? = nil) -> [Result<CircuitFitResult, AnalysisError>] {
        let count = spectra.count
        guard count > 0 else { return [] }
        // Runs of eight spectra: enough neighbours to warm-start from, enough runs to balance cores. The
        // cut does not depend on `workers`, so a fit's start, and its result, is the same on any machine.
        let runs = (count + 7) / 8
        let results = Mutex([Result<CircuitFitResult, AnalysisError>?](repeating: nil, count: count))
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var previous: [Double]?
            for index in (run * count / runs)..<((run + 1) * count / runs) {
                // The user's own values (in the circuit or --initial) win over a per-spectrum start.
                let extra = starts?[index].filter { spec in
                    circuit.parameters.first { $0.name == spec.name }?.initial == nil
                } ?? []
                let outcome = Result { () throws(AnalysisError) -> CircuitFitResult in
                    var own = circuit
                    try own.apply(extra)
                    return try fitter.fit(own, to: spectra[index], warmStart: previous, kramersKronig: kramersKronig?[index] ?? nil)
                }
                if case .success(let fit) = outcome, fit.converged { previous = fit.values }
                results.withLock { $0[index] = outcome }
                let finished = done.add(1, ordering: .relaxed).newValue
                progress?(finished)
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
