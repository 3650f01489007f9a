import Foundation

/// The EC-Lab columns Coulomb uses, shared by the text (`.mpt`) and binary (`.mpr`) readers, and how they
/// become cycling data and spectra.
///
/// Units: EC-Lab writes current in mA (`I/mA`, `<I>/mA`), turned into A. GCPL files without a current column
/// keep `dq/mA.h`, the charge since the previous record, from which the current is derived (``derivedCurrent``;
/// `control/V/mA` is the set-point, never used); a file with neither (an OCV record) is read at 0 A. Both
/// say so in a note, which `coulomb info` shows. Sign: EC-Lab's current is
/// positive when it is anodic at the working electrode; with the working electrode as the cell's positive
/// side (or the studied electrode of a half cell against Li) that is the current that raises `Ewe`, i.e.
/// charges the cell, so it is kept as is. Impedance: EC-Lab writes −Im(Z) (`-Im(Z)/Ohm`, positive on a
/// capacitive arc), negated into Z″; files that only hold `|Z|/Ohm` and `Phase(Z)/deg` (galvanostatic
/// EIS inside a cycling sequence) give Z = |Z|·e^{jφ}.
enum BiologicColumns {
    static let time = ["time/s"]
    /// The cell voltage first (Ecell = Ewe − Ece in a three-electrode set-up), then the working electrode.
    static let voltage = ["Ecell/V", "Ewe/V", "<Ewe>/V", "<Ewe/V>"]
    static let current_mA = ["I/mA", "<I>/mA"]
    /// The charge passed since the previous record, which GCPL files without a current column keep.
    static let chargeStep_mAh = ["dq/mA.h", "dQ/mA.h"]
    static let cycle = ["cycle number"]
    /// EC-Lab's count of repeated impedance sweeps.
    static let sweep = ["z cycle"]
    static let step = ["Ns"]
    static let temperature = ["Temperature/°C"]
    static let frequency = ["freq/Hz"]
    static let zReal = ["Re(Z)/Ohm"]
    static let zMinusImaginary = ["-Im(Z)/Ohm"]
    static let zModulus = ["|Z|/Ohm"]
    static let zPhase = ["Phase(Z)/deg"]

    /// Every name a reader should fetch when present.
    static let all = [time, voltage, current_mA, chargeStep_mAh, cycle, sweep, step, temperature, frequency, zReal, zMinusImaginary,
                      zModulus, zPhase].flatMap { $0 }

    /// The first of `names` present in `available`.
    static func first(_ names: [String], in available: [String: [Double]]) -> String? {
        names.first { available[$0] != nil }
    }

