import CoulombCore
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
}
