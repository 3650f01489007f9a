import CoulombCore

/// Circuit fits of a cell's spectra for people and scripts: one row per spectrum.
struct FitReport: Report {
    var file: String
    var cell: Cell
    var circuit: Circuit
    var weighting: FitWeighting
    var spectra: [ImpedanceSpectrum]
    var fits: [Result<CircuitFitResult, AnalysisError>]
    /// Each spectrum's lin-KK test with the default settings (nil: the spectrum is too short for it).
    var kk: [KramersKronig.Result?]
    /// Spectra that could not be read: a row each, with the error.
    var rejected: [(id: Int, problem: String)]
    var geometry: FitGeometry
    /// Activation energy per resistance, across spectra with a temperature (nil: too few temperatures).
    var arrhenius: [(name: String, fit: ArrheniusFit)] = []
    var warnings: [String] = []

    init(file: String, cell: Cell, circuit: Circuit, weighting: FitWeighting, spectra: [ImpedanceSpectrum],
         results: [Result<CircuitFitResult, AnalysisError>], kk: [KramersKronig.Result?],
         rejected: [(id: Int, problem: String)] = [], geometry: FitGeometry) throws {
        self.rejected = rejected
        warnings = rejected.map(\.problem)
        (self.file, self.cell, self.circuit, self.weighting) = (file, cell, circuit, weighting)
        (self.spectra, self.fits, self.kk, self.geometry) = (spectra, results, kk, geometry)
        if !geometry.interfaceResistances.isEmpty || geometry.thickness_cm != nil {
            guard geometry.area_cm2 != nil else {
                throw CellAnalysisError(file: file, cell: cell.id, error: AnalysisError(
                    "ASR and conductivity need the electrode area: the file gives none, pass --area-cm2"))
            }
        }
        for (index, result) in results.enumerated() {
            let id = spectra[index].testID ?? index
            switch result {
            case .failure(let error): warnings.append("\(file): cell '\(cell.id)': spectrum \(id): \(error)")
            case .success(let fit):
                for warning in fit.warnings { warnings.append("\(file): cell '\(cell.id)': spectrum \(id): \(warning)") }
            }
        }
        // Arrhenius over the converged fits whose spectrum has a temperature.
        let resistors = circuit.parameters.indices.filter { circuit.elements[circuit.parameters[$0].element].kind == .R }
        for k in resistors {
            let (temperatures, values) = ArrheniusFit.points(spectra, fits: results, parameter: k)
            if Set(temperatures).count >= 2, let fit = try? ArrheniusFit(temperature_C: temperatures, values: values) {
                arrhenius.append((circuit.parameters[k].name, fit))
            }
        }
    }

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
        if geometry.area_cm2 != nil {
            columns += geometry.interfaceResistances.map { "\($0)_asr_ohm_cm2" }
            if let bulk = geometry.bulkResistance, geometry.thickness_cm != nil { columns.append("\(bulk)_conductivity_S_cm") }
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
    var units: [String: String] {
        var units: [String: String] = ["rss_ohm2": "Ohm^2", "temperature_C": "C"]
        for p in circuit.parameters { (units[p.name], units["\(p.name)_stderr"]) = (p.unit, p.unit) }
        for arc in arcs {
            let r = name(arc.resistance)
            for column in ["\(r)_C_eff_F", "\(r)_C_hsu_mansfeld_F", "\(r)_C_brug_F"] { units[column] = "F" }
            units["\(r)_tau_s"] = "s"
        }
        units["kk_max_residual_pct"] = "%"
        for r in geometry.interfaceResistances { units["\(r)_asr_ohm_cm2"] = "Ohm cm^2" }
        if let bulk = geometry.bulkResistance { units["\(bulk)_conductivity_S_cm"] = "S/cm" }
        return units
    }

    func results() -> ResultTable {
        var summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)), ("circuit", .string(circuit.text)),
            ("weighting", .string(weighting.rawValue)), ("weighting_formula", .string(weighting.formula)),
            ("units", .object(Dictionary(uniqueKeysWithValues: circuit.parameters.map { ($0.name, JSONValue.string($0.unit)) }))),
        ]
        if let area = geometry.area_cm2 { summary.append(("area_cm2", .number(area))) }
        if !geometry.interfaceResistances.isEmpty {
            summary.append(("asr", .string(asrConvention)))
        }
        if !arcs.isEmpty {
            summary.append(("capacitance_classes", .string(geometry.classes.classes.map {
                $0.upperLimit_F.isFinite ? "\($0.name)<\($0.upperLimit_F)" : $0.name
            }.joined(separator: ","))))
            summary.append(("effective_capacitance", .string(Self.capacitanceNote)))
        }
        summary.append(("kk_max_residual_threshold_pct", .number(KramersKronig().maximumResidual_pct)))
        for (name, fit) in arrhenius {
            summary.append(("\(name)_activation_energy_eV", .number(fit.activationEnergy_eV)))
            summary.append(("\(name)_activation_energy_stderr_eV", fit.activationEnergyStandardError_eV.json))
        }
        var table = ResultTable(summary: summary, columns: columns, rowsKey: "fits")
        let withTemperature = spectra.contains { $0.temperature_C != nil }
        // Fitted and unreadable spectra in one list, in test-id order, so each kind of row is made once.
        let entries = (fits.enumerated().map { index, result in
            (id: spectra[index].testID ?? index, temperature: spectra[index].temperature_C, result: result, kk: kk[index])
        } + rejected.map { (id: $0.id, temperature: nil, result: .failure(AnalysisError($0.problem)), kk: nil) })
            .sorted { $0.id < $1.id }
        for entry in entries {
            var row: [ResultTable.Value] = [.integer(entry.id)]
            if withTemperature { row.append(.number(entry.temperature)) }
            switch entry.result {
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
            if let kk = entry.kk {
                row += [.flag(kk.isValid), .number(kk.largestResidual_pct), .flag(kk.hasSeriesCapacitance)]
            } else {
                row += Array(repeating: .number(nil), count: Self.kkColumns.count)
            }
            table.rows.append(row)
        }
        return table
    }

    private var asrConvention: String {
        geometry.interfacesPerCell == 2
            ? "per interface = R*A/2 (symmetric cell, two identical interfaces" + (geometry.interfacesAssumed ? "; assumed: the file gives no cell type)" : ")")
            : "R*A (one interface)"
    }

    /// Hsu–Mansfeld for every arc and the classes; Brug's beside it for an interface arc.
    static let capacitanceNote = "C_eff_F = C_hsu_mansfeld_F = (R^(1-n) Q)^(1/n) (Hsu-Mansfeld), which assigns the arcs; "
        + "C_brug_F = (Q (1/R_s + 1/R)^(n-1))^(1/n) (Brug) for arcs assigned to an interface or named by --interface, "
        + "R_s = the series resistors plus the resistances of the faster arcs"

    private func derivedValues(_ values: [Double]) -> [ResultTable.Value] {
        var row: [ResultTable.Value] = []
        var capacitances: [ResultTable.Value] = []
        for arc in arcs {
            let capacitance = arc.effectiveCapacitance_F(values)
            // Normalised to a cell constant of 1 cm⁻¹ when the geometry is known (Irvine et al.).
            let normalised = geometry.thickness_cm.flatMap { d in geometry.area_cm2.map { capacitance * d / $0 } } ?? capacitance
            let assignment = geometry.classes.classify(normalised)
            row += [.number(arc.timeConstant_s(values)), .number(capacitance), .text(assignment)]
            let isInterface = assignment == "interface" || geometry.interfaceResistances.contains(name(arc.resistance))
            let brug = isInterface ? arc.brugCapacitance_F(values, seriesResistance_ohm: circuit.seriesResistance_ohm(before: arc, values)) : nil
            capacitances += [.number(capacitance), .number(brug)]
        }
        if let area = geometry.area_cm2 {
            for name in geometry.interfaceResistances {
                let r = values[circuit.parameterNames.firstIndex(of: name)!]
                row.append(.number(r * area / Double(geometry.interfacesPerCell)))
            }
            if let bulk = geometry.bulkResistance, let thickness = geometry.thickness_cm {
                row.append(.number(thickness / (values[circuit.parameterNames.firstIndex(of: bulk)!] * area)))
            }
        }
        return row + capacitances
    }

    func text() -> String {
        let readable = ValueFormatting.readable
        var lines = ["\(file): cell \(cell.id): \(circuit.text), \(weighting.rawValue) weighting"]
        if !geometry.interfaceResistances.isEmpty { lines.append("ASR \(asrConvention)") }
        for (name, fit) in arrhenius {
            let error = fit.activationEnergyStandardError_eV.map { " ± \(readable($0))" } ?? ""
            lines.append("\(name): Ea = \(readable(fit.activationEnergy_eV))\(error) eV over \(fit.points) spectra")
        }
        let table = results()
        // The text table keeps to what a reader scans: no stderrs, no repeated capacitance.
        let shown = table.columns.filter {
            !$0.hasSuffix("_stderr") && !$0.hasSuffix("_C_hsu_mansfeld_F")
                && !["fitted_points", "excluded_points", "warnings", "kk_series_capacitance"].contains($0)
        }
        var text = TextTable(headers: shown)
        text.leftAligned = Set(shown.indices.filter { shown[$0] == "error" || shown[$0].hasSuffix("_assignment") })
        for row in table.rows {
            text.rows.append(shown.map { column in
                let value = row[table.columns.firstIndex(of: column)!]
                if case .number(let number) = value { return readable(number) }
                return value.csv
            })
        }
        return lines.joined(separator: "\n") + "\n" + text.render()
    }
}
