import CoulombCore
import Foundation

/// How numbers appear in each output format.
public enum ValueFormatting {
    /// Full precision for scripts: Swift's shortest representation that reads back to the same Double.
    public static func exact(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// Four significant figures for people.
    public static func readable(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value == value.rounded(), abs(value) < 1e6 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }

    /// A duration in the unit a person would use: s, min, h or d.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "—" }
        switch seconds {
        case ..<120: return String(format: "%.4g s", seconds)
        case ..<7200: return String(format: "%.4g min", seconds / 60)
        case ..<172_800: return String(format: "%.4g h", seconds / 3600)
        default: return String(format: "%.4g d", seconds / 86400)
        }
    }

    /// JSON text with sorted keys, so the same input always prints the same bytes.
    public static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

