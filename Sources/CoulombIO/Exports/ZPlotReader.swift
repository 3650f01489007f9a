/// Reads ZPlot/ZView `.z` files: `ZPLOT2 ASCII`, a block of settings, the tab-separated column names
/// (`Freq(Hz) Ampl Bias Time(Sec) Z'(a) Z''(b) GD Err Range`) on the line before `End Comments`, and the
/// rows after it.
///
/// ZPlot writes Z''(b) = Z″ (negative on a capacitive arc), kept as is. The header's `Data Points:` is the
/// number planned, not written (impedance.py's own example claims 56 and holds 21), so it is not checked.
enum ZPlotReader {
    static func read(_ text: ExportText) throws -> ExportContent {
        var previous: ExportText.Line?
        var end: ExportText.Line?
        for line in text.lines() {
            if text.string(line) == "End Comments" { end = line; break }
            previous = line
        }
        guard let end, let header = previous else {
            throw CoulombIOError(file: text.file, problem: "no 'End Comments' line (where ZPlot's data starts)")
        }
        return try content(DelimitedTable(text: text, header: header, delimiter: 0x09, lastBeforeData: end))
    }

    /// The spectrum of a table with ZPlot's column names (`Freq(Hz)` or `Freq (Hz)`, `Z'(a)`, `Z''(b)`, and
    /// `Time(Sec)` when present); also the layout of the Z60W files Autolab's FRA writes.
    static func content(_ table: DelimitedTable) throws -> ExportContent {
        ImpedanceTable.content(try ImpedanceTable.spectrum(
            table, frequency: try table.requiredIndex(of: ["Freq(Hz)", "Freq (Hz)"], what: "frequency"),
            real: try table.requiredIndex(of: ["Z'(a)"], what: "Z'"), imaginary: try table.requiredIndex(of: ["Z''(b)"], what: "Z''"),
            negateImaginary: false, time: table.index(of: ["Time(Sec)"])))
    }
}
