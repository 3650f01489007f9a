import ArgumentParser
import CoulombCore
import CoulombIO
import Foundation

/// `coulomb fit FILE --circuit STR`: an equivalent circuit fitted to every spectrum of a cell.
struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit an equivalent circuit to impedance spectra (all of a cell's spectra by default).",
        discussion: """
            Circuits use impedance.py's language: '-' in series, p(a,b,…) in parallel, elements R C L CPE W \
            Wo Ws G HN with a label (R0, CPE1). Values, bounds and fixed values go inline, R1{100,1,1e4} or \
            CPE1{1e-6; =0.9}, or in --initial as NAME=value or NAME{value,lower,upper} / NAME{=value}. \
            Parameters without a value are guessed from each spectrum. Bounded Levenberg-Marquardt, analytic \
            Jacobian; spectra are fitted in parallel, each warm-started from its neighbour, and arcs of the \
            same shape are ordered by time constant (R1 is the faster arc). Each spectrum's lin-KK verdict \
            (as 'coulomb kk' gives it) is beside its fit: kk_valid, kk_max_residual_pct. See docs/IMPEDANCE.md.
            """
    )

    @OptionGroup var input: SpectraInput

    @Option(name: .long, help: "The circuit, e.g. 'R0-p(R1,CPE1)-p(R2,CPE2)'.")
    var circuit: String

    @Option(name: .customLong("initial-from"), help: "Per-spectrum initial values from a CSV with a 'spectrum' column and parameter columns (e.g. an earlier fit's output).")
    var initialFrom: String?

    @Flag(name: .customLong("initial-from-drt"), help: "Start each spectrum's fit from its DRT: the arcs take the peaks' R and τ in order of τ (see `coulomb drt`).")
    var initialFromDrt = false

    @OptionGroup var settings: CircuitFitSettings

    @OptionGroup var derived: FitDerivedOptions

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func validate() throws {
        if initialFrom != nil && initialFromDrt { throw ValidationError("--initial-from and --initial-from-drt exclude each other") }
    }

    func run() throws {
        try Diagnostics.reporting {
            let circuit = try settings.circuit(self.circuit)
            let request = try derived.request(for: circuit)
            let (cell, spectra, rejected) = try input.load()
            let interpretation = try CellAnalysisError.naming(input.file, cell) {
                try ImpedanceInterpretation(circuit: circuit, cell: cell, request: request)
            }
            let starts = try initialFrom.map { try InitialValuesFile.read($0, spectra: spectra, circuit: circuit) }
                ?? (initialFromDrt ? DistributionOfRelaxationTimes().analyse(spectra, workers: ProcessInfo.processInfo.activeProcessorCount)
                    .map { (try? $0.get())?.starts(for: circuit) ?? [] } : nil)
            let report = FitReport(file: input.file, cell: cell, weighting: settings.weight,
                                   analysis: settings.analyse(spectra, interpretation, starts: starts), rejected: rejected)
            // A long batch would drown the terminal: the first few, then a count; all are in the results.
            let shown = report.warnings.count > 10 ? Array(report.warnings.prefix(5)) : report.warnings
            shown.forEach(Diagnostics.warning)
            if shown.count < report.warnings.count {
                Diagnostics.warning("… and \(report.warnings.count - shown.count) more (see the 'warnings' and 'error' columns)")
            }
            let failed = report.analysis.fits.filter { if case .failure = $0 { true } else { false } }.count + rejected.count
            let total = spectra.count + rejected.count
            try destination.deliver(report, format: format, inputs: [input.file],
                                    count: "\(total - failed) of \(total) spectra fitted", hdf5Table: "eis_fits")
            if failed == total { throw ExitCode(1) }
        }
    }
}

extension FitWeighting: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) + aliases.map(\.name) }
}

/// How circuits are fitted: initial values, weighting, the inductive tail, the iteration cap.
struct CircuitFitSettings: ParsableArguments {
    @Option(name: .long, help: "Initial values, bounds or fixed values: 'R0=20,R1{100,1,1e4},CPE1_n{=0.9}' (repeatable).")
    var initial: [String] = []

