extension CriticalCurrentDensity {
    /// The reasons found in a level's half-cycles, once each in the order met, and `unconfirmed` when the
    /// level's failure was not confirmed (so it passed).
    public func levelReasons(_ level: CurrentDensityLevel) -> [String] {
        var seen: [String] = []
        for reason in reasons[level.halfCycles].flatMap({ $0 }) where !seen.contains(reason.rawValue) {
            seen.append(reason.rawValue)
        }
        if let position = levels.firstIndex(of: level), unconfirmedLevels.contains(position) { seen.append("unconfirmed") }
        return seen
    }

    /// The verdict as columns: the CCD, the failure and ASR_dc in the summary, then one row per
    /// current-density level (j in mA/cm², its half-cycles, the areal capacity of each, the plateau
    /// overpotential in V, passed or failed, and the reasons).
    public func resultTable(file: String, cell: Cell) -> ResultTable {
        let summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)),
            ("ccd_mA_cm2", ccd_mA_cm2.json), ("ccd_is_lower_bound", .bool(ccdIsLowerBound)),
            ("protocol", .string(rampProtocol.rawValue)), ("failure", .string(failure.rawValue)),
            ("failure_mode", failureMode.map { .string($0.rawValue) } ?? .null),
            ("failure_level_mA_cm2", failureLevel_mA_cm2.json),
            ("onset_level_mA_cm2", onsetLevel_mA_cm2.json), ("onset_time_s", onsetTime_s.json),
            ("cumulative_areal_capacity_mAh_cm2", .number(cumulativeArealCapacity_mAh_cm2)),
            ("asr_dc_ohm_cm2", .number(asrDC_ohm_cm2)),
        ]
        var table = ResultTable(summary: summary, columns: ["current_density_mA_cm2", "half_cycles", "areal_capacity_mAh_cm2",
                                                             "overpotential_V", "status", "reasons"], rowsKey: "levels",
                                labels: Self.labels)
        for level in levels {
            table.rows.append([.number(level.currentDensity_mA_cm2), .integer(level.halfCycles.count),
                               .number(level.arealCapacity_mAh_cm2), .number(level.overpotential_V),
                               .text(passed(level) ? "passed" : "failed"), .list(levelReasons(level))])
        }
        return table
    }

    /// Headings for people, with units as they are written.
    static let labels = [
        "current_density_mA_cm2": "j (mA/cm²)", "half_cycles": "half-cycles", "areal_capacity_mAh_cm2": "mAh/cm² each",
        "overpotential_V": "overpotential (V)",
    ]
}
