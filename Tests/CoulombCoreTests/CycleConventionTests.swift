import CoulombCore
import Testing

/// Records shaped the way real cyclers and cells produce them, each with its CE known by construction:
/// constant-current holds whose trapezoid integrals are exact rectangles (``GalvanostaticRecord``), so the
/// expected capacities and CEs are closed forms and the tolerance is a few ulps of the sums (1e-12).
@Suite struct CycleConventionTests {
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    /// A Si half cell vs Li: lithiation 1 mA for 1 h, then delithiation at the given currents for 1 h, each
    /// cycle's lithiation at 1 mA. Cycle numbers as `index` says for each half-cycle.
    func silicon(delithiation: [Double], index: [(Int, Int)], rest: Bool = false) -> GalvanostaticRecord {
        var record = GalvanostaticRecord()
        if rest { record.hold(0, for: 600, cycle: index[0].0, voltage: { _ in 2.9 }) }
        for (k, current) in delithiation.enumerated() {
            record.hold(-1e-3, for: 3600, cycle: index[k].0, voltage: { 0.8 - 0.79 * $0 })
            record.hold(current, for: 3600, cycle: index[k].1, voltage: { 0.01 + 1.49 * $0 })
        }
        return record
    }

    // MARK: 1–2: pairing follows the convention

