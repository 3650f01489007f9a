import CoulombCore
import CoulombIO

/// dQ/dV or dV/dQ curves (or their peaks) with the settings behind them, rendered for people and scripts.
struct DifferentialReport: CommandOutput {
    var file: String
    var cell: Cell
    var convention: CycleConvention.Choice
    var result: DifferentialAnalysis.Result
    var settings: [(key: String, value: JSONValue)]
    /// Set when peaks, not curves, are asked for.
    var peaks: PeakFinder?

    var kind: DifferentialCurve.Kind { result.curves.first?.kind ?? .incrementalCapacity }

    /// How cycles were paired: the convention's reason, or, without a convention, that the first direction
    /// recorded opens each cycle.
    var modeReason: String {
        convention.withheldReason.map { "the cell type is not known (\($0)); each cycle opens with the direction recorded first" }
            ?? convention.reason
    }

    func results() -> ResultTable {
        var summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)),
            ("mode", convention.modeName.map(JSONValue.string) ?? .null), ("mode_reason", .string(modeReason)),
        ]
        summary += settings
        if let peaks {
            summary.append(("minimum_prominence_fraction", .number(peaks.minimumProminence)))
            return ResultTable(summary: summary, columns: kind.peakColumns, rows: result.curves.flatMap { $0.peakRows(peaks) },
                               rowsKey: "peaks", labels: kind.peakLabels)
        }
        return ResultTable(summary: summary, columns: kind.pointColumns, rows: result.curves.flatMap(\.pointRows), rowsKey: "points")
    }

    /// For a terminal: the peaks as a table, or for curves one summary row per half-cycle.
    func text() -> String {
        var header = "\(file): cell \(cell.id)\nmode: \(convention.modeName ?? "–") (\(modeReason)); "
        header += settings.map { "\($0.key) \(ValueFormatting.json($0.value).filter { $0 != "\n" })" }.joined(separator: ", ") + "\n"
        if peaks != nil { return header + results().text() }
        let curves = ResultTable(summary: [], columns: kind.curveColumns, rows: result.curves.map(\.curveRow),
                                 rowsKey: "curves", labels: kind.curveLabels)
        return header + curves.text() + "the curves themselves: --format csv or json, or -o FILE.csv\n"
    }
}
