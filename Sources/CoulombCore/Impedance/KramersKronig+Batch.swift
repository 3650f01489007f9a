import Dispatch
import Synchronization

extension KramersKronig {
    /// Tests many spectra on `workers` cores: each spectrum's result or error, in the spectra's order.
    ///
    /// lin-KK costs about as much as a circuit fit (a QR solve for every M up to the one μ picks), so
    /// `fit`, `kk` and the report run it on every core as they run the fits.
    public func test(_ spectra: [ImpedanceSpectrum], workers: Int) -> [Swift.Result<Result, AnalysisError>] {
        let results = Mutex([Swift.Result<Result, AnalysisError>?](repeating: nil, count: spectra.count))
        let runs = min(spectra.count, max(workers, 1) * 4)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            for index in (run * spectra.count / runs)..<((run + 1) * spectra.count / runs) {
                let outcome = Swift.Result { () throws(AnalysisError) in try test(spectra[index]) }
                results.withLock { $0[index] = outcome }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
