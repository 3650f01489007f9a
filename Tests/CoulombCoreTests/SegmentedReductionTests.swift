import CoulombCore
import Foundation
import Testing
import TestFixtures

@Suite struct SegmentedReductionTests {
    /// Irregular time stamps, so no result depends on an even step.
    func irregularTimes(_ count: Int, seed: UInt64 = 1) -> [Double] {
        var generator = SplitMix(seed: seed)
        var t = 0.0
        return (0..<count).map { _ in
            defer { t += 0.5 + Double(generator.next() % 1000) / 1000 }
            return t
        }
    }

    @Test(arguments: [2, 7, 8, 9, 1000, 1003])
    func constantCurrentGivesQEqualsIT(samples: Int) {
        // Closed form: Q = I·T. Tolerance 1e-12 relative: only rounding in a sum of `samples` terms.
        let t = irregularTimes(samples)
        let stats = SegmentedReduction.reduce(time_s: t, voltage_V: [Double](repeating: 3.7, count: samples),
                                              current_A: [Double](repeating: -0.25, count: samples), segmentStarts: [0])[0]
        let duration = t.last! - t.first!
        #expect(abs(stats.dischargeCapacity_Ah - 0.25 * duration / 3600) <= 1e-12 * stats.dischargeCapacity_Ah)
        #expect(stats.chargeCapacity_Ah == 0)
        #expect(abs(stats.dischargeEnergy_Wh - 3.7 * 0.25 * duration / 3600) <= 1e-12 * stats.dischargeEnergy_Wh)
        #expect(stats.duration_s == duration)
        #expect(abs(stats.meanDischargeVoltage_V! - 3.7) < 1e-12)
        #expect(stats.meanChargeVoltage_V == nil)
    }

    @Test func aLinearCurrentThroughZeroSplitsAtTheCrossing() {
        // I goes linearly from +1 A to −3 A over 4 s: zero at t = 1 s. Q⁺ = ½·1·1 = 0.5 A·s, Q⁻ = ½·3·3 = 4.5 A·s.
        let stats = SegmentedReduction.reduce(time_s: [0, 4], voltage_V: [1, 1], current_A: [1, -3], segmentStarts: [0])[0]
        #expect(abs(stats.chargeCapacity_Ah * 3600 - 0.5) < 1e-15)
        #expect(abs(stats.dischargeCapacity_Ah * 3600 - 4.5) < 1e-15)
    }

    @Test func energyOfConstantCurrentAtLinearVoltageIsExact() {
        // V(t) linear from 3.0 to 4.2 V at 2 A for 100 s: E = I·T·(V₀+V₁)/2 = 2·100·3.6 W·s.
        let t = irregularTimes(50).map { $0 * 100 / 49.0 }
        let span = t.last! - t.first!
        let v = t.map { 3.0 + 1.2 * ($0 - t.first!) / span }
        let stats = SegmentedReduction.reduce(time_s: t, voltage_V: v, current_A: [Double](repeating: 2, count: 50),
                                              segmentStarts: [0])[0]
        #expect(abs(stats.chargeEnergy_Wh * 3600 - 2 * span * 3.6) < 1e-9)
        #expect(stats.minimumVoltage_V == 3.0)
        #expect(abs(stats.maximumVoltage_V - 4.2) < 1e-12)
    }

    /// Against an independent reference: each interval integrated on 2,000 sub-steps of the linear
    /// interpolation (midpoint rule, error ~1e-7 relative on these data), segments assigned by later sample.
    @Test func randomRecordMatchesSubdividedIntegration() {
        var generator = SplitMix(seed: 42)
        let n = 237
        let t = irregularTimes(n, seed: 7)
        let i = (0..<n).map { _ in Double(Int(generator.next() % 2001) - 1000) / 1000 }
        let v = (0..<n).map { _ in 3 + Double(generator.next() % 1000) / 1000 }
        let starts = [0, 5, 6, 40, 41, 100, 230]
        let stats = SegmentedReduction.reduce(time_s: t, voltage_V: v, current_A: i, segmentStarts: starts)
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : n
            var positive = 0.0, negative = 0.0
            for j in max(start - 1, 0)..<(end - 1) {
                let steps = 2000
                let h = (t[j + 1] - t[j]) / Double(steps)
                for s in 0..<steps {
                    let x = (Double(s) + 0.5) / Double(steps)
                    let current = i[j] + (i[j + 1] - i[j]) * x
                    if current > 0 { positive += current * h } else { negative -= current * h }
                }
            }
            #expect(abs(stats[k].chargeCapacity_Ah * 3600 - positive) <= 1e-6 * max(positive, 1e-3), "segment \(k)")
            #expect(abs(stats[k].dischargeCapacity_Ah * 3600 - negative) <= 1e-6 * max(negative, 1e-3), "segment \(k)")
            #expect(stats[k].minimumVoltage_V == v[start..<end].min())
            #expect(stats[k].maximumVoltage_V == v[start..<end].max())
        }
        // The segments partition the record's integral.
        let whole = SegmentedReduction.reduce(time_s: t, voltage_V: v, current_A: i, segmentStarts: [0])[0]
        let summed = stats.map(\.chargeCapacity_Ah).reduce(0, +)
        #expect(abs(summed - whole.chargeCapacity_Ah) <= 1e-12 * whole.chargeCapacity_Ah)
    }
}
