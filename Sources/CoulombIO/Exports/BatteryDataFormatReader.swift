import CoulombCore

/// Reads Battery Data Format CSV (Battery Data Alliance): one row per sample, columns labelled
/// `Quantity / unit` — required `Test Time / s`, `Voltage / V`, `Current / A`; used when present
/// `Cycle Count / 1`, `Step Count / 1` (or `Step Index / 1`), `Temperature / degC`, `Charge Capacity / Ah`,
/// `Discharge Capacity / Ah`. Any time, voltage, current or charge unit Coulomb knows is converted.
///
/// Sign: the format's current is positive when it charges the cell. Some writers invert it; when a
/// `Step Type / 1` column labels steps `charge` and `discharge` and most labelled non-zero currents have
/// the opposite sign to their label, the current is negated, with a warning (cellpy's BDF reader
/// instead re-signs every row from its label; both agree on such a file).
enum BatteryDataFormatReader {
    static let schema = CyclingTableReader.Schema(
        time: ["Test Time"], voltage: ["Voltage"], current: ["Current"], cycle: ["Cycle Count"],
        step: ["Step Count", "Step Index"], temperature: ["Temperature", "Ambient Temperature"],
        chargeCapacity: ["Charge Capacity"], dischargeCapacity: ["Discharge Capacity"], label: ["Step Type"])

    static func isHeader(_ names: [String]) -> Bool {
        let labelled = Set(names.filter { $0.contains(" / ") }.map { CSVDialect.quantityAndUnit($0).quantity })
        return labelled.isSuperset(of: ["Test Time", "Voltage", "Current"])
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        var reading = try CyclingTableReader.reading(of: text, schema: schema)
        var content = ExportContent()
        if let labels = reading.label, let labelName = reading.labelName {
            var agree = 0, disagree = 0
            for (label, current) in zip(labels, reading.columns.current_A) where current != 0 {
                guard let direction = Direction(rawValue: label.lowercased()) else { continue }
                if Direction(signOf: current) == direction { agree += 1 } else { disagree += 1 }
            }
            if disagree > agree {
                reading.columns.current_A = reading.columns.current_A.map { -$0 }
                content.warnings.append("""
                    \(text.file): column '\(reading.columns.sourceNames["current_A"] ?? "Current")': \(disagree) of \
                    \(agree + disagree) non-zero currents have the opposite sign to their '\(labelName)' \
                    (charge < 0), against the Battery Data Format's convention; the current was negated
                    """)
            }
        }
        content.cycling = reading.columns
        content.cyclingColumns = reading.described
        return content
    }
}
