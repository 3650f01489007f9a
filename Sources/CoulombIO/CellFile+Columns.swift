import CoulombCore

extension CellFile {
    /// What the files hold, one row per cell, for scripts and people: the file and its format, the cell's
    /// object and type, its counts (rows, instrument cycles, spectra), time span, area and mass, and its
    /// cycling and impedance columns as `name [units]` words.
    public static func cellTable(_ files: [CellFile]) -> ResultTable {
        var table = ResultTable(columns: ["file", "format", "cell", "object", "cell_type"] + countColumns + ["columns", "spectrum_columns"],
                                rowsKey: "cells", labels: labels)
        for file in files {
            for loaded in file.cells {
                table.rows.append([.text(file.path), .text(file.layout.rawValue), .text(loaded.cell.id), .text(loaded.objectPath),
                                   .text(loaded.cell.type?.rawValue ?? "")] + counts(loaded.cell)
                                  + [.list(loaded.cyclingColumns.map(\.text)), .list(loaded.spectrumColumns.map(\.text))])
            }
        }
        return table
    }

    /// The file as one JSON document: its path, format and parts in the summary, then one row per cell
    /// under `cells` with the counts, the columns as stored (name and units), the cell card, the reader's
    /// notes, the sources it was imported from and the per-cycle tables it carries.
    public var documentTable: ResultTable {
        let parts = JSONValue.array(parts.map { part in
            .object(["name": .string(part.name), "kind": .string(part.kind),
                     "cell": part.cell.map(JSONValue.string) ?? .null, "note": .string(part.note)])
        })
        var table = ResultTable(summary: [("file", .string(path)), ("format", .string(layout.rawValue)), ("parts", parts)],
                                columns: ["id", "object", "cell_type"] + Self.countColumns
                                    + ["columns", "spectrum_columns", "cell_card", "notes", "sources", "stored_tables"],
                                rowsKey: "cells")
        for loaded in cells {
            let cell = loaded.cell
            let stored = JSONValue.array(loaded.storedTables.map { stored in
                .object(["name": .string(stored.name), "object": .string(stored.object),
                         "rows": .number(Double(stored.rows)), "index": .string(stored.indexName),
                         "columns": .array(stored.columns.map { .string($0.name) })])
            })
            table.rows.append([.text(cell.id), .text(loaded.objectPath), .structured(cell.type.map { .string($0.rawValue) } ?? .null)]
                              + Self.counts(cell)
                              + [.structured(.array(loaded.cyclingColumns.map(\.json))), .structured(.array(loaded.spectrumColumns.map(\.json))),
                                 .structured(cell.cardDocument), .list(loaded.notes),
                                 .structured(cell.metadata[path: "coulomb.sources"] ?? .array([])), .structured(stored)])
        }
        return table
    }

    /// What both tables count of a cell, in the order `counts` gives them.
    private static let countColumns = ["rows", "cycles", "spectra", "time_span_s", "area_cm2", "mass_g"]

    /// Rows of cycling data, instrument cycles (missing when the file has no cycle index), spectra, the
    /// record's time span in s, and the electrode area (cm²) and active mass (g) when known.
    private static func counts(_ cell: Cell) -> [ResultTable.Value] {
        [.integer(cell.cycling?.count ?? 0), .integer(cell.cycling?.instrumentCycleCount), .integer(cell.spectra.count),
         .number(cell.cycling?.timeSpan_s), .number(cell.area_cm2), .number(cell.activeMass_g)]
    }

    /// Headings for people, with units as they are written.
    private static let labels = ["time_span_s": "time span", "area_cm2": "area (cm²)", "mass_g": "mass (g)"]
}
