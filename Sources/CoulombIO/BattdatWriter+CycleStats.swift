import CoulombCore
import HDF5

extension BattdatWriter {
    /// Writes a cell's per-cycle table as a battdat file holding one `cycle_stats` table at the root.
    ///
    /// battdat's columns carry its units (A-hr, W-hr, %); an incomplete cycle's efficiency is NaN, which
    /// pandas reads as missing. The convention behind the efficiencies goes into the root metadata under
    /// `coulomb.cycle_stats`, beside the cell's own metadata.
    public static func writeCycleStats(_ table: CycleTable, of cell: Cell, to path: String) throws {
        try mappingErrors {
            let file = try HDF5File.create(path)
            let root = try file.root()
            try markGroup(root, isRoot: true)
            var document = CellMetadata.document(for: cell)
            if case .object(var members) = document, case .object(var own)? = members[CellMetadata.namespace] {
                own["cycle_stats"] = .object([
                    "mode": table.convention.modeName.map(JSONValue.string) ?? .null,
                    "mode_reason": .string(table.convention.reason),
                    "ce_withheld_reason": table.convention.withheldReason.map(JSONValue.string) ?? .null,
                    "warnings": .array(table.warnings.map(JSONValue.string)),
                    "capacity_source": .string(table.capacitySource.rawValue),
                    "cycles_from": .string(table.cyclesFromInstrument ? "instrument" : "half-cycles"),
                ])
                members[CellMetadata.namespace] = .object(own)
                document = .object(members)
            }
            try root.setStringAttribute("metadata", CellMetadata.text(document))
            let rows = table.rows
            func column(_ value: (CycleTable.Row) -> Double?) -> HDF5Values {
                .doubles(rows.map { value($0) ?? .nan })
            }
            let columns: [TableColumn] = [
                .init("cycle_number", .integers(rows.map(\.cycle)), CycleStatsColumn.cycle),
                .init("cycle_start", column(\.start_s), CycleStatsColumn.start),
                .init("cycle_duration", column(\.duration_s), CycleStatsColumn.duration),
                .init("capacity_charge", column(\.chargeCapacity_Ah), CycleStatsColumn.chargeCapacity),
                .init("capacity_discharge", column(\.dischargeCapacity_Ah), CycleStatsColumn.dischargeCapacity),
                .init("coulomb_efficiency", column { $0.coulombicEfficiency.map { $0 * 100 } }, CycleStatsColumn.efficiency),
                .init("energy_charge", column(\.chargeEnergy_Wh), CycleStatsColumn.chargeEnergy),
                .init("energy_discharge", column(\.dischargeEnergy_Wh), CycleStatsColumn.dischargeEnergy),
                .init("charge_V_average", column(\.meanChargeVoltage_V), CycleStatsColumn.chargeVoltage),
                .init("discharge_V_average", column(\.meanDischargeVoltage_V), CycleStatsColumn.dischargeVoltage),
                .init("V_maximum", column(\.maximumVoltage_V), CycleStatsColumn.maximumVoltage),
                .init("V_minimum", column(\.minimumVoltage_V), CycleStatsColumn.minimumVoltage),
                .init("complete", .integers(rows.map { $0.isComplete ? 1 : 0 }), CycleStatsColumn.complete),
                .init("retention", column { $0.retention.map { $0 * 100 } }, CycleStatsColumn.retention),
                .init("cumulative_irreversible_capacity", column(\.cumulativeIrreversibleCapacity_Ah),
                      CycleStatsColumn.cumulativeIrreversible),
            ]
            try writeTable("cycle_stats", columns, in: root, compression: nil)
            try root.setStringAttribute("battdat_version", battdatVersion, fixedLength: true)
            try file.flush()
        }
    }
}
