extension ImpedanceAnalysis {
    private var arcs: [Circuit.Arc] { circuit.arcs }

    private func name(_ index: Int) -> String { circuit.parameters[index].name }

    /// The fit table's columns: the spectrum (and its temperature), each parameter with its standard error,
    /// the fit's quality, each arc's τ, C_eff and class, ASR per interface and σ with an area, both
    /// effective capacitances, and lin-KK's verdict last.
    public var columns: [String] {
        var columns = ["spectrum"]
        if spectra.contains(where: { $0.temperature_C != nil }) { columns.append("temperature_C") }
        for p in circuit.parameters { columns += [p.name, "\(p.name)_stderr"] }
        columns += ["rss_ohm2", "chi_square", "converged", "suspect", "iterations", "fitted_points", "excluded_points", "error", "warnings"]
        for arc in arcs {
            let r = name(arc.resistance)
            columns += ["\(r)_tau_s", "\(r)_C_eff_F", "\(r)_assignment"]
        }
        if interpretation.area_cm2 != nil {
            columns += interpretation.interfaceResistances.map { "\($0)_asr_ohm_cm2" }
            if let bulk = interpretation.bulkResistance, interpretation.hasConductivity { columns.append("\(bulk)_conductivity_S_cm") }
        }
        for arc in arcs {
            let r = name(arc.resistance)
            columns += ["\(r)_C_hsu_mansfeld_F", "\(r)_C_brug_F"]
        }
        return columns + Self.kkColumns
    }

    /// The lin-KK verdict of each spectrum, last in every row.
    public static let kkColumns = ["kk_valid", "kk_max_residual_pct", "kk_series_capacitance"]

    /// Headings for people of the columns a reader scans, with units as they are written.
    private var labels: [String: String] {
        var labels = ["temperature_C": "temperature (°C)", "rss_ohm2": "rss (Ω²)", "kk_valid": "lin-KK valid", "kk_max_residual_pct": "lin-KK largest residual (%)"]
        for r in interpretation.interfaceResistances { labels["\(r)_asr_ohm_cm2"] = "ASR \(r) (Ω cm²)" }
        return labels
    }

    /// Units of the numeric columns, for the `.h5` table's schema.
    private var units: [String: String] {
        var units: [String: String] = ["rss_ohm2": "Ohm^2", "temperature_C": "C"]
        for p in circuit.parameters { (units[p.name], units["\(p.name)_stderr"]) = (p.unit, p.unit) }
        for arc in arcs {
            let r = name(arc.resistance)
            for column in ["\(r)_C_eff_F", "\(r)_C_hsu_mansfeld_F", "\(r)_C_brug_F"] { units[column] = "F" }
            units["\(r)_tau_s"] = "s"
        }
        units["kk_max_residual_pct"] = "%"
        for r in interpretation.interfaceResistances { units["\(r)_asr_ohm_cm2"] = "Ohm cm^2" }
        if let bulk = interpretation.bulkResistance { units["\(bulk)_conductivity_S_cm"] = "S/cm" }
        return units
    }

    /// The fits as columns (``columns``), one row per spectrum in test-id order, an unreadable or failed
    /// one with its error; the circuit, weighting, units, ASR convention, capacitance classes and
    /// activation energies in the summary.
    public func resultTable(file: String, cell: Cell, weighting: FitWeighting, rejected: [(id: Int, problem: String)] = []) -> ResultTable {
        var summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)), ("circuit", .string(circuit.text)),
            ("weighting", .string(weighting.rawValue)), ("weighting_formula", .string(weighting.formula)),
            ("units", .object(Dictionary(uniqueKeysWithValues: circuit.parameters.map { ($0.name, JSONValue.string($0.unit)) }))),
        ]
        if let area = interpretation.area_cm2 { summary.append(("area_cm2", .number(area))) }
        if !interpretation.interfaceResistances.isEmpty {
            summary.append(("asr", .string(interpretation.asrConvention)))
        }
        if !arcs.isEmpty {
            summary.append(("capacitance_classes", .string(interpretation.classes.classes.map {
                $0.upperLimit_F.isFinite ? "\($0.name)<\($0.upperLimit_F)" : $0.name
            }.joined(separator: ","))))
            summary.append(("effective_capacitance", .string(Self.capacitanceNote)))
        }
        summary.append(("kk_max_residual_threshold_pct", .number(KramersKronig().maximumResidual_pct)))
        for (name, fit) in arrhenius {
            summary.append(("\(name)_activation_energy_eV", .number(fit.activationEnergy_eV)))
            summary.append(("\(name)_activation_energy_stderr_eV", fit.activationEnergyStandardError_eV.json))
        }
        var table = ResultTable(summary: summary, columns: columns, rowsKey: "fits", units: units, labels: labels)
        let withTemperature = spectra.contains { $0.temperature_C != nil }
        for entry in SpectrumEntry.merged(spectra, fits, rejected: rejected) {
            var row: [ResultTable.Value] = [.integer(entry.id)]
            if withTemperature { row.append(.number(entry.index.flatMap { spectra[$0].temperature_C })) }
            switch entry.outcome {
            case .failure(let error):
                row += Array(repeating: .number(nil), count: 2 * circuit.parameters.count + 2)
                row += [.flag(false), .flag(false), .integer(0), .integer(0), .integer(0), .text(error.problem), .list([])]
                row += Array(repeating: .number(nil), count: columns.count - row.count - Self.kkColumns.count)
            case .success(let fit):
                for k in circuit.parameters.indices { row += [.number(fit.values[k]), .number(fit.standardErrors[k])] }
                row += [.number(fit.rss_ohm2), .number(fit.chiSquare), .flag(fit.converged), .flag(fit.suspect),
                        .integer(fit.iterations),
                        .integer(fit.fittedPoints), .integer(fit.excludedPoints), .text(""), .list(fit.warnings)]
                row += derivedValues(fit.values)
            }
            if let kk = entry.index.flatMap({ kramersKronig[$0] }) {
                row += [.flag(kk.isValid), .number(kk.largestResidual_pct), .flag(kk.hasSeriesCapacitance)]
            } else {
                row += Array(repeating: .number(nil), count: Self.kkColumns.count)
            }
            table.rows.append(row)
        }
        return table
    }

    /// Hsu–Mansfeld for every arc and the classes; Brug's beside it for an interface arc.
    public static let capacitanceNote = "C_eff_F = C_hsu_mansfeld_F = (R^(1-n) Q)^(1/n) (Hsu-Mansfeld), which assigns the arcs; "
        + "C_brug_F = (Q (1/R_s + 1/R)^(n-1))^(1/n) (Brug) for arcs assigned to an interface or named by --interface, "
        + "R_s = the series resistors plus the resistances of the faster arcs"

    private func derivedValues(_ values: [Double]) -> [ResultTable.Value] {
        let arcs = interpretation.arcs(values)
        var row = arcs.flatMap { arc -> [ResultTable.Value] in
            [.number(arc.timeConstant_s), .number(arc.effectiveCapacitance_F), .text(arc.assignment)]
        }
        row += interpretation.asr_ohm_cm2(values).map { .number($0.value) }
        if interpretation.hasConductivity { row.append(.number(interpretation.conductivity_S_cm(values))) }
        return row + arcs.flatMap { [.number($0.effectiveCapacitance_F), .number($0.brugCapacitance_F)] }
    }
}
