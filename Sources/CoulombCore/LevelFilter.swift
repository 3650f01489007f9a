/// Thins a half-cycle to the points where the voltage has moved on by at least a minimum step in the
/// half-cycle's direction (up while charging, down while discharging) since the last point kept.
///
/// This is the level filter of incremental-capacity analysis (Dubarry & Anseán, Front. Energy Res. 2022):
/// points closer than the step are noise in dQ/dV, not signal. Measuring each step from the last point
/// *kept*, and only forward, also makes the kept voltages strictly monotonic: a relaxation spike, an
/// overshoot or noise that moves the voltage backwards is skipped until the voltage passes the last kept
/// level again, while the capacity keeps counting — so Q(V) stays a function and the curve is never
/// folded back on itself. The curve ends at the last kept level, up to one step short of the half-cycle's
/// end: the capacity passed within that last step (a CC step creeping into its voltage limit) would be a
/// spike, not a feature. Moving only forward, the filter rides the
/// leading edge of the noise: the curve shifts by up to the noise amplitude in the direction of travel,
/// which on any usable channel is well under the step.
public struct LevelFilter: Sendable, Equatable {
    /// 2 mV: above the ~0.1–1 mV resolution and noise of cycler voltage channels, below the ~10–50 mV width
    /// of the features dQ/dV is read for.
    public var step_V: Double

    public init(step_V: Double = 0.002) {
        self.step_V = step_V
    }

    /// The kept voltages (strictly monotonic in the half-cycle's direction) and the capacities there.
    public func apply(_ half: HalfCycle) -> (voltage_V: [Double], capacity_Ah: [Double]) {
        guard let first = half.voltage_V.first else { return ([], []) }
        let sign = half.direction >= 0 ? 1.0 : -1.0
        var voltage = [first], capacity = [half.capacity_Ah[0]]
        var level = first
        for (v, q) in zip(half.voltage_V, half.capacity_Ah).dropFirst() where sign * (v - level) >= step_V {
            voltage.append(v)
            capacity.append(q)
            level = v
        }
        return (voltage, capacity)
    }
}
