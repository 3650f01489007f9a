/// Reads Parstat text exports (impedance.py's `parstat`): one tab-separated header line, `Potential (V)`,
/// `Current (A)`, `Elapsed Time (s)`, `Frequency (Hz)`, `Zre (ohms)`, `Zim (ohms)`, `|Vac| (V)`, `|Iac| (A)`,
/// then one row per point.
///
/// Rows at frequency 0 are the DC steps before the sweep and are stepped over; the rest are one spectrum,
/// as impedance.py reads it. `Zim` is Z″ (negative on a capacitive arc), kept as is; `Elapsed Time` of the
/// first point is the spectrum's time.
enum ParstatTextReader {
    static func isHeader(_ names: [String]) -> Bool {
        let quantities = Set(names.map { CSVDialect.quantityAndUnit($0).quantity })
        return quantities.isSuperset(of: ["Potential", "Current", "Elapsed Time", "Frequency", "Zre", "Zim"])
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let header = try text.firstNonBlankLine()
        let table = DelimitedTable(text: text, header: header, delimiter: 0x09)
        let frequency = ImpedanceTable.headerColumns(table.columns)?.frequency
        var fields: [Range<Int>] = []
        return ImpedanceTable.content(try ImpedanceTable.namedSpectrum(
            table, time: table.index(of: ["Elapsed Time (s)"]),
            role: { buffer, range in
                DelimitedTable.split(buffer, range, delimiter: 0x09, into: &fields)
                // A short or unreadable row is left to the table reader, which names what is wrong with it.
                guard let frequency, fields.count > frequency,
                      NumberScanner.double(buffer, fields[frequency], decimalComma: table.decimalComma) == 0 else {
                    return .row
                }
                return .skip
            }))
    }
}