    @Option(name: .long, help: ArgumentHelp("Residual weighting.", discussion: """
        unit: w' = w'' = 1. \
        modulus (alias inverse-modulus): w' = w'' = 1/|Z|, i.e. sigma proportional to sqrt|Z|. \
        proportional: w' = 1/Z'^2, w'' = 1/Z''^2, each floored at 1e-3 |Z|. \
        boukamp (alias inverse-modulus-squared): w' = w'' = 1/|Z|^2, i.e. sigma proportional to |Z| — what most \
        papers and impedance.py (weight_by_modulus=True) call modulus weighting.
        """))
    var weight: FitWeighting = .boukamp

    @Flag(name: .customLong("keep-inductive"), help: "Fit the high-frequency points with -Z'' < 0 even without an L in the circuit.")
    var keepInductive = false

    @Option(name: .customLong("max-iterations"), help: "Iteration cap of each fit.")
    var maximumIterations = 200

    func validate() throws {
        guard maximumIterations >= 1 else { throw ValidationError("--max-iterations must be at least 1") }
    }

    /// The circuit written in `text`, with the `--initial` values applied; mistakes are usage errors.
    func circuit(_ text: String) throws -> Circuit {
        var circuit: Circuit
        do { circuit = try CircuitParser.parse(text) } catch { throw ValidationError(String(describing: error)) }
        do {
            for list in initial { try circuit.apply(ParameterSpec.parseList(list)) }
        } catch let error as ParameterSpec.SpecError {
            throw ValidationError("--initial: \(error)")
        } catch let error as AnalysisError {
            throw ValidationError("--initial: \(error)")
        }
        return circuit
    }

    /// The fitter these options describe.
    var fitter: ImpedanceFitter {
        ImpedanceFitter(weighting: weight, keepInductiveTail: keepInductive, maximumIterations: maximumIterations)
    }

    /// lin-KK and the fits of every spectrum on every core, showing progress on a terminal.
    func analyse(_ spectra: [ImpedanceSpectrum], _ interpretation: ImpedanceInterpretation,
                 starts: [[(name: String, spec: ParameterSpec)]]? = nil) -> ImpedanceAnalysis {
        let progress = Progress(total: spectra.count, noun: "spectra fitted")
        return ImpedanceAnalysis(spectra, interpretation: interpretation, fitter: fitter, starts: starts,
                                 workers: ProcessInfo.processInfo.activeProcessorCount, progress: { progress.update($0) })
    }
}

/// Options for the quantities derived from a fit: ASR, conductivity, capacitance classes.
struct FitDerivedOptions: ParsableArguments {
    @Option(name: .long, help: "Resistances that are interfaces, for ASR = R·A/2 in a symmetric cell (R·A otherwise), e.g. R2 (repeatable, or comma-separated).")
    var interface: [String] = []

    @Option(name: .long, help: "The bulk (electrolyte) resistance for the conductivity σ = d/(R·A) (default: R0 when the circuit has it).")
    var bulk: String?

    @Option(name: .customLong("interfaces-per-cell"), help: "Identical interfaces the cell has: 2 for a symmetric cell (default when the file says symmetric or says nothing), 1 otherwise.")
    var interfacesPerCell: Int?

    @OptionGroup var capacitances: CapacitanceClassOptions

    /// The electrolyte thickness given, cm.
    var thickness_cm: Double? { capacitances.thickness_cm }

    func validate() throws {
        if let count = interfacesPerCell, !(1...2).contains(count) {
            throw ValidationError("--interfaces-per-cell must be 1 or 2")
        }
    }

    /// What the options ask of the interpretation, checked against the circuit (mistakes are usage errors).
    func request(for circuit: Circuit) throws -> ImpedanceInterpretation.Request {
        let table = try capacitances.classes()
        let names = interface.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let request = ImpedanceInterpretation.Request(interfaces: names, bulk: bulk, thickness_cm: thickness_cm,
                                                      interfacesPerCell: interfacesPerCell, classes: table)
        do { try request.validate(for: circuit) } catch { throw ValidationError(error.problem) }
        return request
    }
}
