extension KramersKronig {
    /// Tests many spectra on `workers` cores: each spectrum's result or error, in the spectra's order.
    ///
    /// lin-KK costs about as much as a circuit fit (a QR solve for every M up to the one μ picks), so
    /// `fit`, `kk` and the report run it on every core as they run the fits.
    public func test(_ spectra: [ImpedanceSpectrum], workers: Int) -> [Swift.Result<Result, AnalysisError>] {
        ParallelAnalysis.map(spectra, workers: workers) { spectrum throws(AnalysisError) in try test(spectrum) }
    }
}
