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

    func results() -> ResultTable {
        analysis.resultTable(file: file, cell: cell, weighting: weighting, rejected: rejected)
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
        return lines.joined(separator: "\n") + "\n" + table.text(columns: shown)
    }
}