    /// Builds cycling data and spectra from the columns found (`values` by EC-Lab name).
    ///
    /// Rows with a frequency other than zero are impedance points (EC-Lab writes 0 on the others; a NaN or
    /// negative frequency is an impedance point that fails validation); a file of nothing else has no cycling data.
    /// A spectrum is a run of consecutive impedance rows with one `cycle number` and one `z cycle`. Every row, impedance rows
    /// included, is a cycling row (as galvani and cellpy return them), so time stays continuous.
    static func content(
        _ values: [String: [Double]], file: String, headerNames: [String], rowLocations: @escaping (Int) -> String
    ) throws -> ExportContent {
        var content = ExportContent()
        let rows = values.values.first?.count ?? 0
        let frequency = first(Self.frequency, in: values).flatMap { values[$0] }
        let isImpedance = frequency.map { column in column.map { $0 != 0 } } ?? [Bool](repeating: false, count: rows)
        let cycleName = first(Self.cycle, in: values)
        let cycles = try cycleName.map { name in try wholeNumbers(values[name]!, name: name, file: file, rowLocations: rowLocations) }

        if isImpedance.contains(true) {
            content.spectra = try spectra(values, isImpedance: isImpedance, cycles: cycles, file: file,
                                          headerNames: headerNames, rowLocations: rowLocations, into: &content)
        }
        guard isImpedance.contains(false) else { return content }

        func required(_ names: [String], _ what: String) throws -> String {
            guard let name = first(names, in: values) else {
                throw CoulombIOError(file: file, problem: """
                    no \(what) column; looked for \(names.map { "'\($0)'" }.joined(separator: " or ")) among \
                    \(headerNames.map { "'\($0)'" }.joined(separator: ", "))
                    """)
            }
            return name
        }
        let timeName = try required(Self.time, "time")
        let voltageName = try required(Self.voltage, "voltage")
        var columns = CyclingColumns()
        columns.time_s = values[timeName]!
        columns.voltage_V = values[voltageName]!
        columns.cycleIndex = cycles
        content.cyclingColumns = [ColumnDescription(name: timeName, units: "s"), ColumnDescription(name: voltageName, units: "V")]
        let currentName: String
        if let name = first(current_mA, in: values) {
            currentName = name
            columns.current_A = values[name]!.map { $0 * 1e-3 }
            content.cyclingColumns.append(ColumnDescription(name: name, units: "mA"))
        } else if let name = first(chargeStep_mAh, in: values) {
            currentName = name
            columns.current_A = try derivedCurrent(values[name]!, time: columns.time_s, name: name, file: file, rowLocations: rowLocations)
            content.cyclingColumns.append(ColumnDescription(name: name, units: "mA.h"))
            let setPoint = headerNames.filter { $0.hasPrefix("control/") }.map { " ('\($0)' is the set-point, not a measurement)" }.first ?? ""
            content.notes.append("no current column: current derived from '\(name)' (charge since the previous record) over the "
                                 + "time step\(setPoint)")
        } else {
            currentName = "(none: open circuit)"
            columns.current_A = [Double](repeating: 0, count: columns.time_s.count)
            content.notes.append("""
                no current column ('I/mA', '<I>/mA', 'dq/mA.h'): read as an open-circuit record at 0 A \
                (columns: \(headerNames.map { "'\($0)'" }.joined(separator: ", ")))
                """)
        }
        columns.sourceNames = ["time_s": timeName, "voltage_V": voltageName, "current_A": currentName]
        if let cycleName {
            columns.sourceNames["cycleIndex"] = cycleName
            content.cyclingColumns.append(ColumnDescription(name: cycleName, units: nil))
        }
        if let stepName = first(Self.step, in: values) {
            columns.stepIndex = try wholeNumbers(values[stepName]!, name: stepName, file: file, rowLocations: rowLocations)
            columns.sourceNames["stepIndex"] = stepName
            content.cyclingColumns.append(ColumnDescription(name: stepName, units: nil))
        }
        if let temperatureName = first(Self.temperature, in: values) {
            columns.temperature_C = values[temperatureName]
            columns.sourceNames["temperature_C"] = temperatureName
            content.cyclingColumns.append(ColumnDescription(name: temperatureName, units: "C"))
        }
        columns.rowLocations = rowLocations
        content.cycling = columns
        return content
    }

