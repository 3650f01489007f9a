import CoulombCore
import Testing

/// A batch row of closed-form cells: the numbers are I·t sums, and analyses run only where they apply.
@Suite struct CellSummaryTests {
    /// A full cell: cycle 0 charges 1 A for 1 h and gives back 0.9 A·h; cycle 1 charges 1 h and gives
    /// back 0.8 A·h. CE 90 % and 80 %; retention 0.8/0.9; irreversible 0.1 + 0.2 A·h.
    @Test func fullCellCycles() throws {
        var record = GalvanostaticRecord()
        for (cycle, out) in [(0, 3240.0), (1, 2880.0)] {
            record.hold(1, for: 3600, cycle: cycle)
            record.hold(-1, for: out, cycle: cycle)
        }
        let cell = Cell(id: "full", type: .full, cycling: try record.data(withCycleIndex: true))
        let summary = CellSummary(.init(analyses: [.cycles, .ccd]))
        let row = Dictionary(uniqueKeysWithValues: zip(summary.columns, summary.row(cell)))
        #expect(row["ce_convention"] == .text("full"))
        #expect(row["complete_cycles"] == .integer(2))
        // Tolerance: 1e-9 relative, sums of ten trapezoids of exact products.
        func near(_ value: ResultTable.Value?, _ expected: Double) -> Bool {
            guard case .number(let x?)? = value else { return false }
            return abs(x - expected) <= 1e-9 * abs(expected)
        }
        #expect(near(row["initial_ce_pct"], 90))
        #expect(near(row["mean_ce_pct"], 80))
        #expect(near(row["first_capacity_out_mAh"], 900))
        #expect(near(row["last_capacity_out_mAh"], 800))
        #expect(near(row["retention_pct"], 800.0 / 9))
        #expect(near(row["cumulative_irreversible_mAh"], 300))
        // Not symmetric: no CCD and nothing to say about it.
        #expect(row["ccd_mA_cm2"] == .number(nil))
        #expect(row["notes"] == .text(""))
    }

    @Test func symmetricCellWithoutAnAreaSaysSo() throws {
        var record = GalvanostaticRecord()
        record.hold(1e-3, for: 3600)
        record.hold(-1e-3, for: 3600)
        let cell = Cell(id: "LiLi", type: .symmetric, cycling: try record.data())
        let summary = CellSummary(.init(analyses: [.cycles, .ccd, .shorts]))
        let row = Dictionary(uniqueKeysWithValues: zip(summary.columns, summary.row(cell)))
        #expect(row["ce_convention"] == .text(""))
        #expect(row["notes"] == .text("ccd/shorts: the electrode area is unknown"))
    }

    /// What a CCD means travels into the batch row: the ramp of `CriticalCurrentDensityTests` shorted half-way
    /// through the stripping half-cycle of 0.3 mA cm⁻² — CCD 0.2, failing level 0.3, time-limited, 0.3 ×
    /// 0.5 h = 0.15 mAh cm⁻² per half-cycle of 1800 s there, and 0.45 + 0.075 mAh cm⁻² passed before the
    /// onset (I·t sums, 1e-9).
    @Test func aCCDRowSaysWhatTheCCDMeans() throws {
        let data = try CriticalCurrentDensityTests().ramp(short: { level, half in level == 2 && half == 1 ? 0.5 : nil })
        let cell = Cell(id: "LiLi", type: .symmetric, area_cm2: 1, cycling: data)
        let summary = CellSummary(.init(analyses: [.ccd, .shorts]))
        let row = Dictionary(uniqueKeysWithValues: zip(summary.columns, summary.row(cell)))
        func near(_ value: ResultTable.Value?, _ expected: Double) -> Bool {
            guard case .number(let x?)? = value else { return false }
            return abs(x - expected) <= 1e-9 * abs(expected)
        }
        #expect(near(row["ccd_mA_cm2"], 0.2) && near(row["failure_level_mA_cm2"], 0.3))
        #expect(row["failure"] == .text("hard_short") && row["failure_mode"] == .text("sudden_hard"))
        #expect(row["ccd_protocol"] == .text("time-limited"))
        #expect(near(row["areal_capacity_per_half_cycle_mAh_cm2"], 0.15) && near(row["half_cycle_duration_s"], 1800))
        #expect(near(row["cumulative_areal_capacity_mAh_cm2"], 0.525))
        #expect(row["first_hard_short_mode"] == .text("sudden_hard") && row["first_soft_short_mode"] == .text(""))
    }

    /// Text columns hold text and the others do not, whether an analysis ran or not, so a table of many
    /// cells (and the blank row of an unreadable file) keeps one kind per column.
    @Test func eachColumnKeepsOneKind() throws {
        var record = GalvanostaticRecord()
        record.hold(1, for: 3600)
        record.hold(-1, for: 3240)
        let full = Cell(id: "full", type: .full, cycling: try record.data())
        let symmetric = Cell(id: "LiLi", type: .symmetric, cycling: try record.data())
        let summary = CellSummary(.init(analyses: [.cycles, .ccd, .shorts]))
        for row in [summary.row(full), summary.row(symmetric), summary.blankRow] {
            #expect(row.count == summary.columns.count)
            for (name, value) in zip(summary.columns, row) {
                let isText = if case .text = value { true } else { false }
                #expect(isText == CellSummary.textColumns.contains(name), "\(name): \(value)")
            }
        }
    }

    @Test func columnsFollowTheOptionsOnly() throws {
        let circuit = try CircuitParser.parse("R0-p(R1,C1)")
        let summary = CellSummary(.init(analyses: [.fit], circuit: circuit))
        #expect(summary.columns == ["cell", "cell_type", "rows", "cycles", "spectra", "area_cm2", "active_mass_g",
                                    "temperature_C", "stack_pressure_MPa",
                                    "fitted_spectra", "failed_spectra", "R0_first", "R0_last", "R1_first", "R1_last",
                                    "C1_first", "C1_last", "notes"])
        #expect(summary.row(Cell(id: "empty")).count == summary.columns.count)
    }
}
