/// Reads `.P00` impedance text files: a few lines of procedure and times, a tab-separated header
/// `f/Hz  Z'/Ohm  -Z''/Ohm  time/s  Edc/V  Idc/A`, a line holding the number of points, then one row a
/// point in columns aligned with spaces and tabs.
///
/// The header says the sign: `-Z''` holds −Z″ (positive on a capacitive arc), negated here.
enum P00Reader {
    /// The header line and the count line after it.
    static func header(_ text: ExportText) -> (header: ExportText.Line, count: ExportText.Line)? {
        let lines = text.nonBlankLines(limit: 40)
        for (index, line) in lines.enumerated().dropLast() {
            let names = text.fields(line, delimiter: CSVDialect.blanks).prefix(3).map { $0.lowercased() }
            if names == ["f/hz", "z'/ohm", "-z''/ohm"], text.count(lines[index + 1]) != nil { return (line, lines[index + 1]) }
        }
        return nil
    }

    static func recognises(_ text: ExportText) -> Bool { header(text) != nil }

    static func read(_ text: ExportText) throws -> ExportContent {
        guard let (header, countLine) = header(text), let count = text.count(countLine) else {
            throw CoulombIOError(file: text.file, problem: "no 'f/Hz Z'/Ohm -Z''/Ohm' header followed by a point count")
        }
        let table = DelimitedTable(text: text, header: header, delimiter: CSVDialect.blanks, lastBeforeData: countLine)
        let content = ImpedanceTable.content(try ImpedanceTable.namedSpectrum(table))
        let rows = content.spectra[0].frequency_Hz.count
        guard rows == count else {
            throw text.error(line: countLine.number, "announces \(count) points but \(rows) follow\(rows < count ? " (is the file cut short?)" : "")")
        }
        return content
    }
}
