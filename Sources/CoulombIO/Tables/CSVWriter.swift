import Foundation

/// CSV as RFC 4180 writes it: comma-separated, fields with commas, quotes or line breaks quoted.
public enum CSVWriter {
    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    static func escape(_ field: String) -> String {
        // Bytes, not Characters: grapheme breaking would dominate the time of writing a large table.
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
