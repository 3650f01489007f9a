extension KramersKronig {
    /// Each spectrum's verdict as columns, one row per spectrum in test-id order (an unreadable one with
    /// its error): M, μ, the largest real and imaginary residuals in % of |Z|, valid, and the series C
    /// and L of the test circuit; the test's settings in the summary.
    public func resultTable(file: String, cell: Cell, spectra: [ImpedanceSpectrum], outcomes: [Swift.Result<Result, AnalysisError>],
                            rejected: [(id: Int, problem: String)] = []) -> ResultTable {
        var table = ResultTable(
            summary: [("file", .string(file)), ("cell", .string(cell.id)), ("mu_cutoff", .number(muCutoff)),
                      ("max_residual_pct", .number(maximumResidual_pct)),
                      ("series_capacitance_rule", .string(seriesCapacitance.rawValue))],
            columns: ["spectrum", "M", "mu", "max_residual_real_pct", "max_residual_imag_pct", "valid", "error",
                      "series_capacitance", "series_capacitance_F", "series_inductance_H"],
            rowsKey: "spectra", labels: Self.labels)
        for entry in SpectrumEntry.merged(spectra, outcomes, rejected: rejected) {
            let id = entry.id
            switch entry.outcome {
            case .success(let r):
                table.rows.append([.integer(id), .integer(r.m), .number(r.mu), .number(r.maximumResidualReal_pct),
                                   .number(r.maximumResidualImaginary_pct), .flag(r.isValid), .text(""),
                                   .flag(r.hasSeriesCapacitance), .number(r.seriesCapacitance_F), .number(r.seriesInductance_H)])
            case .failure(let error):
                table.rows.append([.integer(id), .integer(0), .number(nil), .number(nil), .number(nil), .flag(false),
                                   .text(error.problem), .number(nil), .number(nil), .number(nil)])
            }
        }
        return table
    }

    /// Headings for people, with units as they are written.
    static let labels = ["mu": "μ", "max_residual_real_pct": "max residual re (%)", "max_residual_imag_pct": "max residual im (%)",
                         "series_capacitance": "series C", "series_capacitance_F": "series C (F)", "series_inductance_H": "series L (H)"]
}
