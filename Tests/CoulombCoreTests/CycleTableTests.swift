import CoulombCore
import Testing

/// Per-cycle capacities on records whose integrals are exact rectangles, so the expected numbers are
/// closed forms; tolerances are a few ulps of the sums (1e-12 relative).
@Suite struct CycleTableTests {
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    /// An anode half cell: OCV rest, then lithiation (1 mA, 1 h) and delithiation (0.9 mA, 1 h), then
    /// 1 mA / 0.95 mA. With a zero offset of 0.5 µA (0.05 % of the largest current, ten times the −50 nA
    /// seen on a real cycler) during a 10 h rest.
    func siliconHalfCell() -> GalvanostaticRecord {
        var record = GalvanostaticRecord()
        record.hold(0, for: 600, cycle: 1, voltage: { _ in 2.9 })
        record.hold(-1e-3, for: 3600, cycle: 1, voltage: { 0.8 - 0.79 * $0 })
        record.hold(0.5e-6, for: 36_000, cycle: 1, voltage: { _ in 0.1 })
        record.hold(0.9e-3, for: 3600, cycle: 1, voltage: { 0.05 + 0.9 * $0 })
        record.hold(-1e-3, for: 3600, cycle: 2, voltage: { 0.9 - 0.89 * $0 })
        record.hold(0.95e-3, for: 3600, cycle: 2, voltage: { 0.05 + 0.9 * $0 })
        return record
    }

    @Test func anodeConventionGivesDelithiationOverLithiation() throws {
        let data = try siliconHalfCell().data()
        let convention = CycleConvention.Choice.choose(.anode, cell: Cell(id: "test"), data: data)
        let table = try CycleTable(data, convention: convention)
        #expect(!table.cyclesFromInstrument)
        #expect(table.rows.map(\.cycle) == [1, 2])
        #expect(table.rows.map(\.isComplete) == [true, true])
        // The rest's offset current (0.5 µA × 10 h = 0.005 mAh) is not capacity.
        #expect(close(table.rows[0].dischargeCapacity_Ah, 1e-3))
        #expect(close(table.rows[0].chargeCapacity_Ah, 0.9e-3))
        #expect(close(table.rows[0].coulombicEfficiency, 0.9))
        #expect(close(table.rows[1].coulombicEfficiency, 0.95))
        #expect(close(table.initialCoulombicEfficiency, 0.9))
        #expect(close(table.rows[1].retention, 0.95 / 0.9))
        #expect(close(table.rows[1].cumulativeIrreversibleCapacity_Ah, 0.15e-3, 1e-9))
        // Linear voltage during a constant current: the mean voltage is the midpoint.
        #expect(close(table.rows[0].meanDischargeVoltage_V, 0.8 - 0.79 / 2))
        #expect(close(table.rows[0].dischargeEnergy_Wh, 1e-3 * (0.8 - 0.79 / 2)))
        #expect(close(table.rows[1].duration_s, 7200))
    }

    @Test func autoModeFollowsTheFirstCurrentWithoutACellType() throws {
        let data = try siliconHalfCell().data()
        let convention = CycleConvention.Choice.choose(nil, cell: Cell(id: "test"), data: data)
        #expect(convention.convention == .anode)
        #expect(CycleConvention.Choice.choose(nil, cell: Cell(id: "test", type: .full), data: data).convention == .full)
    }

    @Test func fullConventionOnAnodeDataPairsChargeThenDischarge() throws {
        // The same record read as a full cell: the first lithiation is a cycle of its own (incomplete),
        // and each following charge opens a cycle with the next discharge.
        let data = try siliconHalfCell().data()
        let table = try CycleTable(data, convention: .choose(.full, cell: Cell(id: "test"), data: data))
        #expect(table.rows.map(\.isComplete) == [false, true, false])
        #expect(table.rows[0].coulombicEfficiency == nil)
        #expect(table.rows[0].retention == nil)
        #expect(close(table.rows[1].coulombicEfficiency, 1 / 0.9))
        #expect(table.rows[2].coulombicEfficiency == nil)
        #expect(close(table.rows[2].chargeCapacity_Ah, 0.95e-3))
    }

    @Test func sawtoothCurrentGivesTheCEOfItsTriangles() throws {
        // A triangular current: +2 mA peak charge triangle of 1 h, then a −1.8 mA peak discharge triangle:
        // Q = peak·t/2 each, CE = 0.9 (full cell), whatever the sampling.
        var time: [Double] = [], current: [Double] = []
        for k in 0...200 {
            let t = Double(k) * 36
            time.append(t)
            let phase = t.truncatingRemainder(dividingBy: 7200) / 3600
            let tooth = phase <= 1 ? 1 - abs(2 * phase - 1) : -(1 - abs(2 * (phase - 1) - 1))
            current.append(tooth > 0 ? 2e-3 * tooth : 1.8e-3 * tooth)
        }
        let data = try CyclingData(time_s: time, voltage_V: time.map { _ in 3.7 }, current_A: current)
        let table = try CycleTable(data, convention: .choose(.full, cell: Cell(id: "test"), data: data))
        #expect(table.rows.count == 1)
        #expect(close(table.rows[0].chargeCapacity_Ah, 2e-3 * 3600 / 2 / 3600, 1e-9))
        #expect(close(table.rows[0].coulombicEfficiency, 0.9, 1e-9))
    }

