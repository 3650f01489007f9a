/// One row's source in a per-spectrum table: a spectrum's outcome, or a chosen spectrum that could not be
/// read (`index` nil, its error as the failure).
public struct SpectrumEntry<Outcome> {
    /// The spectrum's test id (its position when it has none).
    public var id: Int
    /// Position among the read spectra (nil for an unreadable one).
    public var index: Int?
    public var outcome: Result<Outcome, AnalysisError>

    /// The read spectra's outcomes and the unreadable spectra in one list, in test-id order, so each kind
    /// of row is made once.
    public static func merged(_ spectra: [ImpedanceSpectrum], _ outcomes: [Result<Outcome, AnalysisError>],
                              rejected: [(id: Int, problem: String)]) -> [SpectrumEntry] {
        (outcomes.enumerated().map { SpectrumEntry(id: spectra[$0].testID ?? $0, index: $0, outcome: $1) }
            + rejected.map { SpectrumEntry(id: $0.id, index: nil, outcome: .failure(AnalysisError($0.problem))) })
            .sorted { $0.id < $1.id }
    }
}
