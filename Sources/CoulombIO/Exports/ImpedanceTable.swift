import Foundation

/// Reads one spectrum's frequency and impedance columns from a delimited table; shared by the impedance
/// text formats.
///
/// A header names the columns in any of the words people use (compared without case and units): the
/// frequency (`frequency`, `freq`, `f`, `frequency_Hz`), and either Z′ and Z″ (`Z'`, `Zreal`, `Re(Z)`,
/// `real`, `z_real_ohm`; `Z''`, `Zimag`, `Im(Z)`, `imaginary`, `z_imag_ohm`) or, when those are absent,
/// |Z| and the phase φ (`|Z|`, `Zmod`, `modulus`; `Phase`, `Zphz`, `phase_rad`), converted as
/// Z′ = |Z| cos φ, Z″ = |Z| sin φ with φ in degrees unless the header says radians. A leading minus
/// (`-Z''`, `-Z'`, `-Phase`) says the column holds the negated quantity, which is negated back.
enum ImpedanceTable {
    static let frequencyNames: Set<String> = ["frequency", "freq", "f", "freq.", "fr"]
    static let realNames: Set<String> = [
        "z'", "z′", "zreal", "z_real", "z real", "z-real", "re(z)", "rez", "re z", "re", "real", "real(z)", "zre", "z_re", "zr",
        "real part", "z_real_part",
    ]
    static let imaginaryNames: Set<String> = [
        "z''", "z\"", "z′′", "z″", "zimag", "z_imag", "z imag", "z-imag", "im(z)", "imz", "im z", "im", "imag", "imag(z)",
        "imaginary", "zim", "z_im", "zimg", "zi", "imaginary part", "z_imag_part",
    ]
    static let modulusNames: Set<String> = ["|z|", "zmod", "z_mod", "mod(z)", "modulus", "magnitude", "abs(z)", "zabs", "z_abs", "z"]
    static let phaseNames: Set<String> = ["phase", "phase(z)", "phase z", "phz", "zphz", "z_phz", "phase angle", "theta", "phi", "arg(z)", "angle"]

    /// Where a header puts a spectrum's columns.
    struct Columns {
        enum Parts {
            /// Z′ and Z″, each negated when the header writes it with a leading minus.
            case cartesian(real: Int, negateReal: Bool, imaginary: Int, negateImaginary: Bool)
            /// |Z| and φ, φ in radians or degrees, negated when written with a leading minus.
            case polar(modulus: Int, phase: Int, radians: Bool, negatePhase: Bool)
        }

        var frequency: Int
        var parts: Parts

        /// The impedance columns' indices, in the order the file gives the two parts.
        var impedanceIndices: [Int] {
            switch parts {
            case .cartesian(let real, _, let imaginary, _): [real, imaginary]
            case .polar(let modulus, let phase, _, _): [modulus, phase]
            }
        }
    }

    /// A header name as compared: its quantity in lower case without unit or leading minus, its unit, and
    /// whether it had the minus. `frequency_Hz`, `z_real_ohm`, `phase_rad` carry their unit after an
    /// underscore; `Re(Z)` and `Im(Z)` are names, not a quantity with the unit `Z`.
    static func term(_ name: String) -> (quantity: String, unit: String?, negated: Bool) {
        var (quantity, unit) = CSVDialect.quantityAndUnit(name)
        if let written = unit, written.lowercased() == "z" {
            quantity = name.trimmingCharacters(in: .whitespaces)
            unit = nil
        }
        quantity = quantity.lowercased()
        if unit == nil {
            for suffix in ["_hz", "_ohm", "_ohms", "_deg", "_degrees", "_rad", "_radians"] where quantity.hasSuffix(suffix) {
                unit = String(suffix.dropFirst())
                quantity = String(quantity.dropLast(suffix.count))
                break
            }
        }
        var negated = false
        if let first = quantity.first, first == "-" || first == "\u{2212}" {
            negated = true
            quantity = quantity.dropFirst().trimmingCharacters(in: .whitespaces)
        }
        return (quantity, unit, negated)
    }

