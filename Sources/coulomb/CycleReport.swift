import CoulombCore
import CoulombIO
import Foundation

/// A per-cycle table with what it was computed from, rendered for people and for scripts.
struct CycleReport: Report {
    var file: String
    var cell: Cell
    var table: CycleTable
    var activeMass_g: Double?
    var area_cm2: Double?

    /// `discharge / charge` or `charge / discharge`, as the convention has it; `nil` when CE is withheld.
    var formula: String? {
        table.efficiency.isWithheld ? nil : table.efficiency.forwardDirection > 0 ? "discharge / charge" : "charge / discharge"
    }

    /// `2-50`: the first and last cycle the mean CE is taken over.
    var meanCycles: String? {
        let cycles = table.meanCoulombicEfficiencyCycles
        guard let first = cycles.first, let last = cycles.last else { return nil }
        return first == last ? String(first) : "\(first)-\(last)"
    }

    var hasInstrumentCycles: Bool { table.rows.first?.instrumentCycle != nil }

    var hasCounters: Bool { table.rows.first?.counterChargeCapacity_Ah != nil }

    func results() -> ResultTable {
        let percent = { (value: Double?) in value.map { $0 * 100 } }
        var summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)),
            ("mode", table.efficiency.modeName.map(JSONValue.string) ?? .null), ("mode_reason", .string(table.efficiency.reason)),
            ("coulombic_efficiency", formula.map(JSONValue.string) ?? .null),
            ("cycles_from", .string(table.cyclesFromInstrument ? "instrument cycle index" : "half-cycles")),
            ("capacity_source", .string(table.capacitySource.rawValue)),
            ("active_mass_g", activeMass_g.json), ("area_cm2", area_cm2.json),
            ("initial_coulombic_efficiency_pct", percent(table.initialCoulombicEfficiency).json),
            ("mean_coulombic_efficiency_pct", percent(table.meanCoulombicEfficiency).json),
            ("ce_withheld_reason", table.efficiency.withheldReason.map(JSONValue.string) ?? .null),
            ("initial_coulombic_efficiency_cycle", (table.rows.first { $0.coulombicEfficiency != nil }?.cycle).map { .number(Double($0)) } ?? .null),
            ("mean_coulombic_efficiency_cycles", meanCycles.map(JSONValue.string) ?? .null),
            ("mean_coulombic_efficiency_count", .number(Double(table.meanCoulombicEfficiencyCycles.count))),
            ("warnings", .array(table.warnings.map(JSONValue.string))),
        ]
        if hasCounters { summary.append(("largest_counter_difference_pct", percent(table.largestCounterDifference).json)) }

        var columns = ["cycle"] + (hasInstrumentCycles ? ["instrument_cycle"] : []) + ["complete", "charge_capacity_mAh", "discharge_capacity_mAh", "coulombic_efficiency_pct",
                       "charge_energy_mWh", "discharge_energy_mWh", "mean_charge_voltage_V", "mean_discharge_voltage_V",
                       "duration_s"]
        if activeMass_g != nil { columns += ["charge_capacity_mAh_g", "discharge_capacity_mAh_g"] }
        if area_cm2 != nil { columns += ["charge_capacity_mAh_cm2", "discharge_capacity_mAh_cm2"] }
        columns += ["retention_pct", "irreversible_capacity_mAh", "cumulative_irreversible_capacity_mAh"]
        if hasCounters { columns += ["charge_capacity_difference_pct", "discharge_capacity_difference_pct"] }

        var result = ResultTable(summary: summary, columns: columns, rowsKey: "cycles")
        for row in table.rows {
            let mAh = { (value: Double?) in ResultTable.Value.number(value.map { $0 * 1000 }) }
            var values: [ResultTable.Value] = [.integer(row.cycle)]
            if let instrument = row.instrumentCycle { values.append(.integer(instrument)) }
            values += [
                .flag(row.isComplete), mAh(row.chargeCapacity_Ah), mAh(row.dischargeCapacity_Ah),
                .number(percent(row.coulombicEfficiency)), mAh(row.chargeEnergy_Wh), mAh(row.dischargeEnergy_Wh),
                .number(row.meanChargeVoltage_V), .number(row.meanDischargeVoltage_V), .number(row.duration_s),
            ]
            if let activeMass_g {
                values += [mAh(row.chargeCapacity_Ah / activeMass_g), mAh(row.dischargeCapacity_Ah / activeMass_g)]
            }
            if let area_cm2 {
                values += [mAh(row.chargeCapacity_Ah / area_cm2), mAh(row.dischargeCapacity_Ah / area_cm2)]
            }
            values += [.number(percent(row.retention)), mAh(row.irreversibleCapacity_Ah),
                       mAh(row.cumulativeIrreversibleCapacity_Ah)]
            if hasCounters {
                values += [.number(Self.difference(row.counterChargeCapacity_Ah, row.integratedChargeCapacity_Ah)),
                           .number(Self.difference(row.counterDischargeCapacity_Ah, row.integratedDischargeCapacity_Ah))]
            }
            result.rows.append(values)
        }
        return result
    }

    /// (counter − integrated) / integrated in percent; `nil` when nothing was integrated.
    static func difference(_ counter: Double?, _ integrated: Double) -> Double? {
        guard let counter, integrated > 0 else { return nil }
        return (counter - integrated) / integrated * 100
    }

    /// The table for a terminal: the verdict lines first, then one row per cycle.
    func text() -> String {
        let readable = ValueFormatting.readable
        let percent = { (value: Double?) in readable(value.map { $0 * 100 }) }
        let mode = table.efficiency.withheldReason.map { "CE withheld: \($0)" }
            ?? "mode: \(table.efficiency.convention.rawValue) (\(table.efficiency.reason)); CE = \(formula ?? "")"
        var lines = ["\(file): cell \(cell.id)", mode,
                     "cycles: \(table.cyclesFromInstrument ? "the instrument's cycle index" : "derived from half-cycles"); capacities: \(table.capacitySource == .integrated ? "integrated from the current" : "the instrument's counters")",
                     "initial CE (first complete cycle): \(percent(table.initialCoulombicEfficiency)) %; mean CE over cycles \(meanCycles ?? "–"): \(percent(table.meanCoulombicEfficiency)) %"]
        if hasCounters {
            lines.append("counters vs integration: largest difference \(percent(table.largestCounterDifference)) % on complete cycles")
        }
        var headers = ["cycle"] + (hasInstrumentCycles ? ["instrument"] : []) + ["charge (mAh)", "discharge (mAh)", "CE (%)", "retention (%)"]
        if activeMass_g != nil { headers += ["charge (mAh/g)", "discharge (mAh/g)"] }
        if area_cm2 != nil { headers += ["charge (mAh/cm²)", "discharge (mAh/cm²)"] }
        headers += ["mean V charge", "mean V discharge", "duration"]
        var text = TextTable(headers: headers)
        text.leftAligned = []
        for row in table.rows {
            var cells = [row.isComplete ? String(row.cycle) : "\(row.cycle)*"] + (row.instrumentCycle.map { [String($0)] } ?? []) + [readable(row.chargeCapacity_Ah * 1000),
                         readable(row.dischargeCapacity_Ah * 1000), percent(row.coulombicEfficiency), percent(row.retention)]
            if let activeMass_g {
                cells += [readable(row.chargeCapacity_Ah * 1000 / activeMass_g), readable(row.dischargeCapacity_Ah * 1000 / activeMass_g)]
            }
            if let area_cm2 {
                cells += [readable(row.chargeCapacity_Ah * 1000 / area_cm2), readable(row.dischargeCapacity_Ah * 1000 / area_cm2)]
            }
            cells += [readable(row.meanChargeVoltage_V), readable(row.meanDischargeVoltage_V), ValueFormatting.duration(row.duration_s)]
            text.rows.append(cells)
        }
        var footer = ""
        if table.rows.contains(where: { !$0.isComplete }) { footer = "* incomplete cycle: no CE, retention or irreversible capacity\n" }
        return lines.joined(separator: "\n") + "\n" + text.render() + footer
    }
}
