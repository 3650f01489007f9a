/// One cell's headline numbers: a row of a batch table over many files.
///
/// Each analysis runs only where it applies: `cycles` on cells with a cycling record that are not
/// symmetric (CE under the automatic convention), `ccd` and `shorts` on symmetric cells with an electrode
/// area, `fit` on cells with spectra when a circuit is given, `drt` on cells with spectra. A `notes` entry says why one failed or
/// lacked what it needs (a symmetric cell without an area). The columns depend only on the options, never on the cell, so rows of different cells, files
/// and machines line up.
public struct CellSummary: Sendable {
    public enum Analysis: String, CaseIterable, Sendable {
        case cycles, ccd, shorts, fit, drt
    }

    public struct Options: Sendable {
        public var analyses: [Analysis]
        public var circuit: Circuit?
        public var fitter: ImpedanceFitter

        public init(analyses: [Analysis], circuit: Circuit? = nil, fitter: ImpedanceFitter = ImpedanceFitter()) {
            self.analyses = analyses
            self.circuit = circuit
            self.fitter = fitter
        }

        func runs(_ analysis: Analysis) -> Bool { analyses.contains(analysis) }
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    static let cellColumns = ["cell", "cell_type", "rows", "cycles", "spectra", "area_cm2", "active_mass_g",
                              "temperature_C", "stack_pressure_MPa"]
    static let cyclesColumns = ["ce_convention", "complete_cycles", "initial_ce_pct", "mean_ce_pct", "first_capacity_out_mAh",
                                "last_capacity_out_mAh", "retention_pct", "cumulative_irreversible_mAh"]
    /// What a CCD means travels with it: the ramp's protocol, the areal capacity and duration of a
    /// half-cycle at the failing level (the last level without a failure), and the areal capacity passed
    /// before the onset (all of it without a failure).
    static let ccdColumns = ["ccd_mA_cm2", "ccd_is_lower_bound", "failure", "onset_level_mA_cm2", "onset_time_s", "asr_dc_ohm_cm2",
                             "failure_mode", "failure_level_mA_cm2", "ccd_protocol", "areal_capacity_per_half_cycle_mAh_cm2",
                             "half_cycle_duration_s", "cumulative_areal_capacity_mAh_cm2"]
    static let shortsColumns = ["first_soft_short_time_s", "first_hard_short_time_s", "first_soft_short_mode", "first_hard_short_mode"]

    /// The columns that hold text; every other column holds numbers (or flags).
    public static let textColumns: Set<String> = ["cell", "cell_type", "ce_convention", "failure", "notes", "failure_mode",
                                                  "ccd_protocol", "first_soft_short_mode", "first_hard_short_mode"]

    /// The column names, in order.
    public var columns: [String] {
        var names = Self.cellColumns
        if options.runs(.cycles) { names += Self.cyclesColumns }
        if options.runs(.ccd) { names += Self.ccdColumns }
        if options.runs(.shorts) { names += Self.shortsColumns }
        if options.runs(.fit), let circuit = options.circuit {
            names += ["fitted_spectra", "failed_spectra"]
            names += circuit.parameterNames.flatMap { ["\($0)_first", "\($0)_last"] }
        }
        if options.runs(.drt) { names += Self.drtColumns }
        return names + ["notes"]
    }

    /// A row with nothing in it (a file that could not be read): empty text, missing numbers.
    public var blankRow: [ResultTable.Value] { Self.blank(columns) }

    /// Empty text for the text columns among `names`, missing numbers for the others.
    static func blank(_ names: [String]) -> [ResultTable.Value] {
        names.map { textColumns.contains($0) ? .text("") : .number(nil) }
    }

    /// The row for one cell, aligned with ``columns``.
    public func row(_ cell: Cell) -> [ResultTable.Value] {
        var notes: [String] = []
        var row: [ResultTable.Value] = [
            .text(cell.id), .text(cell.type?.rawValue ?? ""), .integer(cell.cycling?.count ?? 0),
            .integer(cell.cycling?.instrumentCycleCount), .integer(cell.spectra.count),
            .number(cell.area_cm2), .number(cell.activeMass_g), .number(cell.temperature_C), .number(cell.stackPressure_MPa),
        ]
        if options.runs(.cycles) { row += cycles(cell, notes: &notes) }
        let symmetric = symmetricData(cell, notes: &notes)
        if options.runs(.ccd) { row += ccd(symmetric, notes: &notes) }
        if options.runs(.shorts) { row += shorts(symmetric, notes: &notes) }
        if options.runs(.fit), let circuit = options.circuit { row += fits(cell, circuit, notes: &notes) }
        if options.runs(.drt) { row += drt(cell, notes: &notes) }
        return row + [.text(notes.joined(separator: "; "))]
    }

