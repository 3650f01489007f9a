/// Thins a half-cycle to the points where the voltage has moved on by at least a minimum step in the
/// half-cycle's direction (up while charging, down while discharging) since the last point kept, with the
/// capacity passed up to each of them.
///
/// This is the level filter of incremental-capacity analysis (Dubarry & Anseán, Front. Energy Res. 2022):
/// points closer than the step are noise in dQ/dV, not signal. Measuring each step from the last point
/// *kept*, and only forward, also makes the kept voltages strictly monotonic: a relaxation spike, an
/// overshoot or noise that moves the voltage backwards is skipped until the voltage passes the last kept
/// level again, while the capacity keeps counting — so Q(V) stays a function and the curve is never
/// folded back on itself. The curve ends at the last kept level, up to one step short of the half-cycle's
/// end: the capacity passed within that last step (a CC step creeping into its voltage limit) would be a
/// spike, not a feature. Moving only forward, the filter rides the leading edge of the noise: the curve
/// shifts by up to the noise amplitude in the direction of travel, which on any usable channel is well
/// under the step.
///
/// The capacity is the running trapezoid integral of the current flowing in the half-cycle's direction,
/// each step including the interval that leads into its first row, as in ``SegmentedReduction``; it is
/// accumulated in the same pass, so the half-cycle's rows are read once.
public struct LevelFilter: Sendable, Equatable {
    /// 2 mV: above the ~0.1–1 mV resolution and noise of cycler voltage channels, below the ~10–50 mV width
    /// of the features dQ/dV is read for.
    public var step_V: Double

    public init(step_V: Double = 0.002) {
        self.step_V = step_V
    }

    /// The kept voltages (strictly monotonic in the half-cycle's direction) and the capacities there (Ah,
    /// counted from the start of the half-cycle's first step).
    public func apply(_ half: HalfCycle, in data: CyclingData) -> (voltage_V: [Double], capacity_Ah: [Double]) {
        let v = data.voltage_V
        let sign = half.direction >= 0 ? 1.0 : -1.0
        var voltage: [Double] = [], capacity: [Double] = []
        var level = 0.0
        half.forEachSample(in: data) { row, q in
            if voltage.isEmpty || sign * (v[row] - level) >= step_V {
                level = v[row]
                voltage.append(level)
                capacity.append(q)
            }
        }
        return (voltage, capacity)
    }
}