    @Test func theInstrumentCycleIndexAndCountersAreUsedWhenPresent() throws {
        var record = siliconHalfCell()
        // The instrument's counters read 1 % high on discharge.
        record.dischargeCounter_Ah = record.dischargeCounter_Ah.map { $0 * 1.01 }
        let data = try record.data(withCycleIndex: true, withCounters: true)
        let convention = CycleConvention.Choice.choose(.anode, cell: Cell(id: "test"), data: data)
        let integrated = try CycleTable(data, convention: convention)
        #expect(integrated.cyclesFromInstrument)
        #expect(close(integrated.rows[0].dischargeCapacity_Ah, 1e-3))
        #expect(close(integrated.rows[0].counterDischargeCapacity_Ah, 1.01e-3, 1e-9))
        // The counters also count the rest's 0.5 µA offset (0.005 mAh on a 0.9 mAh charge), which
        // integration leaves out; the discharge counter's 1 % is the largest difference.
        #expect(close(integrated.rows[0].counterChargeCapacity_Ah, 0.905e-3, 1e-9))
        #expect(close(integrated.largestCounterDifference, 0.01, 1e-9))
        let counted = try CycleTable(data, convention: convention, capacitySource: .counters)
        #expect(close(counted.rows[1].dischargeCapacity_Ah, 1.01e-3, 1e-9))
        #expect(close(counted.rows[1].coulombicEfficiency, 0.95 / 1.01, 1e-9))
    }

    @Test func countersThatResetAtEveryStepOrNeverGiveTheSameCapacity() throws {
        // Growth 0→2 mAh, reset, 0→1 mAh (per-step counter) must equal a counter running 0→3 mAh.
        let time: [Double] = [0, 1, 2, 3, 4, 5]
        let perStep: [Double] = [0, 1e-3, 2e-3, 0, 0.5e-3, 1e-3]
        let running: [Double] = [0, 1e-3, 2e-3, 2e-3, 2.5e-3, 3e-3]
        for counter in [perStep, running] {
            let data = try CyclingData(time_s: time, voltage_V: time.map { _ in 3.7 }, current_A: time.map { _ in 1e-3 },
                                       chargeCapacity_Ah: counter, dischargeCapacity_Ah: time.map { _ in 0 })
            let table = try CycleTable(data, convention: .choose(.full, cell: Cell(id: "test"), data: data), capacitySource: .counters)
            #expect(close(table.rows[0].chargeCapacity_Ah, 3e-3, 1e-12))
        }
    }

    @Test func countersAreRequiredWhenAskedFor() throws {
        let data = try siliconHalfCell().data()
        #expect(throws: AnalysisError.self) {
            try CycleTable(data, convention: .choose(.anode, cell: Cell(id: "test"), data: data), capacitySource: .counters)
        }
    }

    @Test func aRestOnlyRecordIsOneIncompleteCycleWithoutCapacity() throws {
        var record = GalvanostaticRecord()
        record.hold(0, for: 3600, voltage: { _ in 3.0 })
        let data = try record.data()
        let table = try CycleTable(data, convention: .choose(nil, cell: Cell(id: "test"), data: data))
        #expect(table.rows.count == 1)
        #expect(!table.rows[0].isComplete)
        #expect(table.rows[0].chargeCapacity_Ah == 0 && table.rows[0].dischargeCapacity_Ah == 0)
        #expect(table.rows[0].coulombicEfficiency == nil)
        #expect(table.initialCoulombicEfficiency == nil)
    }

    @Test func aRecordCutOffMidChargeEndsInAnIncompleteCycle() throws {
        // The instrument's index says cycle 2 has both directions, but the last delithiation stops at
        // 0.5 V, short of the 0.95 V cycle 1 reached, with current still flowing.
        var record = siliconHalfCell()
        record.hold(-1e-3, for: 3600, cycle: 3, voltage: { 0.9 - 0.89 * $0 })
        record.hold(0.95e-3, for: 1800, cycle: 3, voltage: { 0.05 + 0.45 * $0 })
        let data = try record.data(withCycleIndex: true)
        let table = try CycleTable(data, convention: .choose(.anode, cell: Cell(id: "test"), data: data))
        #expect(table.rows.map(\.isComplete) == [true, true, false])
        #expect(table.rows[2].coulombicEfficiency == nil)
        // Ending at the voltage limit is a finished cycle.
        let whole = try siliconHalfCell().data(withCycleIndex: true)
        #expect(try CycleTable(whole, convention: .choose(.anode, cell: Cell(id: "test"), data: whole)).rows.map(\.isComplete) == [true, true])
    }

    @Test func aSingleHalfCycleIsIncomplete() throws {
        var record = GalvanostaticRecord()
        record.hold(-1e-3, for: 1800, voltage: { 1 - $0 })
        let data = try record.data()
        let table = try CycleTable(data, convention: .choose(nil, cell: Cell(id: "test"), data: data))
        #expect(table.rows.count == 1)
        #expect(close(table.rows[0].dischargeCapacity_Ah, 0.5e-3))
        #expect(table.rows[0].coulombicEfficiency == nil)
        #expect(table.meanCoulombicEfficiency == nil)
    }
}
