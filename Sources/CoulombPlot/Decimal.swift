/// Fixed-point text for numbers, without Foundation's formatters (the same text on every platform).
enum Decimal {
    /// `value` rounded to `decimals` fraction digits: "12.5", "-0.25", "3" with `trimmingZeros`, else
    /// "3.00". Negative zero prints as "0". `minus` is the sign to use ("-" for SVG, "−" for labels).
    static func fixed(_ value: Double, decimals: Int, trimmingZeros: Bool, minus: String) -> String {
        let decimals = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return (value < 0 ? minus : "") + String(abs(value)) }
        let digits = String(UInt64(scaled))
        var whole: Substring, fraction: Substring
        if decimals == 0 {
            (whole, fraction) = (Substring(digits), "")
        } else {
            let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
            whole = padded.dropLast(decimals)
            fraction = padded.suffix(decimals)
        }
        if trimmingZeros {
            while fraction.last == "0" { fraction = fraction.dropLast() }
        }
        let text = fraction.isEmpty ? String(whole) : whole + "." + fraction
        return scaled == 0 || value >= 0 ? text : minus + text
    }
}
