extension DistributionOfRelaxationTimes {
    /// The columns of the peaks table, one row per peak (a row with peak 0 for a spectrum without one or
    /// that failed).
    public static let peakColumns = ["spectrum", "peak", "tau_s", "frequency_Hz", "R_ohm", "C_F", "assignment", "n", "R_stderr_ohm",
                                     "drt_tau_s", "drt_area_ohm", "in_band", "lambda", "re_im_discrepancy", "R_inf_ohm",
                                     "L_H", "warnings", "error"]

    /// The distributions as columns: one row per peak (its τ, frequency, R, effective capacitance and
    /// class, the ZARC's n and R's standard error, the DRT's own τ and area, whether it is in the measured
    /// band) with the spectrum's λ, re/im discrepancy, R∞ and L; or, with `curvesOnly`, one row per point
    /// of γ(τ). The settings in the summary, and with `curvesInSummary` the curves too (for JSON).
    public func resultTable(file: String, cell: Cell, spectra: [ImpedanceSpectrum], outcomes: [Swift.Result<Result, AnalysisError>],
                            rejected: [(id: Int, problem: String)] = [], curvesOnly: Bool = false,
                            curvesInSummary: Bool = false) -> ResultTable {
        let entries = SpectrumEntry.merged(spectra, outcomes, rejected: rejected).map { ($0.id, $0.outcome) }
        var summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)), ("part", .string(part.rawValue)),
            ("derivative_order", .number(Double(derivativeOrder))),
            ("lambda_rule", .string(lambda == nil ? "real/imaginary discrepancy (Saccoccio et al. 2014)" : "given")),
            ("resistance_source", .string("ZARC fit to Z per peak, seeded by the DRT")),
            ("C_F", .string("Hsu-Mansfeld effective capacitance tau/R")),
        ]
        if curvesInSummary {
            summary.append(("curves", .array(entries.compactMap { id, outcome in
                guard case .success(let r) = outcome else { return nil }
                return .object(["spectrum": .number(Double(id)), "tau_s": .array(r.tau_s.map(JSONValue.number)),
                                "gamma_ohm": .array(r.gamma_ohm.map(JSONValue.number))])
            })))
        }
        if curvesOnly {
            var table = ResultTable(summary: summary, columns: ["spectrum", "tau_s", "gamma_ohm"], rowsKey: "curves")
            for (id, outcome) in entries {
                guard case .success(let r) = outcome else { continue }
                for (tau, gamma) in zip(r.tau_s, r.gamma_ohm) { table.rows.append([.integer(id), .number(tau), .number(gamma)]) }
            }
            return table
        }
        var table = ResultTable(summary: summary, columns: Self.peakColumns, rowsKey: "peaks", labels: Self.labels)
        for (id, outcome) in entries {
            switch outcome {
            case .success(let r):
                let common: [ResultTable.Value] = [.number(r.lambda), .number(r.reImDiscrepancy), .number(r.seriesResistance_ohm),
                                                   .number(r.seriesInductance_H), .list(r.warnings), .text("")]
                if r.peaks.isEmpty {
                    table.rows.append([.integer(id), .integer(0)] + Array(repeating: .number(nil), count: 4)
                                      + [.text("")] + Array(repeating: .number(nil), count: 4) + [.flag(false)] + common)
                }
                for (k, p) in r.peaks.enumerated() {
                    table.rows.append([.integer(id), .integer(k + 1), .number(p.tau_s), .number(p.frequency_Hz),
                                       .number(p.resistance_ohm), .number(p.effectiveCapacitance_F), .text(p.assignment),
                                       .number(p.exponent), .number(p.resistanceStandardError_ohm), .number(p.drtTau_s),
                                       .number(p.drtArea_ohm), .flag(p.insideBand)] + common)
                }
            case .failure(let error):
                table.rows.append([.integer(id), .integer(0)] + Array(repeating: .number(nil), count: 4) + [.text("")]
                                  + Array(repeating: .number(nil), count: 4) + [.flag(false)]
                                  + Array(repeating: .number(nil), count: 5) + [.text(error.problem)])
            }
        }
        return table
    }

    /// Headings for people of the peaks' columns, with units as they are written.
    static let labels = ["tau_s": "τ (s)", "frequency_Hz": "f (Hz)", "R_ohm": "R (Ω)", "C_F": "C_eff (F)", "assignment": "class"]
}
