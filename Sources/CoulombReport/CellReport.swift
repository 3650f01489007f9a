import CoulombCore
import CoulombIO
import CoulombPlot

/// The one-page HTML report of a file: what was found in it, and for each cell the verdicts, the
/// tables and the figures an electrochemist looks at first.
///
/// Each section runs the analysis its command runs, with the same defaults: per-cycle capacities and CE
/// with the convention stated (non-symmetric cells with a record), the CCD ramp or the long-term short
/// monitor (symmetric cells with an area), and the impedance spectra — fitted with the given circuit
/// (with ASR per interface for a symmetric cell with an area), or checked with lin-KK without one. An
/// analysis that cannot run says why in its section; the page is still written. The page needs nothing
/// from outside: styles and figures (SVG) are inline, and there is no script.
public struct CellReport: Sendable {
    public struct Options: Sendable {
        /// A circuit to fit to every cell's spectra.
        public var circuit: Circuit?
        /// What the fits mean (interfaces for the ASR, geometry), as `coulomb fit` takes it.
        public var interpretation: ImpedanceInterpretation.Request
        public var fitter: ImpedanceFitter
        /// Cores to fit a cell's spectra on.
        public var workers: Int

        public init(circuit: Circuit? = nil, interpretation: ImpedanceInterpretation.Request = .init(),
                    fitter: ImpedanceFitter = ImpedanceFitter(), workers: Int = 1) {
            self.circuit = circuit
            self.interpretation = interpretation
            self.fitter = fitter
            self.workers = workers
        }
    }

    /// What the report says about the file itself.
    public struct Source: Sendable {
        public var path: String
        public var format: String
        public var warnings: [String]

        public init(path: String, format: String, warnings: [String] = []) {
            self.path = path
            self.format = format
            self.warnings = warnings
        }
    }

    public var options: Options

    public init(_ options: Options = Options()) { self.options = options }

    /// The whole page.
    public func html(_ source: Source, cells: [Cell]) -> String {
        var body = HTML.element("h1", "Coulomb report: \(source.path.split(separator: "/").last.map(String.init) ?? source.path)")
        body += HTML.element("p", "\(source.path) · \(source.format) · \(cells.count) cell\(cells.count == 1 ? "" : "s")", class: "meta")
        for warning in source.warnings { body += HTML.element("p", warning, class: "note") }
        for (index, cell) in cells.enumerated() { body += section(cell, index: index, file: source.path) }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape("Coulomb report — " + source.path))</title>
            <style>\(HTML.style)</style></head>
            <body>
            \(body)<p class="note">Written by Coulomb. Current &gt; 0 charges the cell.</p>
            </body></html>

