import CoulombCore

/// A synthetic cycling record built from constant-current holds that switch instantly: each hold starts
/// with a sample at the same time stamp as the previous hold's last one, so the trapezoid integral of
/// each hold is exactly I·t.
struct GalvanostaticRecord {
    var time_s: [Double] = []
    var current_A: [Double] = []
    var voltage_V: [Double] = []
    var cycleIndex: [Int] = []
    var chargeCounter_Ah: [Double] = []
    var dischargeCounter_Ah: [Double] = []

    /// `samples + 1` rows over `duration_s` at `current_A`; `voltage` maps the fraction of the hold done
    /// (0…1) to volts.
    mutating func hold(_ current_A: Double, for duration_s: Double, samples: Int = 10, cycle: Int = 0,
                       voltage: (Double) -> Double = { _ in 3.7 }) {
        let start = time_s.last ?? 0
        let charge0 = cycleIndex.last == cycle ? chargeCounter_Ah.last ?? 0 : 0
        let discharge0 = cycleIndex.last == cycle ? dischargeCounter_Ah.last ?? 0 : 0
        for k in 0...samples {
            let fraction = Double(k) / Double(samples)
            time_s.append(start + fraction * duration_s)
            self.current_A.append(current_A)
            voltage_V.append(voltage(fraction))
            cycleIndex.append(cycle)
            // Counters that reset at each cycle, as battdat's cycle_capacity_* columns do.
            let passed = abs(current_A) * fraction * duration_s / 3600
            chargeCounter_Ah.append(charge0 + (current_A > 0 ? passed : 0))
            dischargeCounter_Ah.append(discharge0 + (current_A < 0 ? passed : 0))
        }
    }

    func data(withCycleIndex: Bool = false, withCounters: Bool = false) throws -> CyclingData {
        try CyclingData(time_s: time_s, voltage_V: voltage_V, current_A: current_A,
                        cycleIndex: withCycleIndex ? cycleIndex : nil,
                        chargeCapacity_Ah: withCounters ? chargeCounter_Ah : nil,
                        dischargeCapacity_Ah: withCounters ? dischargeCounter_Ah : nil)
    }
}
