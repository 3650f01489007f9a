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

/// The three renderings of `coulomb info`.
enum InfoRendering {
    static func table(_ files: [CellFile]) -> String {
        files.map { file in
            var table = TextTable(headers: ["cell", "rows", "cycles", "spectra", "time span", "area (cm²)", "mass (g)"])
            var columnLines: [String] = []
            for loaded in file.cells {
                let cell = loaded.cell
                table.rows.append([
                    cell.id, String(cell.cycling?.count ?? 0), cell.cycling?.instrumentCycleCount.map(String.init) ?? "—",
                    String(cell.spectra.count), ValueFormatting.duration(cell.cycling?.timeSpan_s),
                    ValueFormatting.readable(cell.area_cm2), ValueFormatting.readable(cell.activeMass_g),
                ])
                if !loaded.cyclingColumns.isEmpty {
                    columnLines.append("  \(cell.id) cycling: \(describe(loaded.cyclingColumns))")
                }
                if !loaded.spectrumColumns.isEmpty {
                    columnLines.append("  \(cell.id) impedance: \(describe(loaded.spectrumColumns))")
                }
                for note in loaded.notes {
                    columnLines.append("  \(cell.id) note: \(note)")
                }
                for stored in loaded.storedTables {
                    columnLines.append("  \(cell.id) \(stored.name) (\(stored.object)): \(stored.rows) rows, \(stored.columns.count) columns")
                }
            }
            for part in file.parts {
                columnLines.append("  \(partNoun(file)) '\(part.name)': \(part.kind)\(part.cell.map { ", cell \($0)" } ?? ", not read"): \(part.note)")
            }
            return "\(file.path): \(file.layout.summary)\n" + table.render() + columnLines.map { $0 + "\n" }.joined()
        }.joined(separator: "\n")
    }

    static func csv(_ files: [CellFile]) -> String {
        var text = CSVWriter.line(["file", "format", "cell", "object", "cell_type", "rows", "cycles", "spectra", "time_span_s",
                             "area_cm2", "mass_g", "columns", "spectrum_columns"])
        for file in files {
            for loaded in file.cells {
                let cell = loaded.cell
                text += CSVWriter.line([
                    file.path, file.layout.rawValue, cell.id, loaded.objectPath, cell.type?.rawValue ?? "",
                    String(cell.cycling?.count ?? 0), cell.cycling?.instrumentCycleCount.map(String.init) ?? "",
                    String(cell.spectra.count), ValueFormatting.exact(cell.cycling?.timeSpan_s),
                    ValueFormatting.exact(cell.area_cm2), ValueFormatting.exact(cell.activeMass_g),
                    describe(loaded.cyclingColumns, separator: ";"), describe(loaded.spectrumColumns, separator: ";"),
                ])
            }
        }
        return text
    }

    /// One file gives one object; several give an array of them.
    static func json(_ files: [CellFile], asList: Bool) -> String {
        let objects = files.map { file -> JSONValue in
            .object([
                "file": .string(file.path),
                "format": .string(file.layout.rawValue),
                "parts": .array(file.parts.map { part in
                    .object(["name": .string(part.name), "kind": .string(part.kind),
                             "cell": part.cell.map(JSONValue.string) ?? .null, "note": .string(part.note)])
                }),
                "cells": .array(file.cells.map { loaded in
                    let cell = loaded.cell
                    return .object([
                        "id": .string(cell.id),
                        "object": .string(loaded.objectPath),
                        "cell_type": cell.type.map { .string($0.rawValue) } ?? .null,
                        "rows": .number(Double(cell.cycling?.count ?? 0)),
                        "cycles": (cell.cycling?.instrumentCycleCount).json,
                        "spectra": .number(Double(cell.spectra.count)),
                        "time_span_s": (cell.cycling?.timeSpan_s).json,
                        "columns": columnsJSON(loaded.cyclingColumns),
                        "spectrum_columns": columnsJSON(loaded.spectrumColumns),
                        "area_cm2": cell.area_cm2.json,
                        "mass_g": cell.activeMass_g.json,
                        "cell_card": cell.cardDocument,
                        "notes": .array(loaded.notes.map(JSONValue.string)),
                        "sources": cell.metadata[path: "coulomb.sources"] ?? .array([]),
                        "stored_tables": .array(loaded.storedTables.map { stored in
                            .object(["name": .string(stored.name), "object": .string(stored.object),
                                     "rows": .number(Double(stored.rows)), "index": .string(stored.indexName),
                                     "columns": .array(stored.columns.map { .string($0.name) })])
                        }),
                    ])
                }),
            ])
        }
        if !asList, let only = objects.first { return ValueFormatting.json(only) }
        return ValueFormatting.json(.array(objects))
    }

    /// What a part of the file is called: a sheet of a workbook.
    private static func partNoun(_ file: CellFile) -> String {
        file.layout == .xlsx || file.layout == .ods ? "sheet" : "part"
    }

    private static func describe(_ columns: [ColumnDescription], separator: String = ", ") -> String {
        columns.map { column in
            guard let units = column.units, !units.isEmpty else { return column.name }
            return "\(column.name) [\(units)]"
        }.joined(separator: separator)
    }

    private static func columnsJSON(_ columns: [ColumnDescription]) -> JSONValue {
        .array(columns.map { .object(["name": .string($0.name), "units": $0.units.map(JSONValue.string) ?? .null]) })
    }
}
