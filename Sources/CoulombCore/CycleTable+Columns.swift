extension CycleTable {
    /// `discharge / charge` or `charge / discharge`, as the convention has it; nil when CE is withheld.
    public var efficiencyFormula: String? {
        convention.isWithheld ? nil : convention.formula
    }

    /// `2-50`: the first and last cycle the mean CE is taken over.
    public var meanCoulombicEfficiencyCycleRange: String? {
        guard let first = meanCoulombicEfficiencyCycles.first, let last = meanCoulombicEfficiencyCycles.last else { return nil }
        return first == last ? String(first) : "\(first)-\(last)"
    }

    /// The per-cycle table in output units: capacities and energies in mAh and mWh, specific and areal
    /// capacities in mAh/g and mAh/cm² when a mass or an area is given, CE and retention in percent, and,
    /// with the instrument's counters, (counter − integrated)/integrated in percent.
    public func resultTable(file: String, cell: Cell, activeMass_g: Double?, area_cm2: Double?) -> ResultTable {
        let percent = { (value: Double?) in value.map { $0 * 100 } }
        let hasInstrumentCycles = rows.first?.instrumentCycle != nil
        let hasCounters = rows.first?.counterChargeCapacity_Ah != nil
        var summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)),
            ("mode", convention.modeName.map(JSONValue.string) ?? .null), ("mode_reason", .string(convention.reason)),
            ("coulombic_efficiency", efficiencyFormula.map(JSONValue.string) ?? .null),
            ("cycles_from", .string(cyclesFromInstrument ? "instrument cycle index" : "half-cycles")),
            ("capacity_source", .string(capacitySource.rawValue)),
            ("active_mass_g", activeMass_g.json), ("area_cm2", area_cm2.json),
            ("initial_coulombic_efficiency_pct", percent(initialCoulombicEfficiency).json),
            ("mean_coulombic_efficiency_pct", percent(meanCoulombicEfficiency).json),
            ("ce_withheld_reason", convention.withheldReason.map(JSONValue.string) ?? .null),
            ("initial_coulombic_efficiency_cycle", (rows.first { $0.coulombicEfficiency != nil }?.cycle).json),
            ("mean_coulombic_efficiency_cycles", meanCoulombicEfficiencyCycleRange.map(JSONValue.string) ?? .null),
            ("mean_coulombic_efficiency_count", .number(Double(meanCoulombicEfficiencyCycles.count))),
            ("warnings", .array(warnings.map(JSONValue.string))),
        ]
        if hasCounters { summary.append(("largest_counter_difference_pct", percent(largestCounterDifference).json)) }

        var columns = ["cycle"] + (hasInstrumentCycles ? ["instrument_cycle"] : [])
        columns += ["complete", "charge_capacity_mAh", "discharge_capacity_mAh", "coulombic_efficiency_pct",
                    "charge_energy_mWh", "discharge_energy_mWh", "mean_charge_voltage_V", "mean_discharge_voltage_V", "duration_s"]
        if activeMass_g != nil { columns += ["charge_capacity_mAh_g", "discharge_capacity_mAh_g"] }
        if area_cm2 != nil { columns += ["charge_capacity_mAh_cm2", "discharge_capacity_mAh_cm2"] }
        columns += ["retention_pct", "irreversible_capacity_mAh", "cumulative_irreversible_capacity_mAh"]
        if hasCounters { columns += ["charge_capacity_difference_pct", "discharge_capacity_difference_pct"] }

        var table = ResultTable(summary: summary, columns: columns, rowsKey: "cycles", labels: Self.labels)
        let mAh = { (value: Double?) in ResultTable.Value.number(value.map { $0 * 1000 }) }
        for row in rows {
            var values: [ResultTable.Value] = [.integer(row.cycle)]
            if hasInstrumentCycles { values.append(.integer(row.instrumentCycle)) }
            values += [
                .flag(row.isComplete), mAh(row.chargeCapacity_Ah), mAh(row.dischargeCapacity_Ah),
                .number(percent(row.coulombicEfficiency)), mAh(row.chargeEnergy_Wh), mAh(row.dischargeEnergy_Wh),
                .number(row.meanChargeVoltage_V), .number(row.meanDischargeVoltage_V), .number(row.duration_s),
            ]
            if let activeMass_g { values += [mAh(row.chargeCapacity_Ah / activeMass_g), mAh(row.dischargeCapacity_Ah / activeMass_g)] }
            if let area_cm2 { values += [mAh(row.chargeCapacity_Ah / area_cm2), mAh(row.dischargeCapacity_Ah / area_cm2)] }
            values += [.number(percent(row.retention)), mAh(row.irreversibleCapacity_Ah), mAh(row.cumulativeIrreversibleCapacity_Ah)]
            if hasCounters {
                values += [.number(Self.difference_pct(row.counterChargeCapacity_Ah, row.integratedChargeCapacity_Ah)),
                           .number(Self.difference_pct(row.counterDischargeCapacity_Ah, row.integratedDischargeCapacity_Ah))]
            }
            table.rows.append(values)
        }
        return table
    }

    /// Headings for people of the columns a reader scans, with units as they are written.
    static let labels = [
        "instrument_cycle": "instrument", "charge_capacity_mAh": "charge (mAh)", "discharge_capacity_mAh": "discharge (mAh)",
        "coulombic_efficiency_pct": "CE (%)", "retention_pct": "retention (%)",
        "charge_capacity_mAh_g": "charge (mAh/g)", "discharge_capacity_mAh_g": "discharge (mAh/g)",
        "charge_capacity_mAh_cm2": "charge (mAh/cm²)", "discharge_capacity_mAh_cm2": "discharge (mAh/cm²)",
        "mean_charge_voltage_V": "mean V charge", "mean_discharge_voltage_V": "mean V discharge", "duration_s": "duration",
    ]

    /// (counter − integrated) / integrated in percent; nil when nothing was integrated.
    static func difference_pct(_ counter: Double?, _ integrated: Double) -> Double? {
        guard let counter, integrated > 0 else { return nil }
        return (counter - integrated) / integrated * 100
    }
}
