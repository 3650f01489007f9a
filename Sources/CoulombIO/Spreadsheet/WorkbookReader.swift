/// Reads a workbook (.xlsx or .ods) as exports: each sheet whose header row names the columns of a layout
/// Coulomb reads is read by that layout's table reader, the same code as for the CSV export.
///
/// - A record sheet laid out as an Arbin, Neware or LAND export is a cell's cycling record; consecutive record
///   sheets with the same columns whose names differ only by a trailing `_2`, `_3` (a long record split
///   over sheets) are one record. Several records (several channels) are several cells, named after
///   their first sheets.
/// - A sheet of frequency, Z′ and Z″ (named as in an impedance CSV, or three unnamed numeric columns) is a
///   spectrum; several such sheets are several spectra of one cell, in sheet order.
/// - Other sheets (Arbin's `Statistics_…` and `Global_Info`, Neware's cycle and step tables) are not read;
///   ``CellFile/parts`` names each sheet and what was done with it.
///
/// The header is the first of the sheet's first 20 rows that names a layout's columns. A sheet named as a
/// statistics table (`Statistics…`, `Statis…`, `cycle…`, `step…`) is never read as a record, though it has
/// a record's column names.
enum WorkbookReader {
    /// Record layouts a sheet can have, tried in this order.
    static var recordLayouts: [(name: String, schema: CyclingTableReader.Schema, isHeader: ([String]) -> Bool)] { [
        ("Neware", NewareCSVReader.schema, NewareCSVReader.isHeader),
        ("Arbin", ArbinCSVReader.schema, ArbinCSVReader.isHeader),
        ("LAND", LandSheetReader.schema, LandSheetReader.isHeader),
    ] }

    /// What one sheet was found to be.
    private enum Role {
        case record(layout: Int, header: Int)
        case spectrum(header: Int?)
        case skipped(kind: String, note: String)
    }

    static func read(_ zip: ZipContainer, keepingInvalidSpectra: Bool) throws -> CellFile? {
        let workbook: Workbook
        if XLSXReader.isWorkbook(zip) {
            workbook = try XLSXReader.read(zip)
        } else if try ODSReader.isSpreadsheet(zip) {
            workbook = try ODSReader.read(zip)
        } else {
            return nil
        }
        return try read(workbook, path: zip.path, keepingInvalidSpectra: keepingInvalidSpectra)
    }

    static func read(_ workbook: Workbook, path: String, keepingInvalidSpectra: Bool) throws -> CellFile {
        let layout: FileLayout = workbook.kind == .xlsx ? .xlsx : .ods
        let roles = workbook.sheets.map(role)
        var parts: [FilePart] = []
        var spectra = ExportContent()
        var spectrumSheets: [Int] = []
        var records: [(layout: Int, sheets: [(index: Int, header: Int)])] = []
        for (index, role) in roles.enumerated() {
            switch role {
            case .record(let layoutIndex, let header):
                if let last = records.last, last.layout == layoutIndex, last.sheets.last?.index == index - 1,
                   continues(workbook.sheets[last.sheets[0].index], last.sheets[0].header, workbook.sheets[index], header) {
                    records[records.count - 1].sheets.append((index, header))
                } else {
                    records.append((layoutIndex, [(index, header)]))
                }
            case .spectrum(let header):
                let sheet = workbook.sheets[index]
                let table = header.map { SheetTable(file: path, sheets: [(sheet, $0)]) }
                    ?? SheetTable(file: path, sheet: sheet, columns: ["frequency", "Z'", "Z''"])
                let (spectrum, described) = header == nil
                    ? try ImpedanceTable.spectrum(table, frequency: 0, real: 1, imaginary: 2, negateImaginary: false)
                    : try ImpedanceTable.namedSpectrum(table)
                spectra.spectra.append(spectrum)
                if spectra.spectrumColumns.isEmpty { spectra.spectrumColumns = described }
                spectrumSheets.append(index)
            case .skipped: continue
            }
        }
        guard !records.isEmpty || !spectrumSheets.isEmpty else {
            throw CoulombIOError(file: path, problem: """
                \(layout == .xlsx ? "an Excel workbook" : "an OpenDocument spreadsheet") with no sheet Coulomb reads: \
                \(zip(workbook.sheets, roles).map { sheet, role in "'\(sheet.name)' (\(describe(role, sheet)))" }.joined(separator: "; ")). \
                Coulomb reads sheets laid out as an Arbin, Neware or LAND export, or spectra with frequency, Z' and Z'' columns
                """)
        }
        let stem = CellFileReader.fileStem(path)
        var cells: [LoadedCell] = []
        var warnings: [String] = []
        var cellOfSheet: [Int: String] = [:]
        for record in records {
            let table = SheetTable(file: path, sheets: record.sheets.map { (workbook.sheets[$0.index], $0.header) })
            var content = try CyclingTableReader.read(table, schema: recordLayouts[record.layout].schema).content
            let id = records.count == 1 ? stem : workbook.sheets[record.sheets[0].index].name
            if records.count == 1 { content.spectra = spectra.spectra; content.spectrumColumns = spectra.spectrumColumns }
            var file = try content.makeFile(path: path, layout: layout, keepingInvalidSpectra: keepingInvalidSpectra)
            file.cells[0].cell.id = id
            cells += file.cells
            warnings += file.warnings
            record.sheets.forEach { cellOfSheet[$0.index] = id }
        }
        // Spectra belong to the one record's cell; beside none or several records, to a cell of their own.
        var spectrumCell = cells.first?.cell.id
        if records.count != 1, !spectrumSheets.isEmpty {
            let file = try spectra.makeFile(path: path, layout: layout, keepingInvalidSpectra: keepingInvalidSpectra)
            cells += file.cells
            warnings += file.warnings
            spectrumCell = file.cells.first?.cell.id
        }
        spectrumSheets.forEach { cellOfSheet[$0] = spectrumCell }
        for (index, (sheet, role)) in zip(workbook.sheets, roles).enumerated() {
            let kind: String
            switch role {
            case .record(let layoutIndex, _): kind = "\(recordLayouts[layoutIndex].name) record"
            case .spectrum: kind = "spectrum"
            case .skipped(let skippedKind, _): kind = skippedKind
            }
            parts.append(FilePart(name: sheet.name, kind: kind, cell: cellOfSheet[index], note: describe(role, sheet)))
        }
        return CellFile(path: path, layout: layout, cells: cells, warnings: warnings, parts: parts)
    }

