@testable import CoulombCore
import Testing

/// Half-cycle features of a symmetric cell on records with closed-form voltages.
@Suite struct SymmetricHalfCycleTests {
    /// Plating and stripping at ±j for 30 min each, V = ±(j·ASR) with an initial 3-sample jump of twice
    /// that, on 1 cm²; then a second level at twice the current.
    func ramp(asr_ohm_cm2: Double = 50, area_cm2: Double = 1) throws -> CyclingData {
        var record = GalvanostaticRecord()
        for j in [0.1, 0.2] {  // mA cm⁻²
            for sign in [1.0, -1.0] {
                let current = sign * j * area_cm2 / 1000
                let plateau = sign * j / 1000 * asr_ohm_cm2
                record.hold(current, for: 1800, samples: 180, voltage: { $0 < 0.02 ? 2 * plateau : plateau })
            }
        }
        return try record.data()
    }

    @Test func plateauCurrentDensityAndCapacityAreClosedForms() throws {
        let halves = try SymmetricHalfCycle.all(try ramp(), area_cm2: 1)
        #expect(halves.count == 4)
        #expect(halves.map(\.direction) == [.charge, .discharge, .charge, .discharge])
        for (half, j) in zip(halves, [0.1, 0.1, 0.2, 0.2]) {
            // Exact: the voltage is constant over the middle and the current over the whole half-cycle.
            #expect(abs(half.currentDensity_mA_cm2 - j) < 1e-12)
            #expect(abs(half.plateauOverpotential_V - j / 1000 * 50) < 1e-15)
            #expect(abs(half.peakOverpotential_V - 2 * j / 1000 * 50) < 1e-15)
            // j·t: 0.1 mA cm⁻² × 0.5 h = 0.05 mAh cm⁻² (the switch is instantaneous, so exact to rounding).
            #expect(abs(half.arealCapacity_mAh_cm2 - j * 0.5) < 1e-12)
            #expect(half.noise_V == 0)
            #expect(half.largestDrop_V == 0)
        }
    }

    @Test func levelsAndTheTimeLimitedProtocol() throws {
        let levels = CurrentDensityLevel.group(try SymmetricHalfCycle.all(try ramp(), area_cm2: 1))
        #expect(levels.map(\.halfCycles) == [0..<2, 2..<4])
        #expect(levels.map(\.currentDensity_mA_cm2) == [0.1, 0.2])
        // Equal durations, doubling capacity: time-limited.
        #expect(RampProtocol(levels) == .timeLimited)
        #expect(RampProtocol(Array(levels.prefix(1))) == nil)
    }

    @Test func aCapacityLimitedRampHalvesItsDurations() throws {
        var record = GalvanostaticRecord()
        for j in [0.1, 0.2, 0.4] {
            for sign in [1.0, -1.0] {
                // 0.05 mAh cm⁻² per half-cycle on 2 cm²: t = 0.05 / j hours.
                record.hold(sign * j * 2 / 1000, for: 0.05 / j * 3600, samples: 60, voltage: { _ in sign * j * 0.05 })
            }
        }
        let levels = CurrentDensityLevel.group(try SymmetricHalfCycle.all(try record.data(), area_cm2: 2))
        #expect(levels.count == 3)
        #expect(levels.allSatisfy { abs($0.arealCapacity_mAh_cm2 - 0.05) < 1e-12 })
        #expect(RampProtocol(levels) == .capacityLimited)
    }

    @Test func medianBySelectionEqualsTheSortedMiddle() {
        // Against sorting, on random data with many ties (values drawn from 20 levels), odd and even counts.
        var generator = SystemRandomNumberGenerator()
        for count in [1, 2, 3, 10, 11, 1000, 1001] {
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<20, using: &generator)) }
            let sorted = values.sorted()
            let expected = count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2])
            #expect(SymmetricHalfCycle.median(values) == expected)
        }
        #expect(SymmetricHalfCycle.median([]).isNaN)
    }

    @Test func aSpikeOnTheLastSampleIsNotTheEndLevel() throws {
        // 5 mV throughout, but the last sample reads 50 mV: the end level stays 5 mV.
        var record = GalvanostaticRecord()
        record.hold(1e-4, for: 1800, samples: 180, voltage: { $0 < 1 ? 0.005 : 0.05 })
        record.hold(-1e-4, for: 1800, samples: 180, voltage: { _ in -0.005 })
        let halves = try SymmetricHalfCycle.all(try record.data(), area_cm2: 1)
        #expect(halves[0].endOverpotential_V == 0.005)
        #expect(halves[0].peakOverpotential_V == 0.05)
    }

    @Test func anAreaIsRequired() throws {
        let data = try ramp()
        #expect(throws: AnalysisError.self) { try SymmetricHalfCycle.all(data, area_cm2: nil) }
        #expect(throws: AnalysisError.self) { try SymmetricHalfCycle.all(data, area_cm2: 0) }
    }

    @Test func allZeroCurrentIsAnError() throws {
        var record = GalvanostaticRecord()
        record.hold(0, for: 100)
        #expect(throws: AnalysisError.self) { try SymmetricHalfCycle.all(try record.data(), area_cm2: 1) }
    }

    @Test func aSuddenDropIsMeasuredFromTheRecentMaximum() throws {
        // 5 mV plateau falling to 1 mV two thirds of the way through: a 4 mV drop.
        var record = GalvanostaticRecord()
        record.hold(1e-4, for: 1800, samples: 180, voltage: { $0 < 2.0 / 3 ? 0.005 : 0.001 })
        record.hold(-1e-4, for: 1800, samples: 180, voltage: { _ in -0.005 })
        let halves = try SymmetricHalfCycle.all(try record.data(), area_cm2: 1)
        #expect(abs(halves[0].largestDrop_V - 0.004) < 1e-15)
        #expect(halves[0].largestDropTime_s == 1200)
        #expect(halves[1].largestDrop_V == 0)
    }
}
