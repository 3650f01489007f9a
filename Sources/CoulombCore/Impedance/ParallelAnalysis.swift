import Dispatch
import Synchronization

/// One analysis of many spectra on every core.
enum ParallelAnalysis {
    /// Each input's result or error, in the inputs' order, computed on `workers` cores in contiguous runs
    /// (four runs per core, so an expensive run does not leave the other cores idle).
    static func map<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], workers: Int, _ body: @Sendable (Input) throws(AnalysisError) -> Output
    ) -> [Result<Output, AnalysisError>] {
        let results = Mutex([Result<Output, AnalysisError>?](repeating: nil, count: inputs.count))
        let runs = min(inputs.count, max(workers, 1) * 4)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            for index in (run * inputs.count / runs)..<((run + 1) * inputs.count / runs) {
                let outcome = Result { () throws(AnalysisError) in try body(inputs[index]) }
                results.withLock { $0[index] = outcome }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
