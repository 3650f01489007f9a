/// Reads one spectrum's frequency, Z′ and Z″ columns from a delimited table; shared by the impedance
/// text formats.
enum ImpedanceTable {
    static let frequencyNames: Set<String> = ["frequency", "freq", "f"]
    static let realNames: Set<String> = ["z'", "zreal", "z_real", "z real", "re(z)", "real", "zre"]
    static let imaginaryNames: Set<String> = ["z''", "z\"", "zimag", "z_imag", "z imag", "im(z)", "imag", "zim", "zimg"]

    /// The columns of a header naming the three quantities (compared without their units and case), with
    /// whether Z″ is written negated (a leading minus: `-Z''`, `-Im(Z)`).
    static func headerColumns(_ names: [String]) -> (frequency: Int, real: Int, imaginary: Int, negated: Bool)? {
        let quantities = names.map { CSVDialect.quantityAndUnit($0).quantity.lowercased() }
        guard let frequency = quantities.firstIndex(where: frequencyNames.contains),
              let real = quantities.firstIndex(where: realNames.contains) else { return nil }
        if let imaginary = quantities.firstIndex(where: imaginaryNames.contains) {
            return (frequency, real, imaginary, false)
        }
        if let imaginary = quantities.firstIndex(where: { $0.hasPrefix("-") && imaginaryNames.contains(String($0.dropFirst())) }) {
            return (frequency, real, imaginary, true)
        }
        return nil
    }

    /// Whether a unit written in a header is ohm (`Ohm`, `ohms`, `Ω`, …); no unit means ohm.
    static func isOhm(_ unit: String?) -> Bool {
        guard let unit else { return true }
        return ["ohm", "ohms", "Ω", "ω"].contains(unit.lowercased())
    }

    /// The spectrum in the columns `table`'s header names (see ``headerColumns(_:)``), their units checked:
    /// Hz for the frequency, ohm for Z′ and Z″ (or none written).
    static func namedSpectrum(
        _ table: DelimitedTable, time: Int? = nil,
        role: @escaping (UnsafeBufferPointer<UInt8>, Range<Int>) -> DelimitedTable.LineRole
    ) throws -> (ExportSpectrum, [ColumnDescription]) {
        try namedSpectrum(table.rows(where: role), time: time)
    }

    /// The spectrum in the columns `table`'s header names, delimited text or a sheet.
    static func namedSpectrum(_ table: some ExportTable, time: Int? = nil) throws -> (ExportSpectrum, [ColumnDescription]) {
        guard let columns = headerColumns(table.columns) else {
            throw table.headerError("no frequency, Z' and Z'' columns among \(table.quotedColumns)")
        }
        let isHertz: (String?) -> Bool = { $0 == nil || $0!.lowercased() == "hz" }
        for (index, isRightUnit) in [(columns.frequency, isHertz), (columns.real, isOhm), (columns.imaginary, isOhm)] {
            let unit = CSVDialect.quantityAndUnit(table.columns[index]).unit
            guard isRightUnit(unit) else {
                throw table.headerError("""
                    column '\(table.columns[index])': unit '\(unit!)' is not \(index == columns.frequency ? "Hz" : "ohm")
                    """)
            }
        }
        return try spectrum(table, frequency: columns.frequency, real: columns.real, imaginary: columns.imaginary,
                            negateImaginary: columns.negated, time: time)
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
        var wanted: [(index: Int, kind: DelimitedTable.Kind)] = [(frequency, .number), (real, .number), (imaginary, .number)]
        if let time { wanted.append((time, .number)) }
        let (values, lines) = try table.read(wanted)
        guard !lines.isEmpty else { throw table.headerError("no data rows after the column names") }
        func name(_ index: Int) -> String { table.columns.indices.contains(index) ? table.columns[index] : "column \(index + 1)" }
        let spectrum = ExportSpectrum(
            frequency_Hz: values[0].numbers, real_ohm: values[1].numbers,
            imaginary_ohm: negateImaginary ? values[2].numbers.map { -$0 } : values[2].numbers,
            time_s: time.map { _ in values[3].numbers[0] }, pointTimes_s: time.map { _ in values[3].numbers },
            rowLocations: table.rowLocations(lines),
            sourceNames: ["frequency_Hz": name(frequency), "impedance_ohm": "\(name(real))/\(name(imaginary))"])
        let described = [ColumnDescription(name: name(frequency), units: "Hz"), ColumnDescription(name: name(real), units: "ohm"),
                         ColumnDescription(name: name(imaginary), units: "ohm")]
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
