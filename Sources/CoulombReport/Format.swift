import Foundation

/// Numbers and durations as the report prints them.
enum Format {
    /// Up to `digits` significant digits, without trailing zeros or exponent for everyday magnitudes.
    static func number(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return "" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            let decimals = max(0, digits - 1 - Int(log10(magnitude).rounded(.down)))
            var text = String(format: "%.\(decimals)f", value)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return text
        }
        return String(format: "%.\(digits - 1)e", value)
    }

    static func duration(_ seconds: Double) -> String {
        switch abs(seconds) {
        case ..<120: "\(number(seconds, digits: 3)) s"
        case ..<7200: "\(number(seconds / 60, digits: 3)) min"
        case ..<(3 * 86400): "\(number(seconds / 3600, digits: 3)) h"
        default: "\(number(seconds / 86400, digits: 3)) d"
        }
    }
}
