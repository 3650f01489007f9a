import CoulombCore
import Testing

@Suite struct VoltageCapacityCurveTests {
    /// 1 h at +1 mA to 4.2 V, a constant-voltage hold at 4.2 V with the current falling 0.8 → 0.1 mA over
    /// 30 min, then 1 h at −1 mA: the charge curve ends at 1 + (0.8 + 0.6 + 0.4 + 0.2 + 0.1)/10 = 1.21 mAh
    /// (holds switch instantly, so each trapezoid is exactly I·t), the discharge curve at 1 mAh.
    @Test func chargeIncludesTheConstantVoltageHold() throws {
        var record = GalvanostaticRecord()
        record.hold(0.001, for: 3600, samples: 60) { 3.5 + 0.7 * $0 }
        for current in [0.0008, 0.0006, 0.0004, 0.0002, 0.0001] {
            record.hold(current, for: 360, samples: 6) { _ in 4.2 }
        }
        record.hold(-0.001, for: 3600, samples: 60) { 4.2 - 0.8 * $0 }
        let data = try record.data()
        let convention = CycleConvention.Choice(convention: .cathode, forwardDirection: .charge, reason: "test")
        let curves = try VoltageCapacityCurve.all(data, convention: convention)
        #expect(curves.map(\.direction) == [.charge, .discharge])
        #expect(abs(curves[0].capacity_Ah.last! - 1.21e-3) < 1e-12)
        #expect(abs(curves[1].capacity_Ah.last! - 1e-3) < 1e-12)
        #expect(curves[0].capacity_Ah.first == 0)
        // Every sample is there, with the voltage as recorded: nothing thinned.
        #expect(curves[0].voltage_V.count == curves[0].capacity_Ah.count)
        #expect(curves[0].voltage_V.filter { $0 == 4.2 }.count >= 30)
        #expect(curves[1].voltage_V.last == data.voltage_V.last)
        #expect(zip(curves[0].capacity_Ah.dropFirst(), curves[0].capacity_Ah).allSatisfy { $0 >= $1 })
    }

    @Test func aMissingCycleIsAnError() throws {
        var record = GalvanostaticRecord()
        record.hold(0.001, for: 3600)
        record.hold(-0.001, for: 3600)
        let convention = CycleConvention.Choice(convention: .cathode, forwardDirection: .charge, reason: "test")
        #expect(throws: AnalysisError("the record has no cycle 5 (its cycles are 1–1)")) {
            try VoltageCapacityCurve.all(try record.data(), convention: convention, cycles: [1, 5])
        }
    }
}