    private static func spectra(
        _ values: [String: [Double]], isImpedance: [Bool], cycles: [Int]?, file: String, headerNames: [String],
        rowLocations: @escaping (Int) -> String, into content: inout ExportContent
    ) throws -> [ExportSpectrum] {
        let frequencyName = first(Self.frequency, in: values)!
        let frequency = values[frequencyName]!
        let real: [Double], imaginary: [Double]
        var names = ["frequency_Hz": frequencyName]
        if let realName = first(zReal, in: values), let minusName = first(zMinusImaginary, in: values) {
            real = values[realName]!
            imaginary = values[minusName]!.map { -$0 }
            names["impedance_ohm"] = "\(realName)/\(minusName)"
            content.spectrumColumns = [ColumnDescription(name: frequencyName, units: "Hz"),
                                       ColumnDescription(name: realName, units: "ohm"),
                                       ColumnDescription(name: minusName, units: "ohm")]
        } else if let modulusName = first(zModulus, in: values), let phaseName = first(zPhase, in: values) {
            let modulus = values[modulusName]!, phase = values[phaseName]!
            real = zip(modulus, phase).map { $0 * cos($1 * .pi / 180) }
            imaginary = zip(modulus, phase).map { $0 * sin($1 * .pi / 180) }
            names["impedance_ohm"] = "\(modulusName)/\(phaseName)"
            content.spectrumColumns = [ColumnDescription(name: frequencyName, units: "Hz"),
                                       ColumnDescription(name: modulusName, units: "ohm"),
                                       ColumnDescription(name: phaseName, units: "deg")]
        } else {
            throw CoulombIOError(file: file, problem: """
                has impedance rows ('\(frequencyName)' not 0) but neither 'Re(Z)/Ohm' with '-Im(Z)/Ohm' nor \
                '|Z|/Ohm' with 'Phase(Z)/deg'; columns: \(headerNames.map { "'\($0)'" }.joined(separator: ", "))
                """)
        }
        let times = first(Self.time, in: values).flatMap { values[$0] }
        let sweeps = first(Self.sweep, in: values).flatMap { values[$0] }
        func sameSpectrum(_ row: Int, _ start: Int) -> Bool {
            (cycles.map { $0[row] == $0[start] } ?? true) && (sweeps.map { $0[row] == $0[start] } ?? true)
        }
        var spectra: [ExportSpectrum] = []
        var start: Int?
        for row in 0...isImpedance.count {
            let continues = row < isImpedance.count && isImpedance[row]
                && (start.map { sameSpectrum(row, $0) } ?? true)
            if let first = start, !continues {
                spectra.append(ExportSpectrum(
                    frequency_Hz: Array(frequency[first..<row]), real_ohm: Array(real[first..<row]),
                    imaginary_ohm: Array(imaginary[first..<row]), time_s: times?[first],
                    pointTimes_s: times.map { Array($0[first..<row]) },
                    rowLocations: { rowLocations(first + $0) }, sourceNames: names))
                start = nil
            }
            if row < isImpedance.count, isImpedance[row], start == nil { start = row }
        }
        return spectra
    }

    /// The current of each record from the charge passed since the previous one: I = 3.6·dq / Δt A for dq in
    /// mA·h (1 mA·h = 3.6 C), the mean current over the interval the record closes. The first record, which
    /// closes no interval, must have dq = 0 (EC-Lab starts every file so) and gets 0 A; a record with dq ≠ 0
    /// and no time since the previous one is an error naming it.
    static func derivedCurrent(
        _ charge_mAh: [Double], time: [Double], name: String, file: String, rowLocations: (Int) -> String
    ) throws -> [Double] {
        var current = [Double](repeating: 0, count: charge_mAh.count)
        for row in charge_mAh.indices where charge_mAh[row] != 0 {
            let step = row > 0 ? time[row] - time[row - 1] : 0
            guard step > 0 else {
                throw CoulombIOError(file: file, object: rowLocations(row), problem: """
                    column '\(name)': \(charge_mAh[row]) mA·h passed in \(row > 0 ? "a time step of \(step) s" : "the first record"), \
                    so no current can be derived from it
                    """)
            }
            current[row] = 3.6 * charge_mAh[row] / step
        }
        return current
    }

    /// Counters such as `cycle number` (EC-Lab writes them as `1.000000000000000E+000`).
    private static func wholeNumbers(
        _ values: [Double], name: String, file: String, rowLocations: (Int) -> String
    ) throws -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(values.count)
        for (row, value) in values.enumerated() {
            guard let whole = Int(exactly: value) else {
                throw CoulombIOError(file: file, object: rowLocations(row),
                                     problem: "column '\(name)': \(value) is not a whole number")
            }
            result.append(whole)
        }
        return result
    }
}
