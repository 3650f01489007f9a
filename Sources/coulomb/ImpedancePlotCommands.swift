import ArgumentParser
import CoulombCore
import CoulombPlot

/// What the impedance figures read: spectra, and an optional circuit fitted to each.
struct ImpedancePlotInput: ParsableArguments {
    @OptionGroup var input: SpectraInput

    @Option(name: .long, help: "Fit this circuit to each spectrum and draw it, e.g. 'R0-p(R1,CPE1)'.")
    var circuit: String?

    @OptionGroup var settings: CircuitFitSettings

    @OptionGroup var destination: FigureOutputOptions

    /// Loads the spectra, fits the circuit if given, and writes the figure `draw` makes of them.
    func plot(_ draw: (_ spectra: [ImpedanceSpectrum], _ circuit: Circuit?, _ fits: [CircuitFitResult?], _ subtitle: String) -> String) throws {
        try Diagnostics.reporting {
            let circuit = try self.circuit.map(settings.circuit)
            let (cell, spectra, rejected) = try input.load()
            rejected.forEach { Diagnostics.warning($0.problem) }
            guard !spectra.isEmpty else {
                throw CellAnalysisError(file: input.file, cell: cell.id, error: AnalysisError("none of the chosen spectra could be read"))
            }
            var fits: [CircuitFitResult?] = []
            if let circuit {
                for (k, result) in settings.fit(circuit, to: spectra).enumerated() {
                    switch result {
                    case .success(let fit): fits.append(fit)
                    case .failure(let error):
                        Diagnostics.warning("\(input.file): cell '\(cell.id)': spectrum \(spectra[k].testID ?? k): \(error)")
                        fits.append(nil)
                    }
                }
            }
            var subtitle = "\(input.file) · cell \(cell.id) · \(spectra.count) spectr\(spectra.count == 1 ? "um" : "a")"
            if let circuit { subtitle += " · fit \(circuit.text), \(settings.weight.rawValue) weighting" }
            try destination.write(draw(spectra, circuit, fits, subtitle), inputs: [input.file])
        }
    }
}

/// `coulomb plot nyquist FILE`.
struct NyquistPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nyquist", abstract: "−Z″ against Z′ with equal axes; with --circuit, each spectrum's fit.")

    @OptionGroup var options: ImpedancePlotInput

    func run() throws {
        try options.plot { Plot.nyquist($0, circuit: $1, fits: $2, subtitle: $3) }
    }
}

/// `coulomb plot bode FILE`.
struct BodePlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bode", abstract: "|Z| and phase against frequency; with --circuit, each spectrum's fit.")

    @OptionGroup var options: ImpedancePlotInput

    func run() throws {
        try options.plot { Plot.bode($0, circuit: $1, fits: $2, subtitle: $3) }
    }
}
