import CoulombCore
import Foundation
import HDF5

/// Writes cells in battdat's HDF5 layout, readable by battdat, PyTables, pandas and h5py.
///
/// One cell goes at the root; several go in one group per cell, named by cell id. Tables are PyTables
/// tables: a chunked compound dataset with the attributes PyTables looks for (`CLASS`, `VERSION`,
/// `TITLE`, `FIELD_n_NAME`, `NROWS`), a `metadata` attribute holding the column schema as JSON (names,
/// units, types, as battdat's `ColumnSchema`), and `battdat_version`. The root `metadata` attribute holds
/// battdat's `BatteryMetadata` JSON; in a multi-cell file each cell group carries its own as well.
public enum BattdatWriter {
    /// The battdat release whose layout this writer follows.
    public static let battdatVersion = "0.4.6"

    public static func write(_ cells: [Cell], to path: String, compression: HDF5Compression? = HDF5Compression()) throws {
        try mappingErrors {
            let file = try HDF5File.create(path)
            let root = try file.root()
            try markGroup(root, isRoot: true)
            if cells.count == 1 {
                try root.setStringAttribute("metadata", CellMetadata.text(CellMetadata.document(for: cells[0])))
                try writeTables(of: cells[0], in: root, compression: compression)
            } else {
                var shared: [String: JSONValue] = ["version": .string(battdatVersion), "is_measurement": .bool(true)]
                shared[CellMetadata.namespace] = .object(["cells": .array(cells.map { .string($0.id) })])
                try root.setStringAttribute("metadata", CellMetadata.text(.object(shared)))
                for cell in cells {
                    let group = try root.createGroup(groupName(cell.id))
                    try markGroup(group, isRoot: false)
                    try group.setStringAttribute("metadata", CellMetadata.text(CellMetadata.document(for: cell)))
                    try writeTables(of: cell, in: group, compression: compression)
                }
            }
            try root.setStringAttribute("battdat_version", battdatVersion, fixedLength: true)
            try file.flush()
        }
    }

    private static func writeTables(of cell: Cell, in group: HDF5Group, compression: HDF5Compression?) throws {
        if let data = cell.cycling {
            var columns: [TableColumn] = [
                .init("test_time", .doubles(data.time_s), RawColumn.testTime),
                .init("voltage", .doubles(data.voltage_V), RawColumn.voltage),
                .init("current", .doubles(data.current_A), RawColumn.current),
            ]
            if let cycle = data.cycleIndex { columns.append(.init("cycle_number", .integers(cycle), RawColumn.cycle)) }
            if let step = data.stepIndex { columns.append(.init("step_index", .integers(step), RawColumn.step)) }
            if let temperature = data.temperature_C {
                columns.append(.init("temperature", .doubles(temperature), RawColumn.temperature))
            }
            if let charge = data.chargeCapacity_Ah {
                columns.append(.init("cycle_capacity_charge", .doubles(charge), RawColumn.chargeCapacity))
            }
            if let discharge = data.dischargeCapacity_Ah {
                columns.append(.init("cycle_capacity_discharge", .doubles(discharge), RawColumn.dischargeCapacity))
            }
            try writeTable("raw_data", columns, in: group, compression: compression)
        }
        if !cell.spectra.isEmpty {
            try writeTable("eis_data", spectrumColumns(cell.spectra), in: group, compression: compression)
        }
    }

    /// The rows of every spectrum, one after another; battdat requires magnitude and phase beside Z′ and Z″.
    private static func spectrumColumns(_ spectra: [ImpedanceSpectrum]) -> [TableColumn] {
        let ids = spectra.enumerated().flatMap { index, s in [Int](repeating: s.testID ?? index, count: s.count) }
        let points = spectra.flatMap(\.impedance_ohm)
        var columns: [TableColumn] = [
            .init("test_id", .integers(ids), EISColumn.testID),
            .init("frequency", .doubles(spectra.flatMap(\.frequency_Hz)), EISColumn.frequency),
            .init("z_real", .doubles(points.map(\.real)), EISColumn.real),
            .init("z_imag", .doubles(points.map(\.imaginary)), EISColumn.imaginary),
            .init("z_mag", .doubles(points.map { $0.length }), EISColumn.magnitude),
            .init("z_phase", .doubles(points.map { atan2($0.imaginary, $0.real) * 180 / .pi }), EISColumn.phase),
        ]
        // Per-spectrum facts become columns only when every spectrum has them: a table cell cannot be empty.
        func perSpectrum(_ value: (ImpedanceSpectrum) -> Double?) -> [Double]? {
            let values = spectra.map(value)
            guard values.allSatisfy({ $0 != nil }) else { return nil }
            return zip(spectra, values).flatMap { s, v in [Double](repeating: v!, count: s.count) }
        }
        if let time = perSpectrum(\.time_s) { columns.append(.init("test_time", .doubles(time), EISColumn.time)) }
        if let temperature = perSpectrum(\.temperature_C) {
            columns.append(.init("temperature", .doubles(temperature), EISColumn.temperature))
        }
        if let potential = perSpectrum(\.potential_V) {
            columns.append(.init("potential", .doubles(potential), EISColumn.potential))
        }
        if spectra.allSatisfy({ $0.cycle != nil }) {
            let cycles = spectra.flatMap { [Int](repeating: $0.cycle!, count: $0.count) }
            columns.append(.init("cycle_number", .integers(cycles), EISColumn.cycle))
        }
        return columns
    }

    static func writeTable(_ name: String, _ columns: [TableColumn], in group: HDF5Group,
                                   compression: HDF5Compression?) throws {
        let table = try group.createTable(name, columns: columns.map { HDF5TableColumn(name: $0.name, values: $0.values) },
                                          compression: compression)
        try table.setStringAttribute("CLASS", "TABLE", fixedLength: true)
        try table.setStringAttribute("VERSION", "2.7", fixedLength: true)
        try table.setStringAttribute("TITLE", "", fixedLength: true)
        for (index, column) in columns.enumerated() {
            try table.setStringAttribute("FIELD_\(index)_NAME", column.name, fixedLength: true)
        }
        try table.setIntegerAttribute("NROWS", Int64(columns.first?.values.count ?? 0))
        try table.setStringAttribute("battdat_version", battdatVersion, fixedLength: true)
        var schema: [String: JSONValue] = [:]
        var extra: [String: JSONValue] = [:]
        for column in columns {
            if column.schema.extra { extra[column.name] = column.schema.json } else { schema[column.name] = column.schema.json }
        }
        schema["extra_columns"] = .object(extra)
        try table.setStringAttribute("metadata", CellMetadata.text(.object(schema)))
    }

    static func markGroup(_ group: HDF5Group, isRoot: Bool) throws {
        try group.setStringAttribute("CLASS", "GROUP", fixedLength: true)
        try group.setStringAttribute("TITLE", "", fixedLength: true)
        try group.setStringAttribute("VERSION", "1.0", fixedLength: true)
        if isRoot { try group.setStringAttribute("PYTABLES_FORMAT_VERSION", "2.1", fixedLength: true) }
    }

    /// A group name PyTables can use as a Python identifier-like node name.
    static func groupName(_ id: String) -> String {
        let cleaned = String(id.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
        return cleaned.isEmpty ? "cell" : cleaned
    }
}