    private func cycles(_ cell: Cell, notes: inout [String]) -> [ResultTable.Value] {
        let empty = Self.blank(Self.cyclesColumns)
        guard let data = cell.cycling else { return empty }
        guard cell.type != .symmetric else { return empty }
        do {
            let convention = CycleConvention.Choice.choose(nil, cell: cell, data: data)
            let table = try CycleTable(data, convention: convention, capacitySource: .integrated)
            let complete = table.rows.filter(\.isComplete)
            if let withheld = convention.withheldReason { notes.append("cycles: CE withheld: \(withheld)") }
            if let warning = table.conventionWarning { notes.append("cycles: \(warning)") }
            let out = convention.isWithheld ? []
                : complete.map { convention.output(charge: $0.chargeCapacity_Ah, discharge: $0.dischargeCapacity_Ah) * 1000 }
            return [.text(convention.modeName ?? ""), .integer(complete.count),
                    .number(table.initialCoulombicEfficiency.map { $0 * 100 }),
                    .number(table.meanCoulombicEfficiency.map { $0 * 100 }),
                    .number(out.first), .number(out.last), .number(complete.last?.retention.map { $0 * 100 }),
                    .number(complete.last?.cumulativeIrreversibleCapacity_Ah.map { $0 * 1000 })]
        } catch {
            notes.append("cycles: \(error)")
            return empty
        }
    }

    /// The record and area of a symmetric cell, or `nil` with a note saying why not.
    private func symmetricData(_ cell: Cell, notes: inout [String]) -> (CyclingData, Double)? {
        guard options.runs(.ccd) || options.runs(.shorts), let data = cell.cycling else { return nil }
        guard cell.type == .symmetric else { return nil }
        guard let area = cell.area_cm2, area > 0 else {
            notes.append("ccd/shorts: the electrode area is unknown")
            return nil
        }
        return (data, area)
    }

    private func ccd(_ symmetric: (CyclingData, Double)?, notes: inout [String]) -> [ResultTable.Value] {
        let empty = Self.blank(Self.ccdColumns)
        guard let (data, area) = symmetric else { return empty }
        do {
            let verdict = try CriticalCurrentDensity(data, area_cm2: area)
            let level = verdict.levels.first { $0.currentDensity_mA_cm2 == verdict.failureLevel_mA_cm2 } ?? verdict.levels.last
            return [.number(verdict.ccd_mA_cm2), .flag(verdict.ccdIsLowerBound), .text(verdict.failure.rawValue),
                    .number(verdict.onsetLevel_mA_cm2), .number(verdict.onsetTime_s), .number(verdict.asrDC_ohm_cm2),
                    .text(verdict.failureMode?.rawValue ?? ""), .number(verdict.failureLevel_mA_cm2),
                    .text(verdict.rampProtocol.rawValue), .number(level?.arealCapacity_mAh_cm2),
                    .number(level?.halfCycleDuration_s), .number(verdict.cumulativeArealCapacity_mAh_cm2)]
        } catch {
            notes.append("ccd: \(error)")
            return empty
        }
    }

    private func shorts(_ symmetric: (CyclingData, Double)?, notes: inout [String]) -> [ResultTable.Value] {
        let empty = Self.blank(Self.shortsColumns)
        guard let (data, area) = symmetric else { return empty }
        do {
            let monitor = try ShortMonitor(data, area_cm2: area)
            let soft = monitor.events.first { $0.kind == .softShort }, hard = monitor.events.first { $0.kind == .hardShort }
            return [.number(monitor.firstSoftShortTime_s), .number(monitor.firstHardShortTime_s),
                    .text(soft?.mode.rawValue ?? ""), .text(hard?.mode.rawValue ?? "")]
        } catch {
            notes.append("shorts: \(error)")
            return empty
        }
    }

    private func fits(_ cell: Cell, _ circuit: Circuit, notes: inout [String]) -> [ResultTable.Value] {
        let names = circuit.parameterNames
        let interpretation: ImpedanceInterpretation
        do { interpretation = try ImpedanceInterpretation(circuit: circuit, cell: cell) } catch {
            notes.append("fit: \(error)")
            return Array(repeating: .number(nil), count: 2 + 2 * names.count)
        }
        // The same analysis as `fit` runs (lin-KK first), so a cell's numbers agree between the two.
        let results = ImpedanceAnalysis(cell.spectra, interpretation: interpretation, fitter: options.fitter, workers: 1).fits
        let fitted = results.compactMap { try? $0.get() }
        let failures = results.count - fitted.count
        for case .failure(let error) in results {
            notes.append("fit: \(failures) of \(results.count) spectra failed (first: \(error))")
            break
        }
        var row: [ResultTable.Value] = [.integer(fitted.count), .integer(failures)]
        for k in names.indices {
            row += [.number(fitted.first?.values[k]), .number(fitted.last?.values[k])]
        }
        return row
    }
}
