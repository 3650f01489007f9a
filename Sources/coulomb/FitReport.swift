import CoulombCore
import CoulombIO

/// Circuit fits of a cell's spectra for people and scripts: one row per spectrum.
struct FitReport: CommandOutput {
    var file: String
    var cell: Cell
    var weighting: FitWeighting
    var analysis: ImpedanceAnalysis
    /// Spectra that could not be read: a row each, with the error.
    var rejected: [(id: Int, problem: String)]
    var warnings: [String] = []

    init(file: String, cell: Cell, weighting: FitWeighting, analysis: ImpedanceAnalysis, rejected: [(id: Int, problem: String)] = []) {
        (self.file, self.cell, self.weighting, self.analysis, self.rejected) = (file, cell, weighting, analysis, rejected)
        warnings = rejected.map(\.problem)
        for (index, result) in analysis.fits.enumerated() {
            let id = analysis.spectra[index].testID ?? index
            switch result {
            case .failure(let error): warnings.append("\(file): cell '\(cell.id)': spectrum \(id): \(error)")
            case .success(let fit):
                for warning in fit.warnings { warnings.append("\(file): cell '\(cell.id)': spectrum \(id): \(warning)") }
            }
        }
    }

    private var interpretation: ImpedanceInterpretation { analysis.interpretation }
    private var circuit: Circuit { analysis.circuit }
    private var spectra: [ImpedanceSpectrum] { analysis.spectra }

    private var arcs: [Circuit.Arc] { circuit.arcs }

    private func name(_ index: Int) -> String { circuit.parameters[index].name }

    var columns: [String] {
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
    static let kkColumns = ["kk_valid", "kk_max_residual_pct", "kk_series_capacitance"]

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

    func results() -> ResultTable {
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
        for (name, fit) in analysis.arrhenius {
            summary.append(("\(name)_activation_energy_eV", .number(fit.activationEnergy_eV)))
            summary.append(("\(name)_activation_energy_stderr_eV", fit.activationEnergyStandardError_eV.json))
        }
        var table = ResultTable(summary: summary, columns: columns, rowsKey: "fits", units: units)
        let withTemperature = spectra.contains { $0.temperature_C != nil }
        for entry in SpectrumEntry.merged(spectra, analysis.fits, rejected: rejected) {
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
            if let kk = entry.index.flatMap({ analysis.kramersKronig[$0] }) {
                row += [.flag(kk.isValid), .number(kk.largestResidual_pct), .flag(kk.hasSeriesCapacitance)]
            } else {
                row += Array(repeating: .number(nil), count: Self.kkColumns.count)
            }
            table.rows.append(row)
        }
        return table
    }

    /// Hsu–Mansfeld for every arc and the classes; Brug's beside it for an interface arc.
    static let capacitanceNote = "C_eff_F = C_hsu_mansfeld_F = (R^(1-n) Q)^(1/n) (Hsu-Mansfeld), which assigns the arcs; "
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

    func text() -> String {
        let readable = ValueFormatting.readable
        var lines = ["\(file): cell \(cell.id): \(circuit.text), \(weighting.rawValue) weighting"]
        if !interpretation.interfaceResistances.isEmpty { lines.append("ASR \(interpretation.asrConvention)") }
        for (name, fit) in analysis.arrhenius {
            let error = fit.activationEnergyStandardError_eV.map { " ± \(readable($0))" } ?? ""
            lines.append("\(name): Ea = \(readable(fit.activationEnergy_eV))\(error) eV over \(fit.points) spectra")
        }
        let table = results()
        // The text table keeps to what a reader scans: no stderrs, no repeated capacitance.
        let shown = table.columns.filter {
            !$0.hasSuffix("_stderr") && !$0.hasSuffix("_C_hsu_mansfeld_F")
                && !["fitted_points", "excluded_points", "warnings", "kk_series_capacitance"].contains($0)
        }
        return lines.joined(separator: "\n") + "\n" + table.text(shown.map { ($0, $0) })
    }
}
