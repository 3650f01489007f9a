import ArgumentParser
import CoulombCore
import CoulombIO

/// `coulomb info FILE…`: what each file holds, cell by cell.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the layout, cells, row/cycle/spectrum counts, columns and units of each file."
    )

    @Argument(help: "Files to describe (HDF5 or instrument exports).")
    var files: [String]

    @OptionGroup var format: OutputFormatOptions

    func run() throws {
        var reports: [CellFile] = []
        var failed = 0
        for path in files {
            do {
                let file = try CellFileReader.read(path)
                file.warnings.forEach(Diagnostics.warning)
                reports.append(file)
            } catch {
                Diagnostics.error(error)
                failed += 1
            }
        }
        if !reports.isEmpty {
            switch format.resolvedFormat {
            case .table: print(InfoRendering.table(reports), terminator: "")
            case .csv: print(InfoRendering.csv(reports), terminator: "")
            case .json: print(InfoRendering.json(reports, asList: files.count > 1), terminator: "")
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// The three renderings of `coulomb info`, of IO's tables of the files.
enum InfoRendering {
    /// Per file: its layout, a row per cell, then each cell's columns, notes and stored tables, and the
    /// file's parts.
    static func table(_ files: [CellFile]) -> String {
        files.map { file in
            let table = CellFile.cellTable([file])
            let rows = table.text(columns: ["cell", "rows", "cycles", "spectra", "time_span_s", "area_cm2", "mass_g"]) { column, row in
                column == "time_span_s" ? ValueFormatting.duration(file.cells[row].cell.cycling?.timeSpan_s) : nil
            }
            var lines: [String] = []
            for loaded in file.cells {
                let id = loaded.cell.id
                if !loaded.cyclingColumns.isEmpty { lines.append("  \(id) cycling: \(loaded.cyclingColumns.map(\.text).joined(separator: ", "))") }
                if !loaded.spectrumColumns.isEmpty { lines.append("  \(id) impedance: \(loaded.spectrumColumns.map(\.text).joined(separator: ", "))") }
                lines += loaded.notes.map { "  \(id) note: \($0)" }
                lines += loaded.storedTables.map { "  \(id) \($0.name) (\($0.object)): \($0.rows) rows, \($0.columns.count) columns" }
            }
            for part in file.parts {
                lines.append("  \(partNoun(file)) '\(part.name)': \(part.kind)\(part.cell.map { ", cell \($0)" } ?? ", not read"): \(part.note)")
            }
            return "\(file.path): \(file.layout.summary)\n" + rows + lines.map { $0 + "\n" }.joined()
        }.joined(separator: "\n")
    }

    static func csv(_ files: [CellFile]) -> String {
        CellFile.cellTable(files).csv()
    }

    /// One file gives one object; several give an array of them.
    static func json(_ files: [CellFile], asList: Bool) -> String {
        let documents = files.map(\.documentTable.document)
        if !asList, let only = documents.first { return ValueFormatting.json(only) }
        return ValueFormatting.json(.array(documents))
    }

    /// What a part of the file is called: a sheet of a workbook.
    private static func partNoun(_ file: CellFile) -> String {
        file.layout == .xlsx || file.layout == .ods ? "sheet" : "part"
    }
}
