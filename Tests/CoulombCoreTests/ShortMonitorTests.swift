import CoulombCore
import Foundation
import Testing

/// The long-term monitor on constant-current cycling built by construction: 0.2 mA on 1 cm², 1 h
/// half-cycles sampled every 60 s.
@Suite struct ShortMonitorTests {
    func cycling(cycles: Int, overpotential: (Int) -> Double, shortAt: Int? = nil) throws -> CyclingData {
        var record = GalvanostaticRecord()
        for cycle in 0..<cycles {
            for sign in [1.0, -1.0] {
                let shorted = shortAt.map { cycle >= $0 } ?? false
                record.hold(sign * 2e-4, for: 3600, samples: 60, voltage: { _ in sign * (shorted ? 0.0003 : overpotential(cycle)) })
            }
        }
        return try record.data()
    }

    @Test func aSlowlyGrowingOverpotentialIsNotAShort() throws {
        // 20 mV growing to 60 mV over 200 cycles (400 h).
        let monitor = try ShortMonitor(try cycling(cycles: 200, overpotential: { 0.02 + 0.0002 * Double($0) }), area_cm2: 1)
        #expect(monitor.events.isEmpty)
    }

    @Test func aHardShortAfterHundredsOfHours() throws {
        // Shorted from cycle 150 on: the 301st half-cycle, starting at 300 h.
        let monitor = try ShortMonitor(try cycling(cycles: 200, overpotential: { _ in 0.02 }, shortAt: 150), area_cm2: 1)
        #expect(monitor.events.map(\.kind) == [.hardShort])
        #expect(abs((monitor.firstHardShortTime_s ?? 0) - 300 * 3600) < 1e-6)
        #expect(monitor.events.first?.cycle == 151)
        #expect(monitor.firstSoftShortTime_s == nil)
    }

    /// Constant 0.2 mA cm⁻² on 1 cm², 1 h half-cycles sampled every minute, 0.1 mV noise; `overpotential`
    /// maps the time (s) to the plateau |V|, `profile` the fraction of a half-cycle to a factor on it.
    func noisyCycling(halfCycles: Int, seed: UInt64 = 3, samples: Int = 60, profile: @escaping (Double) -> Double = { _ in 1 },
                      overpotential: (Double) -> Double) throws -> CyclingData {
        var record = SymmetricRecord(seed: seed)
        for k in 0..<halfCycles {
            record.half(0.2, sign: k % 2 == 0 ? 1 : -1, for: 3600, samples: samples) { time, fraction in
                overpotential(time) * profile(fraction)
            }
        }
        return try record.data()
    }

    /// Issue 13, point 7: 50 mV (ASR 250 Ω·cm²) for 10 h, then sinking linearly to 2 mV over 60 half-cycles
    /// (60 h), then 2 mV for 10 h. The rolling baseline sinks with it, so only the established plateau
    /// catches it: a gradual soft short whose onset is where |V| crosses 25 mV, half the plateau — by
    /// construction 10 h + 25/48 · 60 h = 41.25 h. Tolerance 5 min: each half-cycle's plateau (a median of
    /// 36 samples) carries about 0.02 mV of noise against a slope of 0.8 mV/h (1.5 min).
    @Test func aGradualSoftShortIsFlaggedAgainstTheEstablishedPlateau() throws {
        let data = try noisyCycling(halfCycles: 80) { time in
            let hours = time / 3600
            return hours <= 10 ? 0.05 : hours >= 70 ? 0.002 : 0.05 - 0.048 * (hours - 10) / 60
        }
        let monitor = try ShortMonitor(data, area_cm2: 1)
        #expect(monitor.events.map(\.mode) == [.gradualSoft])
        #expect(monitor.events.first?.kind == .softShort)
        #expect(abs(try #require(monitor.firstSoftShortTime_s) - 41.25 * 3600) <= 300)
        // The 42nd half-cycle (41–42 h) holds the onset: cycle 21 counting pairs from 1.
        #expect(monitor.events.first?.cycle == 21)
        #expect(monitor.reasons[45].contains(.gradualFall) && !monitor.reasons[30].contains(.gradualFall))
    }

