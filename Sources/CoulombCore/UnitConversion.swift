/// The conversions between the units people type and the units the core computes in, in one place, so a
/// front end states a quantity in its user's unit and does no arithmetic on it.
public enum UnitConversion {
    /// mAh → Ah (the core's charge unit).
    public static func ampereHours(milliampereHours value: Double) -> Double { value / 1000 }
}
