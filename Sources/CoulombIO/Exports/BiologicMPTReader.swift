/// Reads BioLogic EC-Lab text exports (`.mpt`): a first line `EC-Lab ASCII FILE`, a second
/// `Nb header lines : N`, settings, and on line N the tab-separated column names; data from line N + 1.
///
/// Numbers may use a decimal comma (EC-Lab in European locales). See ``BiologicColumns`` for the
/// columns used, units and signs.
enum BiologicMPTReader {
    static let magic = ["EC-Lab ASCII FILE", "BT-Lab ASCII FILE"]

    static func read(_ text: ExportText) throws -> ExportContent {
        let opening = text.firstLines(2)
        guard opening.count == 2, magic.contains(text.string(opening[0])) else {
            throw text.error(line: 1, "expected 'EC-Lab ASCII FILE'")
        }
        let countLine = text.string(opening[1])
        guard countLine.hasPrefix("Nb header lines"),
              let count = countLine.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
              count >= 3 else {
            throw text.error(line: 2, "expected 'Nb header lines : N' with N ≥ 3, found '\(countLine)'")
        }
        var cursor = text.lines()
        var header: ExportText.Line?
        var seen = 0
        while let line = cursor.next() {
            seen = line.number
            if line.number == count { header = line; break }
        }
        guard let header else {
            throw text.error(line: 2, "'Nb header lines : \(count)' but the file has only \(seen) lines (is it cut short?)")
        }
        let table = DelimitedTable(text: text, header: header, delimiter: 0x09)
        let known = BiologicColumns.all.filter { table.columns.contains($0) }
        guard !known.isEmpty else {
            let numeric = text.bytes.withUnsafeBufferPointer { buffer in
                NumberScanner.double(buffer, DelimitedTable.split(buffer, header.range, delimiter: 0x09)[0], decimalComma: true) != nil
            }
            throw text.error(line: header.number, numeric
                ? "should hold the column names ('Nb header lines : \(count)') but holds numbers: the header count is wrong"
                : "none of the expected columns (\(BiologicColumns.all.joined(separator: ", "))) in '\(text.string(header))'")
        }
        let (values, lines) = try table.read(known.map { (table.columns.firstIndex(of: $0)!, .number) })
        guard !lines.isEmpty else { throw text.error(line: header.number, "no data rows after the column names") }
        var byName: [String: [Double]] = [:]
        for (name, column) in zip(known, values) { byName[name] = column.numbers }
        return try BiologicColumns.content(byName, file: text.file, headerNames: table.columns.filter { !$0.isEmpty },
                                           rowLocations: lines.lineName)
    }
}
