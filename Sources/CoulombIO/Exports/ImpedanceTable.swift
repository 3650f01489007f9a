/// Reads one spectrum's frequency, Z′ and Z″ columns from a delimited table; shared by the impedance
/// text formats.
enum ImpedanceTable {
    /// The spectrum in the columns `frequency`, `real` and `imaginary` of `table`; `negateImaginary` when
    /// the file writes −Z″. Rows run to the end of the file or to the first line whose `role` is `.end`.
    static func spectrum(
        _ table: DelimitedTable, frequency: Int, real: Int, imaginary: Int, negateImaginary: Bool, time: Int? = nil,
        role: (UnsafeBufferPointer<UInt8>, Range<Int>) -> DelimitedTable.LineRole = { _, _ in .row }
    ) throws -> (ExportSpectrum, [ColumnDescription]) {
        var wanted: [(index: Int, kind: DelimitedTable.Kind)] = [(frequency, .number), (real, .number), (imaginary, .number)]
        if let time { wanted.append((time, .number)) }
        let (values, lines) = try table.read(wanted, role: role)
        guard !lines.isEmpty else { throw table.text.error(line: table.headerLine, "no data rows after the column names") }
        func name(_ index: Int) -> String { table.columns.indices.contains(index) ? table.columns[index] : "column \(index + 1)" }
        let spectrum = ExportSpectrum(
            frequency_Hz: values[0].numbers, real_ohm: values[1].numbers,
            imaginary_ohm: negateImaginary ? values[2].numbers.map { -$0 } : values[2].numbers,
            time_s: time.map { _ in values[3].numbers[0] }, rowLocations: lines.lineName,
            sourceNames: ["frequency_Hz": name(frequency), "impedance_ohm": "\(name(real))/\(name(imaginary))"])
        let described = [ColumnDescription(name: name(frequency), units: "Hz"), ColumnDescription(name: name(real), units: "ohm"),
                         ColumnDescription(name: name(imaginary), units: "ohm")]
        return (spectrum, described)
    }
}
