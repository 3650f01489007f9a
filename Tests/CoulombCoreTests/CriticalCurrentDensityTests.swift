import CoulombCore
import Testing

/// The CCD verdict on ramps whose failure is placed by construction (1 cm², ASR 50 Ω·cm², 30 min
/// half-cycles sampled every 10 s, two half-cycles per level).
@Suite struct CriticalCurrentDensityTests {
    /// Levels 0.1, 0.2, 0.3, 0.4 mA cm⁻²; `short(level, halfCycle)` says from which fraction of a half-cycle
    /// the cell is shorted (|V| = 0.2 mV), or nil.
    func ramp(short: (Int, Int) -> Double? = { _, _ in nil }) throws -> CyclingData {
        var record = GalvanostaticRecord()
        var shorted = false
        for (level, j) in [0.1, 0.2, 0.3, 0.4].enumerated() {
            for (half, sign) in [1.0, -1.0].enumerated() {
                let from = shorted ? 0 : short(level, half)
                if from != nil { shorted = true }
                record.hold(sign * j / 1000, for: 1800, samples: 180, voltage: { fraction in
                    if let from, fraction >= from { return sign * 0.0002 }
                    return sign * j / 1000 * 50
                })
            }
        }
        return try record.data()
    }

    @Test func aHealthyRampGivesTheLastLevelAsALowerBound() throws {
        let verdict = try CriticalCurrentDensity(try ramp(), area_cm2: 1)
        #expect(verdict.failure == .none)
        #expect(verdict.ccd_mA_cm2 == 0.4 && verdict.ccdIsLowerBound)
        #expect(abs(verdict.asrDC_ohm_cm2 - 50) < 1e-9)
        #expect(verdict.rampProtocol == .timeLimited)
        #expect(verdict.onsetTime_s == nil)
    }

    @Test func aHardShortAtTheThirdLevel() throws {
        // Shorted from half-way through the third level's stripping half-cycle (the 6th half-cycle,
        // starting at 5 × 1800 s): onset at 9000 + 900 s, on the sample where |V| collapses.
        let verdict = try CriticalCurrentDensity(try ramp(short: { level, half in level == 2 && half == 1 ? 0.5 : nil }), area_cm2: 1)
        #expect(verdict.failure == .hardShort)
        #expect(verdict.ccd_mA_cm2 == 0.2 && !verdict.ccdIsLowerBound)
        #expect(verdict.onsetLevel_mA_cm2 == 0.3)
        #expect(verdict.onsetTime_s == 9900)
        // Before onset: 0.1 + 0.1 + 0.2 + 0.2 + 0.3 mA cm⁻² × 0.5 h, plus 0.3 × 0.25 h.
        #expect(abs(verdict.cumulativeArealCapacity_mAh_cm2 - (0.45 + 0.075)) < 1e-9)
    }

    @Test func aFailureAtTheFirstLevelHasNoCCD() throws {
        let verdict = try CriticalCurrentDensity(try ramp(short: { level, half in level == 0 && half == 1 ? 0.5 : nil }), area_cm2: 1)
        #expect(verdict.ccd_mA_cm2 == nil)
        #expect(verdict.onsetLevel_mA_cm2 == 0.1)
    }

    @Test func aSingleLevelOrNoReversalIsNoRamp() throws {
        var single = GalvanostaticRecord()
        for sign in [1.0, -1.0, 1.0, -1.0] { single.hold(sign * 1e-4, for: 1800, voltage: { _ in sign * 0.005 }) }
        #expect(throws: AnalysisError.self) { try CriticalCurrentDensity(try single.data(), area_cm2: 1) }
        var oneWay = GalvanostaticRecord()
        for j in [0.1, 0.2] { oneWay.hold(j / 1000, for: 1800, voltage: { _ in j * 0.05 }) }
        #expect(throws: AnalysisError.self) { try CriticalCurrentDensity(try oneWay.data(), area_cm2: 1) }
    }
}
