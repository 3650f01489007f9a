import Foundation

/// Reads the Z60W text files Autolab's FRA software exports (impedance.py's `autolab` instrument): a quoted
/// `"Z60W Data File: Version 1.1"`, quoted settings, a line of numbers and the point count, then the column
/// names as one quoted, space-aligned line (`"  Freq (Hz)    Ampl     Bias   Time(Sec)   Z'(a)    Z''(b) …"`)
/// and comma-separated rows.
///
/// The columns are ZPlot's: Z''(b) = Z″ (negative on a capacitive arc), kept as is.
enum AutolabTextReader {
    static func recognises(firstLine: String) -> Bool {
        firstLine.hasPrefix("\"Z60W Data File") || firstLine.hasPrefix("Z60W Data File")
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        guard let header = text.firstLines(40).first(where: { unquoted(text.string($0)).hasPrefix("Freq") }) else {
            throw CoulombIOError(file: text.file, problem: """
                no column names line ("Freq (Hz) … Z'(a) Z''(b)") in the first 40 lines of this Z60W file
                """)
        }
        // Names are separated by two or more spaces; `Freq (Hz)` holds one.
        let columns = unquoted(text.string(header))
            .split(separator: "  ", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return try ZPlotReader.content(DelimitedTable(text: text, columns: columns, header: header, delimiter: 0x2C))
    }

    private static func unquoted(_ line: String) -> String {
        line.trimmingCharacters(in: .init(charactersIn: "\" "))
    }
}
