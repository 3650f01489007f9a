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
                let interpretation = try CellAnalysisError.naming(input.file, cell) { try ImpedanceInterpretation(circuit: circuit, cell: cell) }
                for (k, result) in settings.analyse(spectra, interpretation).fits.enumerated() {
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

/// `coulomb plot arrhenius FILE --circuit C --resistance R`.
struct ArrheniusPlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arrhenius",
        abstract: "A fitted resistance against temperature: ln(σT) (or ln(T/R)) against 1000/T with its activation energy.",
        discussion: """
            Fits the circuit to every chosen spectrum (as `coulomb fit`) and takes the resistance from the \
            converged fits of spectra with a temperature. With --thickness-cm and an area (--area-cm2 or the \
            file's), the conductivity σ = d/(R·A) is plotted (as `coulomb fit` computes it); its slope, and so \
            Eₐ, is the same as from R.
            """
    )

    @OptionGroup var input: SpectraInput

    @Option(name: .long, help: "The circuit, e.g. 'R0-p(R1,CPE1)'.")
    var circuit: String

    @Option(name: .long, help: "The resistance to follow, e.g. R0.")
    var resistance: String

    @OptionGroup var derived: FitDerivedOptions

    @OptionGroup var settings: CircuitFitSettings
    @OptionGroup var destination: FigureOutputOptions

    func run() throws {
        try Diagnostics.reporting {
            let circuit = try settings.circuit(self.circuit)
            guard let parameter = circuit.parameters.firstIndex(where: { $0.name == resistance }),
                  circuit.elements[circuit.parameters[parameter].element].kind == .R else {
                throw ValidationError("'\(resistance)' is not a resistor of \(circuit.text) (its resistors: "
                                      + circuit.elements.filter { $0.kind == .R }.map(\.label).joined(separator: ", ") + ")")
            }
            let (cell, spectra, rejected) = try input.load()
            rejected.forEach { Diagnostics.warning($0.problem) }
            let svg = try CellAnalysisError.naming(input.file, cell) {
                let interpretation = try ImpedanceInterpretation(circuit: circuit, cell: cell, request: try derived.request(for: circuit))
                let points = try interpretation.arrhenius(spectra, fits: settings.analyse(spectra, interpretation).fits, parameter: parameter,
                                                          asConductivity: derived.thickness_cm != nil)
                return Plot.arrhenius(temperature_C: points.temperature_C, values: points.values, areConductivities: points.areConductivities,
                                      fit: points.fit, name: points.areConductivities ? "σ from \(resistance)" : resistance,
                                      subtitle: "\(input.file) · cell \(cell.id) · \(resistance) of \(circuit.text)")
            }
            try destination.write(svg, inputs: [input.file])
        }
    }
}