            """
    }

    private func section(_ cell: Cell, index: Int, file: String) -> String {
        let id = "cell\(index)"
        var out = "<section id=\"\(id)\">\n" + HTML.element("h2", "Cell \(cell.id)")
        out += HTML.facts(facts(cell))
        if let data = cell.cycling {
            if cell.type == .symmetric {
                out += symmetric(cell, data, file: file, id: id)
            } else {
                out += cycling(cell, data, file: file, id: id)
            }
        }
        if !cell.spectra.isEmpty { out += impedance(cell, file: file, id: id) }
        return out + "</section>\n"
    }

    private func facts(_ cell: Cell) -> [(String, String)] {
        // Each card fact says where it came from: the file, a sidecar card, or an option.
        func sourced(_ fact: CellCard.Fact, _ text: String) -> String {
            text + " (" + (cell.factSources[fact] ?? "file") + ")"
        }
        var pairs: [(String, String)] = [("cell type", cell.type.map { sourced(.cellType, $0.cardName) } ?? "not stated")]
        if let data = cell.cycling {
            pairs.append(("record", "\(data.count) rows over \(ValueFormatting.duration(data.timeSpan_s))"
                          + (data.instrumentCycleCount.map { ", \($0) instrument cycles" } ?? "")))
        }
        pairs.append(("spectra", String(cell.spectra.count)))
        if let counter = cell.counterElectrode { pairs.append(("counter electrode", sourced(.counterElectrode, counter.name))) }
        if let area = cell.area_cm2 { pairs.append(("electrode area", sourced(.area, "\(ValueFormatting.readable(area)) cm²"))) }
        if let mass = cell.activeMass_g { pairs.append(("active mass", sourced(.activeMass, "\(ValueFormatting.readable(mass * 1000)) mg"))) }
        if let thickness = cell.seThickness_cm { pairs.append(("electrolyte thickness", sourced(.seThickness, "\(ValueFormatting.readable(thickness * 1e4)) µm"))) }
        if let temperature = cell.temperature_C { pairs.append(("temperature", sourced(.temperature, "\(ValueFormatting.readable(temperature)) °C"))) }
        if let pressure = cell.stackPressure_MPa { pairs.append(("stack pressure", sourced(.stackPressure, "\(ValueFormatting.readable(pressure)) MPa"))) }
        if case .array(let sources)? = cell.metadata[path: "coulomb.sources"] {
            for source in sources {
                pairs.append(("source", [source[path: "file"]?.string, source[path: "format"]?.string,
                                         source[path: "sha256"]?.string.map { "SHA-256 " + $0 }].compactMap { $0 }.joined(separator: " · ")))
            }
        }
        return pairs
    }

    // MARK: cycling

    private func cycling(_ cell: Cell, _ data: CyclingData, file: String, id: String) -> String {
        var out = HTML.element("h3", "Cycling")
        let choice = CycleConvention.Choice.choose(nil, cell: cell, data: data)
        let subtitle = "cell \(cell.id) · " + choice.caption
        let table: CycleTable
        do {
            table = try CycleTable(data, convention: choice, capacitySource: .integrated)
        } catch {
            return out + HTML.element("p", "The cycles could not be analysed: \(error)", class: "error")
                + HTML.figure(Plot.voltageTime(data, subtitle: "cell \(cell.id)"), id: "\(id)-voltage", caption: "Voltage and current against time.")
        }
        let convention = choice.isWithheld ? "CE withheld"
            : "CE convention: \(choice.convention.rawValue) — CE = \(choice.formula) (\(choice.reason))"
        var verdict = [convention]
        if let ice = table.initialCoulombicEfficiency { verdict.append("initial CE (first complete cycle) \(ValueFormatting.readable(ice * 100)) %") }
        if let mean = table.meanCoulombicEfficiency {
            let cycles = table.meanCoulombicEfficiencyCycles
            verdict.append("mean CE over cycles \(cycles.first!)–\(cycles.last!) \(ValueFormatting.readable(mean * 100)) %")
        }
        out += HTML.element("p", verdict.joined(separator: "; "), class: "verdict")
        for warning in table.warnings { out += HTML.element("p", warning, class: "note") }
        // The columns `coulomb cycles` writes, so the page and the command show the same numbers.
        let columns = table.resultTable(file: file, cell: cell, activeMass_g: cell.activeMass_g, area_cm2: nil)
        var shown = ["cycle", "complete", "charge_capacity_mAh", "discharge_capacity_mAh", "coulombic_efficiency_pct", "retention_pct"]
        if cell.activeMass_g != nil { shown += ["charge_capacity_mAh_g", "discharge_capacity_mAh_g"] }
        out += columns.html(shown, id: "\(id)-cycles")
        out += HTML.figure(Plot.voltageTime(data, subtitle: "cell \(cell.id)"), id: "\(id)-voltage", caption: "Voltage and current against time.")
        if let curves = try? VoltageCapacityCurve.all(data, convention: choice), !curves.isEmpty {
            out += HTML.figure(Plot.voltageCapacity(curves, activeMass_g: cell.activeMass_g, subtitle: subtitle),
                               id: "\(id)-voltage-capacity", caption: "Voltage against capacity, each cycle's half-cycles.")
        }
        out += HTML.figure(Plot.capacityEfficiency(table, activeMass_g: cell.activeMass_g, subtitle: subtitle),
                           id: "\(id)-capacity", caption: "Capacity and Coulombic choice against cycle.")
        // dQ/dV of the first, second and last complete cycles: formation, the first ordinary cycle, the end.
        let complete = table.rows.filter(\.isComplete).map(\.cycle)
        let chosen = Set([complete.first, complete.dropFirst().first, complete.last].compactMap { $0 })
        if !chosen.isEmpty, let result = try? DifferentialAnalysis().curves(.incrementalCapacity, of: data, convention: choice, cycles: chosen),
           !result.curves.isEmpty {
            out += HTML.figure(Plot.differential(result.curves, peaks: PeakFinder(), subtitle: subtitle), id: "\(id)-dqdv",
                               caption: "dQ/dV of cycles \(chosen.sorted().map(String.init).joined(separator: ", ")), peaks marked (10 mV Gaussian).")
        }
        return out
    }

    // MARK: symmetric

    private func symmetric(_ cell: Cell, _ data: CyclingData, file: String, id: String) -> String {
        var out = HTML.element("h3", "Plating and stripping")
        guard let area = cell.area_cm2, area > 0 else {
            return out + HTML.element("p", "The electrode area is unknown, so no current density, CCD or short analysis (state it in a cell card or the file's metadata).", class: "error")
                + HTML.figure(Plot.voltageTime(data, subtitle: "cell \(cell.id)"), id: "\(id)-voltage", caption: "Voltage and current against time.")
        }
        // A ramp of several levels is a CCD test; one level is long-term cycling, watched for shorts.
        if let verdict = try? CriticalCurrentDensity(data, area_cm2: area) {
            var text = verdict.ccd_mA_cm2.map { "CCD \(verdict.ccdIsLowerBound ? "≥ " : "")\(ValueFormatting.readable($0)) mA cm⁻² (last level passed)" } ?? "CCD: none (the first level failed)"
            if let level = verdict.failureLevel_mA_cm2 { text += " · failed at \(ValueFormatting.readable(level)) mA cm⁻²" }
            text += " · failure: \(verdict.failure.rawValue.replacingOccurrences(of: "_", with: " "))"
            if let mode = verdict.failureMode { text += " (\(mode.words))" }
            if let time = verdict.onsetTime_s {
                text += ", \(ValueFormatting.duration(time)) into the test, after \(ValueFormatting.readable(verdict.cumulativeArealCapacity_mAh_cm2)) mAh cm⁻²"
            }
            text += " · \(verdict.rampProtocol.rawValue) ramp · ASR_dc \(ValueFormatting.readable(verdict.asrDC_ohm_cm2)) Ω cm²"
            out += "<p class=\"verdict\(verdict.failure == .none ? "" : " bad")\">\(HTML.escape(text))</p>\n"
            // The columns `coulomb ccd` writes; `unconfirmed` among a passed level's reasons.
            let levels = verdict.resultTable(file: file, cell: cell)
            out += levels.html(levels.columns, id: "\(id)-levels")
            out += HTML.figure(Plot.symmetricTrace(data, ccd: verdict, subtitle: "cell \(cell.id)"), id: "\(id)-ccd",
                               caption: "Voltage against time, current-density levels shaded, failure onset marked.")
            return out
        }
        do {
            let monitor = try ShortMonitor(data, area_cm2: area)
            let events = monitor.events.map { "\($0.kind.rawValue.replacingOccurrences(of: "_", with: " ")) (\($0.mode.words)) at \(ValueFormatting.duration($0.time_s)) (cycle \($0.cycle)): \($0.reason)" }
            out += "<p class=\"verdict\(events.isEmpty ? "" : " bad")\">\(HTML.escape(events.isEmpty ? "No short detected over \(monitor.cycles.count) cycles." : events.joined(separator: "; ")))</p>\n"
            out += HTML.figure(Plot.symmetricTrace(data, shorts: monitor, subtitle: "cell \(cell.id)"), id: "\(id)-shorts",
                               caption: "Voltage against time, first soft and hard short marked.")
        } catch {
            out += HTML.element("p", "The trace could not be analysed: \(error)", class: "error")
            out += HTML.figure(Plot.voltageTime(data, subtitle: "cell \(cell.id)"), id: "\(id)-voltage", caption: "Voltage and current against time.")
        }
        return out
    }

    // MARK: impedance

    /// The spectra's distributions of relaxation times overlaid, peaks marked, and the peaks' table, as
    /// `coulomb drt` computes them with its defaults (capacitances normalised by the cell constant of the
    /// card's thickness and area): the processes read without choosing a circuit, beside the circuit's fit.
    private func drt(_ spectra: [ImpedanceSpectrum], cell: Cell, file: String, id: String) -> String {
        let drt = DistributionOfRelaxationTimes(cellConstant_per_cm: cell.cellConstant_per_cm())
        let outcomes = drt.analyse(spectra, workers: options.workers)
        let results = outcomes.map { try? $0.get() }
        guard results.contains(where: { $0 != nil }) else { return "" }
        let peaks = drt.resultTable(file: file, cell: cell, spectra: spectra, outcomes: outcomes)
        return HTML.figure(Plot.drt(spectra, results: results, subtitle: "cell \(cell.id)"), id: "\(id)-drt",
                           caption: "Distribution of relaxation times, peaks marked (τ and R of each from a ZARC fitted to Z).")
            + peaks.html(["spectrum", "peak", "tau_s", "frequency_Hz", "R_ohm", "C_F", "assignment", "n", "error"], id: "\(id)-drt-peaks")
    }

    private func impedance(_ cell: Cell, file: String, id: String) -> String {
        var out = HTML.element("h3", "Impedance")
        let spectra = cell.spectra
        guard let circuit = options.circuit else {
            // The columns `coulomb kk` writes, with its default settings.
            let test = KramersKronig()
            let tests = test.resultTable(file: file, cell: cell, spectra: spectra, outcomes: test.test(spectra, workers: options.workers))
            out += HTML.element("p", "No circuit was given: the spectra are shown with their Kramers–Kronig (lin-KK) check.", class: "note")
            out += tests.html(["spectrum", "M", "mu", "max_residual_real_pct", "max_residual_imag_pct", "valid", "series_capacitance", "error"],
                              id: "\(id)-kk")
            out += HTML.figure(Plot.nyquist(spectra, subtitle: "cell \(cell.id)"), id: "\(id)-nyquist", caption: "Nyquist plot.")
            out += HTML.figure(Plot.bode(spectra, subtitle: "cell \(cell.id)"), id: "\(id)-bode", caption: "Bode plot.")
            return out + drt(spectra, cell: cell, file: file, id: id)
        }
        let interpretation: ImpedanceInterpretation
        do { interpretation = try ImpedanceInterpretation(circuit: circuit, cell: cell, request: options.interpretation) } catch {
            return out + HTML.element("p", "No fit: \(error)", class: "error")
        }
        // The analysis `coulomb fit` runs, so the page and the command agree.
        let analysis = ImpedanceAnalysis(spectra, interpretation: interpretation, fitter: options.fitter, workers: options.workers)
        let results = analysis.fits
        let interfaces = interpretation.area_cm2 == nil ? [] : interpretation.interfaceResistances
        let converged = results.filter { (try? $0.get())?.converged == true }.count
        var verdict = "Circuit \(circuit.text): \(converged) of \(results.count) spectra converged"
        if !interfaces.isEmpty { verdict += "; ASR \(interpretation.asrConvention)" }
        out += HTML.element("p", verdict, class: "verdict")
        // The columns `coulomb fit` writes, those a reader scans first.
        let table = analysis.resultTable(file: file, cell: cell, weighting: options.fitter.weighting)
        let shown = ["spectrum"] + (table.columns.contains("temperature_C") ? ["temperature_C"] : []) + circuit.parameterNames
            + ["rss_ohm2", "converged"] + interfaces.map { "\($0)_asr_ohm_cm2" } + ["kk_valid", "kk_max_residual_pct", "error"]
        out += table.html(shown, id: "\(id)-fits")
        let fits = results.map { try? $0.get() }
        out += HTML.figure(Plot.nyquist(spectra, circuit: circuit, fits: fits, subtitle: "cell \(cell.id) · \(circuit.text)"),
                           id: "\(id)-nyquist", caption: "Nyquist plot with the fitted circuit.")
        out += HTML.figure(Plot.bode(spectra, circuit: circuit, fits: fits, subtitle: "cell \(cell.id) · \(circuit.text)"),
                           id: "\(id)-bode", caption: "Bode plot with the fitted circuit.")
        out += drt(spectra, cell: cell, file: file, id: id)
        // Arrhenius, for the first resistance that has values at two temperatures or more.
        for (k, parameter) in circuit.parameters.enumerated() where parameter.unit == "Ohm" {
            guard let points = try? interpretation.arrhenius(spectra, fits: results, parameter: k) else { continue }
            out += HTML.figure(Plot.arrhenius(temperature_C: points.temperature_C, values: points.values, areConductivities: false,
                                              fit: points.fit, name: parameter.name, subtitle: "cell \(cell.id) · \(parameter.name)"),
                               id: "\(id)-arrhenius", caption: "Arrhenius plot of \(parameter.name).")
            break
        }
        return out
    }
}
