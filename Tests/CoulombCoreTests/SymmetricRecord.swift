import CoulombCore
import Foundation
import TestFixtures

/// A symmetric cell's plating/stripping record built by construction on 1 cm²: constant-current
/// half-cycles whose |V| is a given function, plus Gaussian noise from a seeded generator.
struct SymmetricRecord {
    var record = GalvanostaticRecord()
    var generator: SplitMix
    let sigma_V: Double

    init(sigma_V: Double = 1e-4, seed: UInt64 = 1) {
        generator = SplitMix(seed: seed)
        self.sigma_V = sigma_V
    }

    /// When the record ends (s).
    var end_s: Double { record.time_s.last ?? 0 }

    /// A half-cycle at `j` mA cm⁻² (1 cm²: j/1000 A) in direction `sign`, `samples` intervals over
    /// `duration_s`; `overpotential` maps the time since the test began and the fraction of the
    /// half-cycle done to |V|.
    mutating func half(_ j: Double, sign: Double, for duration_s: Double = 1800, samples: Int = 180,
                       overpotential: (_ time_s: Double, _ fraction: Double) -> Double) {
        let start = end_s, sigma = sigma_V
        var generator = self.generator
        record.hold(sign * j / 1000, for: duration_s, samples: samples, voltage: { fraction in
            sign * overpotential(start + fraction * duration_s, fraction) + sigma * generator.gaussian()
        })
        self.generator = generator
    }

    func data() throws -> CyclingData { try record.data() }

    /// A nucleation overpotential relaxing smoothly (a half cosine) by 40 % of its peak over the first
    /// quarter of a half-cycle, then the plateau: the factor on the plateau at `fraction`.
    static func relaxing(_ fraction: Double) -> Double {
        fraction >= 0.25 ? 1 : 1 + (1 / 0.6 - 1) * (1 + cos(Double.pi * fraction / 0.25)) / 2
    }

    /// A working interface: a nucleation peak 30 % above the plateau at each reversal, decaying over 2 %
    /// of the half-cycle.
    static func nucleation(_ fraction: Double) -> Double { 1 + 0.3 * exp(-fraction / 0.02) }
}
