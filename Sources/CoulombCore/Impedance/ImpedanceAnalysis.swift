/// Every spectrum of a cell checked with lin-KK and fitted with one circuit, and what the fits mean.
///
/// The one entry point behind `fit`, `report`, `plot arrhenius` and `batch`: lin-KK runs first, because
/// its verdict goes beside each fit and its residual level tells the fitter when a fit is stuck
/// (the fit's diagnosis); the fits run in parallel (``ImpedanceBatch``, whose results do not depend on the
/// number of workers); the ``ImpedanceInterpretation`` turns them into ASR, σ, capacitances and
/// activation energies.
public struct ImpedanceAnalysis: Sendable {
    public let interpretation: ImpedanceInterpretation
    public let spectra: [ImpedanceSpectrum]
    /// Each spectrum's lin-KK test with the default settings (nil: too short for it).
    public let kramersKronig: [KramersKronig.Result?]
    public let fits: [Result<CircuitFitResult, AnalysisError>]
    /// Activation energy per resistance across spectra with a temperature.
    public let arrhenius: [(name: String, fit: ArrheniusFit)]

    /// - Parameters:
    ///   - spectra: the cell's spectra.
    ///   - interpretation: the circuit and what its fits mean for the cell.
    ///   - fitter: how each spectrum is fitted (weighting, iterations).
    ///   - starts: per spectrum, initial values to add to the circuit's own, by name.
    ///   - workers: parallel lin-KK tests (the fits use every core).
    ///   - progress: called with the number of spectra fitted so far, from any thread.
    public init(_ spectra: [ImpedanceSpectrum], interpretation: ImpedanceInterpretation, fitter: ImpedanceFitter,
                starts: [[(name: String, spec: ParameterSpec)]]? = nil, workers: Int,
                progress: (@Sendable (Int) -> Void)? = nil) {
        self.interpretation = interpretation
        self.spectra = spectra
        kramersKronig = KramersKronig().test(spectra, workers: workers).map { try? $0.get() }
        fits = ImpedanceBatch(fitter: fitter)
            .fit(interpretation.circuit, to: spectra, starts: starts, kramersKronig: kramersKronig, progress: progress)
        arrhenius = interpretation.arrhenius(spectra, fits: fits)
    }

    public var circuit: Circuit { interpretation.circuit }

    /// The converged fits, in spectrum order (nil for a failed or unconverged one).
    public var convergedFits: [CircuitFitResult?] {
        fits.map { (try? $0.get()).flatMap { $0.converged ? $0 : nil } }
    }
}