    /// The columns of a header naming a frequency and an impedance (Z′ and Z″, else |Z| and phase), or
    /// `nil` when it names no such set.
    static func headerColumns(_ names: [String]) -> Columns? {
        let terms = names.map(term)
        func first(_ names: Set<String>) -> Int? { terms.firstIndex { names.contains($0.quantity) } }
        guard let frequency = first(frequencyNames) else { return nil }
        if let real = first(realNames), let imaginary = first(imaginaryNames) {
            return Columns(frequency: frequency, parts: .cartesian(
                real: real, negateReal: terms[real].negated, imaginary: imaginary, negateImaginary: terms[imaginary].negated))
        }
        if let modulus = first(modulusNames), let phase = first(phaseNames) {
            return Columns(frequency: frequency, parts: .polar(
                modulus: modulus, phase: phase, radians: isRadians(terms[phase].unit), negatePhase: terms[phase].negated))
        }
        return nil
    }

    /// What a header that names no spectrum does name, and what was looked for, for the error.
    static func unrecognisedHeader(_ names: [String]) -> String {
        let found = names.filter { !$0.isEmpty }.map { name -> String in
            let quantity = term(name).quantity
            let roles: [(Set<String>, String)] = [(frequencyNames, "frequency"), (realNames, "Z′"), (imaginaryNames, "Z″"),
                                                  (modulusNames, "|Z|"), (phaseNames, "phase")]
            guard let role = roles.first(where: { $0.0.contains(quantity) })?.1 else { return "'\(name)'" }
            return "'\(name)' (\(role))"
        }
        return """
            cannot tell which columns hold the spectrum: found \(found.joined(separator: ", ")); expected a frequency \
            column (frequency, freq, f, frequency_Hz) with Z′ and Z″ columns (Z', Zreal, Re(Z), real, z_real_ohm and \
            Z'', Zimag, Im(Z), imaginary, z_imag_ohm) or |Z| and phase columns (|Z|, Zmod, modulus and Phase, Zphz; \
            degrees unless the header says rad); a leading minus marks a negated column
            """
    }

    /// Whether a unit written in a header is ohm (`Ohm`, `ohms`, `Ω`, …); no unit means ohm.
    static func isOhm(_ unit: String?) -> Bool {
        guard let unit else { return true }
        return ["ohm", "ohms", "Ω", "ω"].contains(unit.lowercased())
    }

    private static func isRadians(_ unit: String?) -> Bool {
        ["rad", "rads", "radian", "radians"].contains(unit?.lowercased() ?? "")
    }

    private static func isPhaseUnit(_ unit: String?) -> Bool {
        guard let unit else { return true }
        return isRadians(unit) || ["deg", "degs", "degree", "degrees", "°"].contains(unit.lowercased())
    }

    /// The spectrum in the columns `table`'s header names (see ``headerColumns(_:)``), their units checked:
    /// Hz for the frequency, ohm for Z′, Z″ and |Z|, degrees or radians for the phase (or none written).
    /// Rows run to the end of the file or to the first line whose `role` is `.end`.
    static func namedSpectrum(
        _ table: DelimitedTable, time: Int? = nil,
        role: @escaping (UnsafeBufferPointer<UInt8>, Range<Int>) -> DelimitedTable.LineRole
    ) throws -> (ExportSpectrum, [ColumnDescription]) {
        try namedSpectrum(table.rows(where: role), time: time)
    }

    /// The spectrum in the columns `table`'s header names, delimited text or a sheet.
    static func namedSpectrum(_ table: some ExportTable, time: Int? = nil) throws -> (ExportSpectrum, [ColumnDescription]) {
        guard let columns = headerColumns(table.columns) else {
            throw table.headerError(unrecognisedHeader(table.columns))
        }
        var checks: [(Int, String, (String?) -> Bool)] = [(columns.frequency, "Hz", { $0 == nil || $0!.lowercased() == "hz" })]
        switch columns.parts {
        case .cartesian(let real, _, let imaginary, _): checks += [(real, "ohm", isOhm), (imaginary, "ohm", isOhm)]
        case .polar(let modulus, let phase, _, _): checks += [(modulus, "ohm", isOhm), (phase, "degrees or radians", isPhaseUnit)]
        }
        for (index, expected, isRightUnit) in checks {
            let unit = term(table.columns[index]).unit
            guard isRightUnit(unit) else {
                throw table.headerError("column '\(table.columns[index])': unit '\(unit!)' is not \(expected)")
            }
        }
        return try spectrum(table, columns, time: time)
    }

