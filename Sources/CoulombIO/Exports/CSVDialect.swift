/// How a CSV export separates its fields and names its units.
enum CSVDialect {
    /// The delimiter that stands for runs of spaces and tabs (``DelimitedTable/split(_:_:delimiter:into:)``).
    static let blanks: UInt8 = 0x20

    /// The separators a table may use when nothing says which, most specific first: tab, `;`, `,`, then
    /// runs of blanks (columns aligned with spaces).
    static let candidates: [UInt8] = [0x09, 0x3B, 0x2C, blanks]

    /// The separator of a header line: whichever of `,`, `;` and tab occurs most often in it.
    static func delimiter(of text: ExportText, line: ExportText.Line) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x3B, 0x09]
        let counts = candidates.map { candidate in text.bytes[line.range].lazy.filter { $0 == candidate }.count }
        return candidates[counts.firstIndex(of: counts.max()!)!]
    }

    /// A column name split into quantity and unit: `Current(A)`, `Current (mA)`, `Voltage [V]`,
    /// `Test Time / h` and `Freq/Hz` give (`Current`, `A`) …; a name without a unit gives (name, nil).
    static func quantityAndUnit(_ name: String) -> (quantity: String, unit: String?) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let slash = trimmed.range(of: " / ") {
            return (String(trimmed[..<slash.lowerBound]), String(trimmed[slash.upperBound...]))
        }
        for (open, close) in [("(", ")"), ("[", "]")] where trimmed.hasSuffix(close) {
            if let start = trimmed.lastIndex(of: Character(open)) {
                let quantity = trimmed[..<start].trimmingCharacters(in: .whitespaces)
                let unit = trimmed[trimmed.index(after: start)..<trimmed.index(before: trimmed.endIndex)]
                return (quantity, unit.trimmingCharacters(in: .whitespaces))
            }
        }
        // `Freq/Hz`, `Z'/ohm` (CH Instruments, EC-Lab): a unit is one word after the last slash.
        if let slash = trimmed.lastIndex(of: "/"), slash != trimmed.startIndex {
            let unit = trimmed[trimmed.index(after: slash)...]
            if !unit.isEmpty, !unit.contains(" ") { return (String(trimmed[..<slash]), String(unit)) }
        }
        return (trimmed, nil)
    }

    /// The factor turning `unit` into the model's unit of its dimension (s, V, A, Ah, °C), or `nil` when
    /// the unit is not one of that dimension. A missing unit means the model's own.
    static func scale(_ unit: String?, dimension: Dimension) -> Double? {
        guard let unit, !unit.isEmpty else { return 1 }
        return dimension.scales[unit]
    }

    enum Dimension {
        case time, voltage, current, charge, temperature

        var scales: [String: Double] {
            switch self {
            case .time: ["s": 1, "sec": 1, "Sec": 1, "Seconds": 1, "ms": 1e-3, "min": 60, "Minutes": 60, "h": 3600, "hr": 3600,
                          "Decimal Hours": 3600]
            case .voltage: ["V": 1, "mV": 1e-3]
            case .current: ["A": 1, "mA": 1e-3, "µA": 1e-6, "uA": 1e-6]
            case .charge: ["Ah": 1, "A h": 1, "A.h": 1, "A*h": 1, "A-hr": 1, "mAh": 1e-3, "mA.h": 1e-3, "mA h": 1e-3]
            case .temperature: ["C": 1, "°C": 1, "degC": 1]
            }
        }

        /// The unit of the model's column for this dimension.
        var modelUnit: String {
            switch self {
            case .time: "s"
            case .voltage: "V"
            case .current: "A"
            case .charge: "Ah"
            case .temperature: "C"
            }
        }
    }
}
