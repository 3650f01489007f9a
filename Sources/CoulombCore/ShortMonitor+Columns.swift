extension ShortMonitor {
    /// The watch as columns: the events and the first hard and soft short in the summary, then one row
    /// per cycle (its start in s, j in mA/cm², the plateau overpotentials of its positive and negative
    /// half-cycles and the larger noise in V, and the criteria that fired).
    public func resultTable(file: String, cell: Cell) -> ResultTable {
        let events = JSONValue.array(self.events.map { event in
            .object(["kind": .string(event.kind.rawValue), "failure_mode": .string(event.mode.rawValue), "time_s": .number(event.time_s),
                     "cycle": .number(Double(event.cycle)), "reason": .string(event.reason)])
        })
        var table = ResultTable(
            summary: [("file", .string(file)), ("cell", .string(cell.id)), ("events", events),
                      ("first_hard_short_time_s", firstHardShortTime_s.json),
                      ("first_soft_short_time_s", firstSoftShortTime_s.json)],
            columns: ["cycle", "time_s", "current_density_mA_cm2", "positive_overpotential_V", "negative_overpotential_V",
                      "noise_V", "reasons"],
            rowsKey: "cycles", labels: Self.labels)
        for row in cycleRows {
            table.rows.append([.integer(row.cycle), .number(row.start_s), .number(row.currentDensity_mA_cm2),
                               .number(row.positive_V), .number(row.negative_V), .number(row.noise_V), .list(row.reasons)])
        }
        return table
    }

    /// Headings for people, with units as they are written.
    static let labels = [
        "time_s": "start", "current_density_mA_cm2": "j (mA/cm²)", "positive_overpotential_V": "+ overpotential (V)",
        "negative_overpotential_V": "− overpotential (V)", "noise_V": "noise (V)",
    ]
}
