import CoulombCore
import Foundation
import Testing
import TestFixtures

@Suite struct DifferentialAnalysisTests {
    /// Two Gaussian peaks in dQ/dV (positions, widths and areas of a Si delithiation: an amorphous peak
    /// and the sharp Li15Si4 one), integrated in closed form to Q(V) = Σ A·Φ((V − μ)/σ).
    struct GaussianPeak {
        var position_V: Double, sigma_V: Double, area_Ah: Double
    }

    let peaks = [GaussianPeak(position_V: 0.30, sigma_V: 0.015, area_Ah: 0.4e-3),
                 GaussianPeak(position_V: 0.45, sigma_V: 0.008, area_Ah: 0.3e-3)]

    func capacity(at voltage: Double) -> Double {
        peaks.reduce(0) { $0 + $1.area_Ah * 0.5 * (1 + erf((voltage - $1.position_V) / ($1.sigma_V * 2.0.squareRoot()))) }
    }

    /// The voltage at which Q(V) = q, by bisection (Q is increasing).
    func voltage(at q: Double) -> Double {
        var low = 0.0, high = 1.0
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if capacity(at: middle) < q { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// A 1 mA charge from 0.2 to 0.55 V sampled at equal time steps, optionally with measurement noise
    /// and relaxation spikes.
    func delithiation(samples: Int = 40_000, noise_V: Double = 0, spikes: Bool = false, seed: UInt64 = 1) throws -> CyclingData {
        let q0 = capacity(at: 0.2), q1 = capacity(at: 0.55)
        var generator = SplitMix(seed: seed)
        var time: [Double] = [], volts: [Double] = []
        for k in 0...samples {
            let q = q0 + (q1 - q0) * Double(k) / Double(samples)
            time.append((q - q0) / 1e-3 * 3600)
            var v = voltage(at: q) + Double.random(in: -noise_V...noise_V, using: &generator)
            // Every 2,000 samples the voltage relaxes 20 mV back for 5 samples.
            if spikes, k % 2000 >= 1995 { v -= 0.020 }
            volts.append(v)
        }
        return try CyclingData(time_s: time, voltage_V: volts, current_A: time.map { _ in 1e-3 })
    }

    func curves(_ data: CyclingData, _ analysis: DifferentialAnalysis = DifferentialAnalysis(),
                kind: DifferentialCurve.Kind = .incrementalCapacity) throws -> [DifferentialCurve] {
        try analysis.curves(kind, of: data, convention: .choose(.anode, cell: Cell(id: "test"), data: data)).curves
    }

    @Test func aLinearVoltageCurveHasConstantIncrementalCapacity() throws {
        // 1 mAh over 0.4 V each way: dQ/dV = ±2.5 mAh/V everywhere, dV/dQ = ±400 V/Ah. Linear data is
        // interpolated, differenced and smoothed exactly, so only rounding remains (1e-9 relative).
        var record = GalvanostaticRecord()
        record.hold(-1e-3, for: 3600, samples: 2000, voltage: { 0.5 - 0.4 * $0 })
        record.hold(1e-3, for: 3600, samples: 2000, voltage: { 0.1 + 0.4 * $0 })
        let data = try record.data()
        for smoothing in [Smoothing.none, .gaussian(fwhm: 0.01), .savitzkyGolay(width: 0.02, order: 3)] {
            var analysis = DifferentialAnalysis()
            analysis.voltageSmoothing = smoothing
            let found = try curves(data, analysis)
            #expect(found.map(\.direction) == [.discharge, .charge])
            for curve in found {
                let expected = curve.direction.sign * 2.5e-3
                #expect(curve.derivative.allSatisfy { abs($0 - expected) < 1e-9 * 2.5e-3 }, "\(smoothing)")
                // The grid spans the half-cycle to within a grid step (1 mV) at the start and a level step
                // (2 mV) plus a grid step at the end.
                let ends = [curve.grid.x(0), curve.grid.x(curve.grid.values.count - 1)]
                let limits = curve.direction == .charge ? [0.1, 0.5] : [0.5, 0.1]
                let (start, end) = curve.direction == .charge ? (ends[0], ends[1]) : (ends[1], ends[0])
                #expect(abs(start - limits[0]) <= 1.5e-3 && abs(end - limits[1]) <= 3.5e-3)
            }
            let dvdq = try curves(data, analysis, kind: .differentialVoltage)
            for curve in dvdq {
                #expect(curve.derivative.allSatisfy { abs($0 - curve.direction.sign * 400) < 1e-6 })
            }
            // The terminal's row per curve in output units: |dQ/dV| 2.5 mAh/V, |dV/dQ| 0.4 V/mAh, the charge
            // grid from about 0.1 V to 0.5 V, its capacity grid from 0 to about 1 mAh.
            let charge = found[1].curveRow, charged = dvdq[1].curveRow
            #expect(found[1].kind.curveColumns.count == charge.count && charge[2] == .integer(found[1].grid.values.count))
            if case .number(let first?) = charge[3], case .number(let last?) = charge[4], case .number(let largest?) = charge[5] {
                #expect(abs(first - 0.1) <= 1.5e-3 && abs(last - 0.5) <= 3.5e-3 && abs(largest - 2.5) < 1e-6)
            } else { Issue.record("dQ/dV row \(charge)") }
            if case .number(let first?) = charged[3], case .number(let last?) = charged[4], case .number(let largest?) = charged[5] {
                #expect(abs(first) < 0.01 && abs(last - 1) < 0.01 && abs(largest - 0.4) < 1e-6)
            } else { Issue.record("dV/dQ row \(charged)") }
        }
    }

    /// With the default Gaussian smoothing (FWHM 10 mV, σ_s = 4.25 mV) a peak of σ comes out with
    /// σ' = √(σ² + σ_s²), height A/(σ'√(2π)) and FWHM 2√(2 ln 2)·σ', area unchanged. Tolerances: 0.5 mV in
    /// position (half the grid step), 2 % in height and width (the 2 mV level filter and the 1 mV grid add
    /// a little variance), 1 % in area.
    func checkPeaks(_ found: [Peak], positionTolerance: Double = 0.5e-3, widthTolerance: Double = 0.02) {
        #expect(found.count == 2)
        guard found.count == 2 else { return }
        let smoothingSigma = 0.010 / (2 * (2 * log(2.0)).squareRoot())
        for (peak, truth) in zip(found, peaks) {
            let sigma = (truth.sigma_V * truth.sigma_V + smoothingSigma * smoothingSigma).squareRoot()
            #expect(abs(peak.position - truth.position_V) < positionTolerance)
            #expect(abs(peak.height / (truth.area_Ah / (sigma * (2 * Double.pi).squareRoot())) - 1) < 0.02)
            #expect(abs(peak.width / (2 * (2 * log(2.0)).squareRoot() * sigma) - 1) < widthTolerance)
            #expect(abs(peak.area / truth.area_Ah - 1) < 0.01)
        }
    }

    @Test func gaussianPeaksComeBackAtTheirPositionsHeightsAndAreas() throws {
        let found = try curves(try delithiation())
        #expect(found.count == 1)
        checkPeaks(PeakFinder().peaks(found[0].derivativeGrid))
    }

    @Test func noiseAndRelaxationSpikesDoNotScrambleTheCurve() throws {
        // ±0.5 mV noise and 20 mV backward spikes: the level filter only moves forward and leaves samples
        // more than two steps behind out of its means, so the curve keeps one voltage per capacity and the
        // peaks stay where they were.
        let clean = try curves(try delithiation())[0]
        let noisy = try curves(try delithiation(noise_V: 0.0005, spikes: true))[0]
        // Level means scatter with the noise (uniform ±0.5 mV, σ 0.29 mV), so positions get 1 mV rather
        // than the half grid step, and widths 3 %: over 30 seeds the narrower peak's width came out
        // 0.6–2.1 % low (its half-height points fall between 1 mV grid points). Seeded, so a run is repeatable.
        checkPeaks(PeakFinder().peaks(noisy.derivativeGrid), positionTolerance: 1e-3, widthTolerance: 0.03)
        // Point by point, on the shared grid, within 5 % of the tallest peak.
        let offset = noisy.grid.first - clean.grid.first
        let tallest = clean.derivative.max()!
        var worst = 0.0
        for (k, value) in noisy.derivative.enumerated() where clean.derivative.indices.contains(k + offset) {
            worst = max(worst, abs(value - clean.derivative[k + offset]))
        }
        #expect(worst < 0.05 * tallest)
    }

    @Test func savitzkyGolayDifferentiatesACubicExactly() {
        // An order-3 fit reproduces a cubic, so its slope is exact, ends included (1e-9 absolute).
        let spacing = 0.001
        let y = (0..<200).map { k -> Double in let x = Double(k) * spacing; return x * x * x - 2 * x }
        let slope = Smoothing.savitzkyGolay(width: 0.021, order: 3).derivative(y, spacing: spacing)
        for (k, value) in slope.enumerated() {
            let x = Double(k) * spacing
            #expect(abs(value - (3 * x * x - 2)) < 1e-9)
        }
    }

    @Test func halfCyclesTooShortAreSkippedWithAReason() throws {
        var record = GalvanostaticRecord()
        record.hold(-1e-3, for: 600, samples: 50, voltage: { 0.5 - 0.003 * $0 })
        let data = try record.data()
        let result = try DifferentialAnalysis().curves(.incrementalCapacity, of: data,
                                                        convention: .choose(.anode, cell: Cell(id: "test"), data: data))
        #expect(result.curves.isEmpty)
        #expect(result.skipped.map(\.cycle) == [1])
    }

    @Test func aCycleTheRecordLacksIsAnError() throws {
        var record = GalvanostaticRecord()
        record.hold(-1e-3, for: 600, voltage: { 0.5 - 0.3 * $0 })
        let data = try record.data()
        #expect(throws: AnalysisError.self) {
            try DifferentialAnalysis().curves(.incrementalCapacity, of: data,
                                              convention: .choose(.anode, cell: Cell(id: "test"), data: data), cycles: [7])
        }
    }
}
