/// What one segment of a cycling record (a step, a half-cycle, a cycle) adds up to.
///
/// Capacities and energies are split by the sign of the current: positive current charges the cell.
public struct SegmentStatistics: Sendable, Equatable {
    /// ∫ max(I, 0) dt.
    public var chargeCapacity_Ah: Double
    /// ∫ max(−I, 0) dt.
    public var dischargeCapacity_Ah: Double
    /// ∫ max(I, 0)·V dt.
    public var chargeEnergy_Wh: Double
    /// ∫ max(−I, 0)·V dt (positive for a discharge at positive voltage).
    public var dischargeEnergy_Wh: Double
    public var minimumVoltage_V: Double
    public var maximumVoltage_V: Double
    /// Time from the first to the last sample of the segment.
    public var duration_s: Double

    public init(chargeCapacity_Ah: Double, dischargeCapacity_Ah: Double, chargeEnergy_Wh: Double,
                dischargeEnergy_Wh: Double, minimumVoltage_V: Double, maximumVoltage_V: Double, duration_s: Double) {
        self.chargeCapacity_Ah = chargeCapacity_Ah
        self.dischargeCapacity_Ah = dischargeCapacity_Ah
        self.chargeEnergy_Wh = chargeEnergy_Wh
        self.dischargeEnergy_Wh = dischargeEnergy_Wh
        self.minimumVoltage_V = minimumVoltage_V
        self.maximumVoltage_V = maximumVoltage_V
        self.duration_s = duration_s
    }

    /// The energy-weighted mean voltage while charging, E/Q; `nil` without charge.
    public var meanChargeVoltage_V: Double? {
        chargeCapacity_Ah > 0 ? chargeEnergy_Wh / chargeCapacity_Ah : nil
    }

    /// The energy-weighted mean voltage while discharging, E/Q; `nil` without discharge.
    public var meanDischargeVoltage_V: Double? {
        dischargeCapacity_Ah > 0 ? dischargeEnergy_Wh / dischargeCapacity_Ah : nil
    }
}