    /// The spectrum in the columns `frequency`, `real` and `imaginary` of `table`; `negateImaginary` when
    /// the file writes −Z″. Rows run to the end of the file or to the first line whose `role` is `.end`.
    static func spectrum(
        _ table: DelimitedTable, frequency: Int, real: Int, imaginary: Int, negateImaginary: Bool, time: Int? = nil,
        role: @escaping (UnsafeBufferPointer<UInt8>, Range<Int>) -> DelimitedTable.LineRole
    ) throws -> (ExportSpectrum, [ColumnDescription]) {
        try spectrum(table.rows(where: role), frequency: frequency, real: real, imaginary: imaginary,
                     negateImaginary: negateImaginary, time: time)
    }

    /// The spectrum in the given columns of `table`, delimited text or a sheet.
    static func spectrum(
        _ table: some ExportTable, frequency: Int, real: Int, imaginary: Int, negateImaginary: Bool, time: Int? = nil
    ) throws -> (ExportSpectrum, [ColumnDescription]) {
        let columns = Columns(frequency: frequency, parts: .cartesian(
            real: real, negateReal: false, imaginary: imaginary, negateImaginary: negateImaginary))
        return try spectrum(table, columns, time: time)
    }

    /// The spectrum in `columns` of `table`, converted to Z′ and Z″.
    static func spectrum(
        _ table: some ExportTable, _ columns: Columns, time: Int? = nil
    ) throws -> (ExportSpectrum, [ColumnDescription]) {
        let parts = columns.impedanceIndices
        var wanted: [(index: Int, kind: DelimitedTable.Kind)] = [(columns.frequency, .number), (parts[0], .number), (parts[1], .number)]
        if let time { wanted.append((time, .number)) }
        let (values, lines) = try table.read(wanted)
        guard !lines.isEmpty else { throw table.headerError("no data rows after the column names") }
        func name(_ index: Int) -> String { table.columns.indices.contains(index) ? table.columns[index] : "column \(index + 1)" }
        let first = values[1].numbers, second = values[2].numbers
        let real: [Double], imaginary: [Double], units: [String]
        switch columns.parts {
        case .cartesian(_, let negateReal, _, let negateImaginary):
            real = negateReal ? first.map { -$0 } : first
            imaginary = negateImaginary ? second.map { -$0 } : second
            units = ["ohm", "ohm"]
        case .polar(_, _, let radians, let negatePhase):
            let sign = negatePhase ? -1.0 : 1.0
            let phase_rad = second.map { sign * (radians ? $0 : $0 * .pi / 180) }
            real = zip(first, phase_rad).map { $0 * cos($1) }
            imaginary = zip(first, phase_rad).map { $0 * sin($1) }
            units = ["ohm", radians ? "rad" : "deg"]
        }
        let spectrum = ExportSpectrum(
            frequency_Hz: values[0].numbers, real_ohm: real, imaginary_ohm: imaginary,
            time_s: time.map { _ in values[3].numbers[0] }, pointTimes_s: time.map { _ in values[3].numbers },
            rowLocations: table.rowLocations(lines),
            sourceNames: ["frequency_Hz": name(columns.frequency), "impedance_ohm": "\(name(parts[0]))/\(name(parts[1]))"])
        let described = [ColumnDescription(name: name(columns.frequency), units: "Hz"),
                         ColumnDescription(name: name(parts[0]), units: units[0]),
                         ColumnDescription(name: name(parts[1]), units: units[1])]
        return (spectrum, described)
    }

    /// An export holding one spectrum and nothing else.
    static func content(_ spectrum: (ExportSpectrum, [ColumnDescription])) -> ExportContent {
        var content = ExportContent()
        content.spectra = [spectrum.0]
        content.spectrumColumns = spectrum.1
        return content
    }
}
