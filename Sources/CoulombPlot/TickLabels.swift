import RealModule

/// Tick labels in engineering notation: a number and an SI prefix whose exponent is a multiple of three.
///
/// - Linear axes share one prefix, that of the largest tick, so the labels line up and compare at a
///   glance: 0, 5k, 10k, 15k (s); 0, 200µ, 400µ (A). Axes whose largest tick lies in [0.01, 10 000) keep
///   plain numbers (0.25 V reads better than 250m V). Every label has the decimals the tick step needs
///   and no more: 0.05, 0.10, 0.15 — except zero, which is 0.
/// - Logarithmic axes prefix each tick on its own: 100m, 1, 10, 100, 1k, 10k (Hz).
/// - Prefixes: p n µ m k M G T (µ is U+00B5); beyond them, e notation (1e15). Negatives use the minus sign
///   U+2212, as typeset text does.
enum TickLabels {
    static let prefixes: [Int: String] = [-12: "p", -9: "n", -6: "µ", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T"]

    /// Labels for evenly spaced ticks `step` apart.
    static func linear(_ ticks: [Double], step: Double) -> [String] {
        let largest = ticks.map(abs).max() ?? 0
        let exponent = largest == 0 || (largest >= 1e-2 && largest < 1e4) ? 0 : engineeringExponent(largest)
        guard let prefix = prefixes[exponent] else { return ticks.map { scientific($0, step: step) } }
        let unit = power10(exponent)
        let decimals = max(0, Int((-Double.log10(step / unit) - 1e-9).rounded(.up)))
        return ticks.map { tick in
            abs(tick) < step * 1e-6 ? "0" : Decimal.fixed(tick / unit, decimals: decimals, trimmingZeros: false, minus: "−") + prefix
        }
    }

    /// One label with its own prefix and up to `significant` digits (trailing zeros dropped).
    static func engineering(_ value: Double, significant: Int = 3) -> String {
        guard value != 0, value.isFinite else { return value.isFinite ? "0" : String(value) }
        let exponent = engineeringExponent(abs(value))
        guard let prefix = prefixes[exponent] else { return scientific(value, step: abs(value) / 100) }
        let scaled = value / power10(exponent)
        let digitsBeforePoint = Int(Double.log10(abs(scaled)).rounded(.down)) + 1
        return Decimal.fixed(scaled, decimals: max(0, significant - digitsBeforePoint), trimmingZeros: true, minus: "−") + prefix
    }

    /// A plain decimal with up to `significant` digits, trailing zeros dropped: 0.05, 0.3, 106, 1.25 —
    /// for quantities whose unit already carries a prefix (mA cm⁻²), where "300m" would read badly.
    static func plain(_ value: Double, significant: Int = 3) -> String {
        guard value != 0, value.isFinite else { return value.isFinite ? "0" : String(value) }
        let digitsBeforePoint = Int((Double.log10(abs(value)) + 1e-9).rounded(.down)) + 1
        return Decimal.fixed(value, decimals: max(0, significant - digitsBeforePoint), trimmingZeros: true, minus: "−")
    }

    /// The multiple of three at or below log₁₀ of a positive value, robust to 999.9999… from rounding.
    static func engineeringExponent(_ magnitude: Double) -> Int {
        let decade = Int((Double.log10(magnitude) + 1e-9).rounded(.down))
        return 3 * Int((Double(decade) / 3).rounded(.down))
    }

    static func power10(_ exponent: Int) -> Double { Double.pow(10, Double(exponent)) }

    /// `1.5e15`, for values beyond the prefixes.
    private static func scientific(_ value: Double, step: Double) -> String {
        let exponent = Int((Double.log10(abs(value == 0 ? step : value)) + 1e-9).rounded(.down))
        let mantissa = value / power10(exponent)
        let decimals = max(0, Int((-Double.log10(step / power10(exponent)) - 1e-9).rounded(.up)))
        return Decimal.fixed(mantissa, decimals: min(decimals, 3), trimmingZeros: true, minus: "−") + "e" + String(exponent)
    }
}
