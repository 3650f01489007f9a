import CoulombCore
import CoulombIO

/// A per-cycle table with what it was computed from, rendered for people and for scripts.
struct CycleReport: CommandOutput {
    var file: String
    var cell: Cell
    var table: CycleTable
    var activeMass_g: Double?
    var area_cm2: Double?

    func results() -> ResultTable {
        table.resultTable(file: file, cell: cell, activeMass_g: activeMass_g, area_cm2: area_cm2)
    }

    /// The table for a terminal: the verdict lines first, then one row per cycle.
    func text() -> String {
        let result = results()
        let readable = { (key: String) in ValueFormatting.readable(result.summary(key)?.number) }
        let mode = table.convention.withheldReason.map { "CE withheld: \($0)" }
            ?? "mode: \(table.convention.convention.rawValue) (\(table.convention.reason)); CE = \(table.efficiencyFormula ?? "")"
        var lines = ["\(file): cell \(cell.id)", mode,
                     "cycles: \(table.cyclesFromInstrument ? "the instrument's cycle index" : "derived from half-cycles"); capacities: \(table.capacitySource == .integrated ? "integrated from the current" : "the instrument's counters")",
                     "initial CE (first complete cycle): \(readable("initial_coulombic_efficiency_pct")) %; mean CE over cycles \(table.meanCoulombicEfficiencyCycleRange ?? "–"): \(readable("mean_coulombic_efficiency_pct")) %"]
        if result.summary("largest_counter_difference_pct") != nil {
            lines.append("counters vs integration: largest difference \(readable("largest_counter_difference_pct")) % on complete cycles")
        }
        var shown = ["cycle"] + (result.columns.contains("instrument_cycle") ? ["instrument_cycle"] : [])
        shown += ["charge_capacity_mAh", "discharge_capacity_mAh", "coulombic_efficiency_pct", "retention_pct"]
        if activeMass_g != nil { shown += ["charge_capacity_mAh_g", "discharge_capacity_mAh_g"] }
        if area_cm2 != nil { shown += ["charge_capacity_mAh_cm2", "discharge_capacity_mAh_cm2"] }
        shown += ["mean_charge_voltage_V", "mean_discharge_voltage_V", "duration_s"]
        let rows = result.text(columns: shown) { column, row in
            switch column {
            case "cycle": table.rows[row].isComplete ? nil : "\(table.rows[row].cycle)*"
            case "duration_s": ValueFormatting.duration(table.rows[row].duration_s)
            default: nil
            }
        }
        let footer = table.rows.contains { !$0.isComplete } ? "* incomplete cycle: no CE, retention or irreversible capacity\n" : ""
        return lines.joined(separator: "\n") + "\n" + rows + footer
    }
}
