/// Reads PowerSuite impedance text exports (impedance.py's `powersuite`): the header `Frequency`, `Zre`,
/// `Zimg` and tab-separated rows (Hz, ohm).
///
/// PowerSuite writes Zimg = Z″ (negative on a capacitive arc), kept as is.
enum PowerSuiteReader {
    static func isHeader(_ names: [String]) -> Bool { names == ["Frequency", "Zre", "Zimg"] }

    static func read(_ text: ExportText) throws -> ExportContent {
        let header = try text.firstNonBlankLine()
        return ImpedanceTable.content(try ImpedanceTable.namedSpectrum(DelimitedTable(text: text, header: header, delimiter: 0x09)))
    }
}