    /// Healthy conditioning: the plateau falls by 25 % (50 → 37.5 mV, time constant 8 h) and settles —
    /// no event. The same record conditioning to 40 % of its start is a gradual soft short.
    @Test func conditioningByAQuarterIsHealthy() throws {
        func conditioning(to fraction: Double) throws -> ShortMonitor {
            try ShortMonitor(try noisyCycling(halfCycles: 100) { 0.05 * (fraction + (1 - fraction) * exp(-$0 / (8 * 3600))) }, area_cm2: 1)
        }
        #expect(try conditioning(to: 0.75).events.isEmpty)
        #expect(try conditioning(to: 0.4).events.map(\.mode) == [.gradualSoft])
    }

    /// A nucleation overpotential relaxing by 40 % over the first quarter of every half-cycle (30 samples at
    /// 2 min per sample) is healthy over 100 h.
    @Test func aRelaxingNucleationOverpotentialRaisesNoEvent() throws {
        let data = try noisyCycling(halfCycles: 100, samples: 120, profile: SymmetricRecord.relaxing) { _ in 0.03 }
        #expect(try ShortMonitor(data, area_cm2: 1).events.isEmpty)
    }

    /// A partial resistive short in long cycling: half-way through the 41st half-cycle (40 h + 30 min) |V|
    /// of a 50 Ω·cm² cell with nucleation peaks drops to I·25 Ω and stays a resistor's flat trace. One
    /// event, a hard short of mode `partial_resistive`, within two samples (2 min) of 145,800 s; the low
    /// plateau after it is that event, not a gradual fall.
    @Test func aPartialResistiveShortIsOneHardEvent() throws {
        var record = SymmetricRecord(seed: 5)
        for k in 0..<80 {
            record.half(0.2, sign: k % 2 == 0 ? 1 : -1, for: 3600, samples: 60) { _, fraction in
                k > 40 || (k == 40 && fraction >= 0.5) ? 0.2 * 0.025 : 0.2 * 0.05 * SymmetricRecord.nucleation(fraction)
            }
        }
        let monitor = try ShortMonitor(try record.data(), area_cm2: 1)
        #expect(monitor.events.map(\.mode) == [.partialResistive])
        #expect(monitor.events.first?.kind == .hardShort)
        #expect(abs(try #require(monitor.firstHardShortTime_s) - 145_800) <= 120)
    }

    /// Dips that take half of |V| half-way through a half-cycle and recover with a 2 min time constant
    /// (0.03 V plateau, 1 h half-cycles logged every minute). One dip, in the 31st half-cycle, is a
    /// glitch: no event, but the half-cycle keeps its `sudden_drop`. A dip in every half-cycle from the
    /// 31st on is a transient soft short from the first, 30.5 h (109,800 s), within two samples.
    @Test(arguments: [false, true]) func aDipIsATransientSoftShortWhenItRecurs(recurring: Bool) throws {
        var record = SymmetricRecord(seed: 11)
        for k in 0..<60 {
            let dipped = recurring ? k >= 30 : k == 30
            record.half(0.2, sign: k % 2 == 0 ? 1 : -1, for: 3600, samples: 60) { _, fraction in
                let since_s = (fraction - 0.5) * 3600
                return dipped && since_s >= 0 ? 0.03 * (1 - 0.5 * exp(-since_s / 120)) : 0.03
            }
        }
        let monitor = try ShortMonitor(try record.data(), area_cm2: 1)
        #expect(monitor.reasons[30].contains(.suddenDrop))
        if recurring {
            #expect(monitor.events.map(\.mode) == [.transientSoft])
            #expect(abs(try #require(monitor.firstSoftShortTime_s) - 109_800) <= 120)
        } else {
            #expect(monitor.events.isEmpty)
        }
    }
}