    /// What a sheet is, from its first rows (and, for sheets not read, its name).
    private static func role(_ sheet: Sheet) -> Role {
        // Arbin's `Statistics_…` and Neware's `cycle`/`step` sheets carry a record's columns too: their name decides.
        let lowered = sheet.name.lowercased()
        if ["statis", "cycle", "step"].contains(where: lowered.hasPrefix) {
            return .skipped(kind: "statistics", note: "per-cycle or per-step figures of the cycler; Coulomb works them out from the record")
        }
        for (index, row) in sheet.rows.prefix(20).enumerated() {
            let names = row.cells.map(\.label)
            if let layout = recordLayouts.firstIndex(where: { $0.isHeader(names) }) { return .record(layout: layout, header: index) }
            if ImpedanceTable.headerColumns(names) != nil { return .spectrum(header: index) }
        }
        if let first = sheet.rows.first, first.cells.count >= 3,
           first.cells.prefix(3).allSatisfy({ if case .number = $0 { true } else { false } }) {
            return .spectrum(header: nil)
        }
        if lowered.contains("info") {
            return .skipped(kind: "information", note: "test settings, not read")
        }
        guard let first = sheet.rows.first else { return .skipped(kind: "empty", note: "holds no cells") }
        let shown = first.cells.prefix(6).map { "'\($0.label)'" }.joined(separator: ", ")
        return .skipped(kind: "other", note: "row \(first.number) (\(shown)\(first.cells.count > 6 ? ", …" : "")) names no columns Coulomb reads")
    }

    private static func describe(_ role: Role, _ sheet: Sheet) -> String {
        switch role {
        case .record(_, let header): "read; header in row \(sheet.rows[header].number)"
        case .spectrum(let header): header.map { "read; header in row \(sheet.rows[$0].number)" } ?? "read as frequency, Z', Z'' (no header)"
        case .skipped(_, let note): note
        }
    }

    /// Whether `next` continues the record of `first`: the same header, and the same name but for a trailing
    /// `_N` part number on either.
    private static func continues(_ first: Sheet, _ firstHeader: Int, _ next: Sheet, _ header: Int) -> Bool {
        guard first.rows[firstHeader].cells == next.rows[header].cells else { return false }
        func stem(_ name: String) -> (String, Bool) {
            guard let underscore = name.lastIndex(of: "_"), name[name.index(after: underscore)...].allSatisfy(\.isNumber),
                  underscore < name.index(before: name.endIndex) else { return (name, false) }
            return (String(name[..<underscore]), true)
        }
        let (a, aNumbered) = stem(first.name), (b, bNumbered) = stem(next.name)
        return (aNumbered || bNumbered) && a == b
    }
}