    @Test func anIndexBumpedAtEachDelithiationStillPairsLithiationWithTheDelithiationAfterIt() throws {
        // The cycler opens cycle k+1 when delithiation k starts. Truth: CE = 0.9, 0.95, 0.97 mA / 1 mA.
        let record = silicon(delithiation: [0.9e-3, 0.95e-3, 0.97e-3], index: [(1, 2), (2, 3), (3, 4)])
        let data = try record.data(withCycleIndex: true)
        let table = try CycleTable(data, convention: .choose(.anode, cell: Cell(id: "si"), data: data))
        #expect(table.rows.map(\.isComplete) == [true, true, true])
        for (row, truth) in zip(table.rows, [0.9, 0.95, 0.97]) { #expect(close(row.coulombicEfficiency, truth)) }
        #expect(table.rows.map(\.cycle) == [1, 2, 3])
        #expect(table.indexMismatch != nil)
        #expect(table.warnings.contains { $0.contains("not by the instrument's index") })
        #expect(table.implausibleCycles.isEmpty)
    }

    @Test func oneIndexHoldingTwoCyclesIsSplitNotSummed() throws {
        // Arbin's Cycle_Index staying 1 through rest, lithiation, delithiation, lithiation, delithiation.
        let record = silicon(delithiation: [0.8e-3, 0.98e-3], index: [(1, 1), (1, 1)], rest: true)
        let data = try record.data(withCycleIndex: true)
        let table = try CycleTable(data, convention: .choose(.anode, cell: Cell(id: "si"), data: data))
        #expect(table.rows.count == 2)
        #expect(close(table.rows[0].dischargeCapacity_Ah, 1e-3))
        #expect(close(table.rows[0].coulombicEfficiency, 0.8))
        #expect(close(table.rows[1].coulombicEfficiency, 0.98))
        #expect(table.rows.map(\.instrumentCycle) == [1, 1])
    }

    // MARK: 3: ICE and mean CE

    @Test func iceIsTheFirstCompleteCycleAndTheMeanLeavesItOut() throws {
        // A rest-only cycle 0, then formation (CE 80 %) and three cycles of 99 %.
        var record = GalvanostaticRecord()
        record.hold(0, for: 3600, cycle: 0, voltage: { _ in 2.9 })
        for (k, current) in [0.8e-3, 0.99e-3, 0.99e-3, 0.99e-3].enumerated() {
            record.hold(-1e-3, for: 3600, cycle: k + 1, voltage: { 0.8 - 0.79 * $0 })
            record.hold(current, for: 3600, cycle: k + 1, voltage: { 0.01 + 1.49 * $0 })
        }
        let data = try record.data(withCycleIndex: true)
        let table = try CycleTable(data, convention: .choose(.anode, cell: Cell(id: "si"), data: data))
        #expect(table.cyclesFromInstrument)
        #expect(table.rows.map(\.cycle) == [0, 1, 2, 3, 4])
        #expect(close(table.initialCoulombicEfficiency, 0.8))
        #expect(close(table.meanCoulombicEfficiency, 0.99))
        #expect(table.meanCoulombicEfficiencyCycles == [2, 3, 4])
    }

    @Test func aRecordStartingMidChargeHasNoICEFromItsPartialCycle() throws {
        // A full cell whose record begins 10 min into a 1 h charge: cycle 1 takes in 1/6 of what it gives
        // back (600 %). Cycles 2 and 3: 1 mAh in, 0.98 and 0.99 mAh out.
        var record = GalvanostaticRecord()
        record.hold(1e-3, for: 600, voltage: { 4.0 + 0.2 * $0 })
        record.hold(-1e-3, for: 3600, voltage: { 4.2 - 1.2 * $0 })
        for out in [0.98e-3, 0.99e-3] {
            record.hold(1e-3, for: 3600, voltage: { 3.0 + 1.2 * $0 })
            record.hold(-out, for: 3600, voltage: { 4.2 - 1.2 * $0 })
        }
        let data = try record.data()
        let table = try CycleTable(data, convention: .choose(.full, cell: Cell(id: "nmc"), data: data))
        #expect(table.startsMidCycle == 1)
        #expect(table.rows.map(\.isComplete) == [false, true, true])
        #expect(close(table.initialCoulombicEfficiency, 0.98))
        #expect(close(table.rows[2].retention, 0.99 / 0.98))
        #expect(table.meanCoulombicEfficiencyCycles == [3])
    }

    // MARK: 4: the automatic convention

    /// A full or cathode half cell between `low` and `high` V: rest, then `first` and the other direction.
    func cell(first: Double, low: Double, high: Double, cycles: Int = 3, restCurrent: Double = 0,
              out: Double = 0.99e-3) -> GalvanostaticRecord {
        var record = GalvanostaticRecord()
        record.hold(restCurrent, for: 3600, voltage: { _ in first > 0 ? low + 0.3 : high - 0.2 })
        for _ in 0..<cycles {
            if first > 0 {
                record.hold(1e-3, for: 3600, voltage: { low + (high - low) * $0 })
                record.hold(-out, for: 3600, voltage: { high - (high - low) * $0 })
            } else {
                record.hold(-1e-3, for: 3600, voltage: { high - (high - low) * $0 })
                record.hold(out, for: 3600, voltage: { low + (high - low) * $0 })
            }
        }
        return record
    }

    @Test func aZeroOffsetDuringTheOpeningRestDoesNotMakeAFullCellAnAnode() throws {
        // −50 nA during the first hour's rest, then charge 1 mA / discharge 0.99 mA in 3.0–4.2 V.
        let data = try cell(first: 1, low: 3.0, high: 4.2, restCurrent: -50e-9).data()
        let convention = CycleConvention.Choice.choose(nil, cell: Cell(id: "nmc"), data: data)
        #expect(convention.convention == .full && !convention.isWithheld && convention.caption == "full convention")
        let table = try CycleTable(data, convention: convention)
        #expect(close(table.rows[0].coulombicEfficiency, 0.99))
    }

    @Test func aCathodeHalfCellStartingWithADischargeHasItsCEWithheld() throws {
        // LFP-like window 2.5–4.2 V, opening with a discharge: anode pairing would give 1/0.99 = 101 %.
        let data = try cell(first: -1, low: 2.5, high: 4.2).data()
        let convention = CycleConvention.Choice.choose(nil, cell: Cell(id: "lfp"), data: data)
        #expect(convention.isWithheld && convention.caption == "CE withheld")
        let table = try CycleTable(data, convention: convention)
        #expect(table.rows.allSatisfy { $0.coulombicEfficiency == nil && $0.retention == nil })
        #expect(table.initialCoulombicEfficiency == nil)
        // With the cell type, the opening discharge is a cycle of its own and each charge pairs with the
        // discharge after it: 1 mAh in, 0.99 mAh out.
        var record = GalvanostaticRecord()
        record.hold(-0.5e-3, for: 3600, voltage: { 3.4 - 0.9 * $0 })
        for _ in 0..<3 {
            record.hold(1e-3, for: 3600, voltage: { 2.5 + 1.7 * $0 })
            record.hold(-0.99e-3, for: 3600, voltage: { 4.2 - 1.7 * $0 })
        }
        let opened = try record.data()
        #expect(CycleConvention.Choice.choose(nil, cell: Cell(id: "lfp"), data: opened).isWithheld)
        let typed = CycleConvention.Choice.choose(nil, cell: Cell(id: "lfp", type: .cathodeHalf), data: opened)
        let table2 = try CycleTable(opened, convention: typed)
        #expect(table2.rows.map(\.isComplete) == [false, true, true, true])
        #expect(table2.rows.dropFirst().allSatisfy { close($0.coulombicEfficiency, 0.99) })
    }

    @Test func aLithiumSulfurCellStartingWithADischargeHasItsCEWithheld() throws {
        let data = try cell(first: -1, low: 1.7, high: 2.8).data()
        #expect(CycleConvention.Choice.choose(nil, cell: Cell(id: "li-s"), data: data).isWithheld)
    }

    @Test func anAnodeHalfCellIsRecognisedAgainstLiAndAgainstInLi() throws {
        // Si vs Li: 0.01–1.5 V; the same electrode vs In–Li, 0.62 V lower.
        for shift in [0, -CounterElectrode.indiumLithiumPotential_V] {
            let data = try cell(first: -1, low: 0.01 + shift, high: 1.5 + shift).data()
            let convention = CycleConvention.Choice.choose(nil, cell: Cell(id: "si"), data: data)
            #expect(convention.convention == .anode && !convention.isWithheld, "shift \(shift)")
            #expect(close(try CycleTable(data, convention: convention).rows[0].coulombicEfficiency, 0.99))
        }
        // Told the counter electrode is Li, a window 0.6 V below zero is not an anode's.
        let shifted = try cell(first: -1, low: 0.01 - 0.62, high: 1.5 - 0.62).data()
        var onLithium = Cell(id: "si")
        onLithium.counterElectrode = .lithium
        #expect(CycleConvention.Choice.choose(nil, cell: onLithium, data: shifted).isWithheld)
    }

    @Test func aChargeFirstInAnAnodesWindowHasItsCEWithheld() throws {
        let data = try cell(first: 1, low: 0.01, high: 1.2).data()
        #expect(CycleConvention.Choice.choose(nil, cell: Cell(id: "?"), data: data).isWithheld)
    }

    @Test func aSymmetricCellIsRecognisedByItsVoltageFollowingTheCurrent() throws {
        var record = GalvanostaticRecord()
        for _ in 0..<3 {
            record.hold(1e-3, for: 3600, voltage: { 0.02 + 0.01 * $0 })
            record.hold(-1e-3, for: 3600, voltage: { -0.02 - 0.01 * $0 })
        }
        let data = try record.data()
        #expect(CycleConvention.Choice.choose(nil, cell: Cell(id: "li|li"), data: data).convention == .symmetric)
    }

    @Test func mostCyclesAbove100PercentWarnsAndNamesTheFix() throws {
        // A full cell read as an anode half cell: each discharge is paired with the charge after it.
        let data = try cell(first: 1, low: 3.0, high: 4.2, cycles: 4, out: 0.98e-3).data()
        let wrong = try CycleTable(data, convention: .choose(.anode, cell: Cell(id: "nmc"), data: data))
        #expect(wrong.conventionWarning != nil)
        #expect(wrong.warnings.contains { $0.contains("set the cell type or the CE convention") })
        let right = try CycleTable(data, convention: .choose(.full, cell: Cell(id: "nmc"), data: data))
        #expect(right.conventionWarning == nil)
    }

    // MARK: 5: rest detection is local

    @Test func aSmallCurrentBesideLargePulsesIsCapacityNotRest() throws {
        // C/50 formation (20 µA for 50 h = 1 mAh) in a record that also holds 5 mA (5C) pulses: 0.4 % of
        // the largest current. With and without the instrument's step numbers.
        var record = GalvanostaticRecord()
        record.hold(20e-6, for: 50 * 3600, cycle: 1, voltage: { 3.0 + 1.2 * $0 })
        record.hold(-20e-6, for: 45 * 3600, cycle: 1, voltage: { 4.2 - 1.2 * $0 })
        record.hold(5e-3, for: 36, cycle: 2, voltage: { _ in 3.8 })
        record.hold(-5e-3, for: 36, cycle: 2, voltage: { _ in 3.6 })
        for withSteps in [false, true] {
            let base = try record.data(withCycleIndex: true)
            let data = withSteps
                ? try CyclingData(time_s: base.time_s, voltage_V: base.voltage_V, current_A: base.current_A,
                                  cycleIndex: base.cycleIndex, stepIndex: Self.stepNumbers(base.current_A))
                : base
            let table = try CycleTable(data, convention: .choose(.full, cell: Cell(id: "c"), data: data))
            #expect(close(table.rows[0].chargeCapacity_Ah, 1e-3), "steps \(withSteps)")
            #expect(close(table.rows[0].coulombicEfficiency, 0.9), "steps \(withSteps)")
        }
    }

    /// A new step number wherever the current changes.
    static func stepNumbers(_ current: [Double]) -> [Int] {
        var step = 1
        return current.indices.map { k in
            if k > 0, current[k] != current[k - 1] { step += 1 }
            return step
        }
    }

    @Test func aCCDRampsFirstLevelIsNotARest() throws {
        // Symmetric-cell ramp 0.05 → 12.8 mA (1 cm²), 1 h per half-cycle: the first level's 0.05 mAh passes.
        var record = GalvanostaticRecord()
        var level = 0.05e-3
        while level <= 12.8e-3 {
            record.hold(level, for: 3600, voltage: { _ in 0.01 })
            record.hold(-level, for: 3600, voltage: { _ in -0.01 })
            level *= 2
        }
        let data = try record.data()
        let steps = StepSegmentation().steps(data)
        #expect(steps.filter { $0.kind == .rest }.isEmpty)
        let table = try CycleTable(data, convention: .choose(.symmetric, cell: Cell(id: "li"), data: data))
        #expect(close(table.rows[0].chargeCapacity_Ah, 0.05e-3))
    }

    // MARK: 6: sparse logging

    /// A charge and a discharge of 10 min each whose current switches 10 s after a logged sample, logged
    /// every `interval` s, with counters that integrate the true current exactly (as the instrument does).
    func sparselyLogged(interval: Double) throws -> CyclingData {
        var time: [Double] = [], current: [Double] = [], charge: [Double] = [], discharge: [Double] = []
        let switches = [(10.0, 1e-3), (610.0, -1e-3), (1210.0, 0.0)]
        func trueCurrent(_ t: Double) -> Double { switches.last { $0.0 <= t }?.1 ?? 0 }
        var t = 0.0
        while t <= 1800 {
            time.append(t)
            current.append(trueCurrent(t))
            // Exact integrals of the step function up to t.
            charge.append(max(0, min(t, 610) - 10) * 1e-3 / 3600)
            discharge.append(max(0, min(t, 1210) - 610) * 1e-3 / 3600)
            t += interval
        }
        return try CyclingData(time_s: time, voltage_V: current.map { 3.7 + 500 * $0 }, current_A: current,
                               chargeCapacity_Ah: charge, dischargeCapacity_Ah: discharge)
    }

    @Test func sparseLoggingIsToldAndNamesTheCounters() throws {
        // Logged every 60 s, the trapezoid bridges each switch with a straight line: 30 mA·s where 50 passed
        // at the leading edge, 15 where 10 passed at the reversal, 585 of 600 in all (2.5 %).
        let sparse = try sparselyLogged(interval: 60)
        let table = try CycleTable(sparse, convention: .choose(.full, cell: Cell(id: "c"), data: sparse))
        #expect(try #require(table.largestCounterDifference) > 0.02)
        #expect(table.sparseLoggingWarning != nil)
        #expect(table.warnings.contains { $0.contains("the instrument's capacity counters") })
        // Logged every second, the edges cost under 0.1 %: no warning.
        let dense = try sparselyLogged(interval: 1)
        let fine = try CycleTable(dense, convention: .choose(.full, cell: Cell(id: "c"), data: dense))
        #expect(fine.sparseLoggingWarning == nil)
    }
}

/// Rest detection at the scale of a CCD ramp (issue 13, point 5): its first level is a current.
@Suite struct CCDRampLevelsTests {
    @Test func aRampFrom0_05To12_8KeepsEveryLevel() throws {
        // 0.05 → 12.8 mA cm⁻² on 1 cm², doubling, 30 min per half-cycle, ohmic at 20 Ω cm² and healthy: the
        // first level is 0.4 % of the last, and all nine levels must be found and passed.
        var cell = SymmetricRecord(sigma_V: 1e-5)
        var j = 0.05
        var levels: [Double] = []
        while j <= 12.8 * 1.0001 {
            levels.append(j)
            let overpotential = 0.02 * j  // 20 Ω cm² × j (mA cm⁻² → A cm⁻²: ×1e-3; V = 20 × j × 1e-3)
            for sign in [1.0, -1.0] { cell.half(j, sign: sign) { _, _ in overpotential } }
            j *= 2
        }
        let verdict = try CriticalCurrentDensity(try cell.data(), area_cm2: 1)
        #expect(verdict.levels.count == levels.count)
        for (level, truth) in zip(verdict.levels, levels) {
            #expect(abs(level.currentDensity_mA_cm2 - truth) <= 1e-9 * truth)
        }
        #expect(verdict.failure == .none)
        #expect(verdict.ccd_mA_cm2.map { abs($0 - 12.8) < 1e-9 } == true)
    }
}
