/// Reads VersaStudio `.par` files (impedance.py's `versastudio`): sections in angle-bracket tags
/// (`<Application>`, `<Action1>`, …), each measured segment a `<SegmentN>` block whose `Definition=` line
/// names the comma-separated columns of the rows that follow, up to `</SegmentN>`.
///
/// Every segment with `Frequency(Hz)`, `Z Real` and `Z Imag` (ohm) columns is one spectrum; `Z Imag` is Z″
/// (negative on a capacitive arc), kept as is. `Elapsed Time(s)` of the first point is the spectrum's time.
enum VersaStudioPARReader {
    static func recognises(_ head: [String]) -> Bool {
        head.first == "<Application>" && head.contains("Name=VersaStudio")
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        var content = ExportContent()
        for line in text.lines() {
            let tag = text.string(line)
            guard tag.hasPrefix("<Segment"), tag.hasSuffix(">") else { continue }
            let inside = text.lines(from: text.offset(after: line), number: line.number + 1)
            guard let header = inside.first(where: { text.string($0).hasPrefix("Definition=") || text.string($0).hasPrefix("</") }),
                  text.string(header).hasPrefix("Definition=") else {
                throw text.error(line: line.number, "segment \(tag) has no 'Definition=' line naming its columns (is the file cut short?)")
            }
            let columns = text.string(header).dropFirst("Definition=".count)
                .split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard ImpedanceTable.headerColumns(columns) != nil else { continue }
            let table = DelimitedTable(text: text, columns: columns, header: header, delimiter: 0x2C)
            var closed = false
            let (spectrum, described) = try ImpedanceTable.namedSpectrum(
                table, time: table.index(of: ["Elapsed Time(s)"]),
                role: { buffer, range in
                    guard buffer[range.lowerBound] == 0x3C else { return .row }  // `<`
                    closed = true
                    return .end
                })
            guard closed else {
                throw text.error(line: header.number, "segment \(tag) has no closing '</\(tag.dropFirst())' (is the file cut short?)")
            }
            content.spectra.append(spectrum)
            content.spectrumColumns = described
        }
        guard !content.spectra.isEmpty else {
            throw CoulombIOError(file: text.file, problem: "no segment with 'Frequency(Hz)', 'Z Real' and 'Z Imag' columns (impedance data)")
        }
        return content
    }
}
