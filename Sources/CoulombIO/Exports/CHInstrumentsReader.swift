/// Reads CH Instruments impedance text exports (impedance.py's `chinstruments`): a date line,
/// `A.C. Impedance`, the instrument and run settings, the column names `Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm,
/// Phase/deg`, a blank line and comma-separated rows.
///
/// CHI writes Z" = Z″ (negative on a capacitive arc), kept as is; a `-Z"` column would be negated.
enum CHInstrumentsReader {
    static func recognises(_ head: [String]) -> Bool {
        (head.count > 1 && head[1] == "A.C. Impedance") || head.contains(where: isHeader)
    }

    private static func isHeader(_ line: String) -> Bool { line.hasPrefix("Freq/Hz,") }

    static func read(_ text: ExportText) throws -> ExportContent {
        guard let header = text.firstLines(80).first(where: { isHeader(text.string($0)) }) else {
            throw CoulombIOError(file: text.file, problem: "no column names line ('Freq/Hz, Z'/ohm, Z\"/ohm, …') in the first 80 lines")
        }
        return ImpedanceTable.content(try ImpedanceTable.namedSpectrum(DelimitedTable(text: text, header: header, delimiter: 0x2C)))
    }
}
