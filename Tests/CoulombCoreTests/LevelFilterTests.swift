import CoulombCore
import Foundation
import Testing
import TestFixtures

/// The level filter on noisy voltage: a half-cycle pair through one dQ/dV peak with no true hysteresis.
@Suite struct LevelFilterTests {
    /// Q(V) in closed form: a Gaussian dQ/dV peak (3.450 V, σ 12 mV, 1.2 mAh, as a cathode's phase
    /// transition) on a flat background of 0.8 mAh over the 3.30–3.60 V window.
    let peak_V = 3.450, sigma_V = 0.012, peakArea_Ah = 1.2e-3, background_Ah_V = 0.8e-3 / 0.3
    let low_V = 3.30, high_V = 3.60

    func capacity(at voltage: Double) -> Double {
        peakArea_Ah * 0.5 * (1 + erf((voltage - peak_V) / (sigma_V * 2.0.squareRoot()))) + background_Ah_V * (voltage - low_V)
    }

    /// The voltage at which Q(V) = q, by bisection (Q is increasing).
    func voltage(at q: Double) -> Double {
        var low = low_V - 0.05, high = high_V + 0.05
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if capacity(at: middle) < q { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// A C/20 charge from 3.30 to 3.60 V and the discharge back along the same Q(V), a sample every 10 s
    /// (7,200 per half-cycle), with Gaussian noise of σ `noise_V` on every voltage sample.
    func record(noise_V: Double, seed: UInt64) throws -> CyclingData {
        var generator = SplitMix(seed: seed)
        let q0 = capacity(at: low_V), q1 = capacity(at: high_V), current_A = 0.1e-3
        let duration_s = (q1 - q0) / current_A * 3600
        var record = GalvanostaticRecord()
        record.hold(current_A, for: duration_s, samples: 7200) { voltage(at: q0 + $0 * (q1 - q0)) + noise_V * generator.gaussian() }
        record.hold(-current_A, for: duration_s, samples: 7200) { voltage(at: q1 - $0 * (q1 - q0)) + noise_V * generator.gaussian() }
        return try record.data()
    }

    /// The position of the tallest dQ/dV peak of each half-cycle, charge first.
    func peakPositions(_ data: CyclingData) throws -> [Double] {
        let curves = try DifferentialAnalysis().curves(.incrementalCapacity, of: data,
                                                       convention: .choose(.full, cell: Cell(id: "test"), data: data)).curves
        #expect(curves.map(\.direction) == [.charge, .discharge])
        return curves.map { curve in
            PeakFinder().peaks(curve.derivativeGrid).max { abs($0.height) < abs($1.height) }?.position ?? .nan
        }
    }

    /// With 1 and 2 mV of noise, charge and discharge peaks stay within 1 mV of 3.450 V on every seed, and
    /// their averages over the seeds show no bias and no false hysteresis.
    ///
    /// Tolerances: 1 mV per peak is the issue's requirement for reading hysteresis (half the 2 mV level
    /// step, a tenth of the 10 mV smoothing). The noise itself scatters the position on this record by
    /// σ ≈ 0.13 mV at 1 mV of noise and 0.26 mV at 2 mV (measured over 60 other seeds, largest 0.98 mV), so
    /// 1 mV is 3.5σ at the worst; the noise-free record gives the peak within 0.01 mV, as the peak is
    /// symmetric on a flat background. Over the 8 seeds the mean offset of each direction (standard error
    /// 0.1 mV at 2 mV) must stay within 0.3 mV, and so must the mean charge−discharge difference: keeping
    /// the first sample past each level, as the filter did before, gave +2.9/−3.1 mV at 1 mV of noise and
    /// +6.1/−6.3 mV at 2 mV on this record.
    @Test(arguments: [0.001, 0.002])
    func noiseDoesNotShiftPeaksOrFakeAHysteresis(noise_V: Double) throws {
        var offsets: [[Double]] = [[], []]
        for seed in UInt64(1)...8 {
            let positions = try peakPositions(try record(noise_V: noise_V, seed: seed))
            for (k, position) in positions.enumerated() {
                #expect(abs(position - peak_V) < 0.001, "seed \(seed), \(k == 0 ? "charge" : "discharge"): \(position) V")
                offsets[k].append(position - peak_V)
            }
        }
        let means = offsets.map { $0.reduce(0, +) / Double($0.count) }
        #expect(means.allSatisfy { abs($0) < 0.0003 }, "mean offsets \(means) V")
        #expect(abs(means[0] - means[1]) < 0.0003, "false hysteresis \(means[0] - means[1]) V")
    }

    /// With noise twice the level step (σ 4 mV), levels are cut by the noise and their means can fall
    /// behind one another; pooled, the kept voltages still rise strictly in the direction of travel, and the
    /// capacities with them, so Q(V) is a function for the grid.
    @Test func keptPointsStayStrictlyMonotonicWhenNoiseExceedsTheStep() throws {
        let data = try record(noise_V: 0.004, seed: 3)
        let steps = StepSegmentation().steps(data)
        let convention = CycleConvention.Choice.choose(.full, cell: Cell(id: "test"), data: data)
        let halves = HalfCycle.all(steps: steps, cycles: CycleAssignment(steps: steps, data: data, convention: convention.convention).cycles)
        #expect(halves.map(\.direction) == [.charge, .discharge])
        for half in halves {
            let kept = LevelFilter().apply(half, in: data)
            let travel = kept.voltage_V.map { half.direction.sign * $0 }
            #expect(kept.voltage_V.count > 50)
            #expect(zip(travel, travel.dropFirst()).allSatisfy { $0 < $1 })
            #expect(zip(kept.capacity_Ah, kept.capacity_Ah.dropFirst()).allSatisfy { $0 < $1 })
        }
    }

    @Test func withoutNoiseThePeakIsExact() throws {
        let positions = try peakPositions(try record(noise_V: 0, seed: 1))
        #expect(positions.allSatisfy { abs($0 - peak_V) < 1e-5 }, "\(positions)")
    }
}
