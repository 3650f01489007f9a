import CoulombCore
import CoulombIO

/// dQ/dV or dV/dQ curves (or their peaks) with the settings behind them, rendered for people and scripts.
struct DifferentialReport: Report {
    var file: String
    var cell: Cell
    var efficiency: CoulombicEfficiency
    var result: DifferentialAnalysis.Result
    var settings: [(key: String, value: JSONValue)]
    /// Set when peaks, not curves, are asked for.
    var peaks: PeakFinder?

    static func name(_ direction: Int) -> String { direction > 0 ? "charge" : "discharge" }

    var isDvdq: Bool { result.curves.first?.kind == .differentialVoltage }

    /// How cycles were paired: the convention's reason, or, without a convention, that the first direction
    /// recorded opens each cycle.
    var modeReason: String {
        efficiency.withheldReason.map { "the cell type is not known (\($0)); each cycle opens with the direction recorded first" }
            ?? efficiency.reason
    }

    func results() -> ResultTable {
        var summary: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("cell", .string(cell.id)),
            ("mode", efficiency.modeName.map(JSONValue.string) ?? .null), ("mode_reason", .string(modeReason)),
        ]
        summary += settings
        if let peaks {
            summary.append(("minimum_prominence_fraction", .number(peaks.minimumProminence)))
            var table = ResultTable(summary: summary, columns: peakColumns, rowsKey: "peaks")
            for curve in result.curves {
                for peak in peaks.peaks(curve.derivativeGrid) {
                    table.rows.append([.integer(curve.cycle), .text(Self.name(curve.direction))] + peakValues(peak))
                }
            }
            return table
        }
        let columns = isDvdq ? ["cycle", "direction", "capacity_mAh", "voltage_V", "dvdq_V_mAh"]
            : ["cycle", "direction", "voltage_V", "capacity_mAh", "dqdv_mAh_V"]
        var table = ResultTable(summary: summary, columns: columns, rowsKey: "points")
        for curve in result.curves {
            let direction = ResultTable.Value.text(Self.name(curve.direction))
            for (k, value) in curve.grid.values.enumerated() {
                let x = curve.grid.x(k), slope = curve.derivative[k]
                table.rows.append(isDvdq
                    ? [.integer(curve.cycle), direction, .number(x * 1000), .number(value), .number(slope / 1000)]
                    : [.integer(curve.cycle), direction, .number(x), .number(value * 1000), .number(slope * 1000)])
            }
        }
        return table
    }

    private var peakColumns: [String] {
        isDvdq ? ["cycle", "direction", "capacity_mAh", "height_V_mAh", "prominence_V_mAh", "area_V", "width_mAh"]
            : ["cycle", "direction", "voltage_V", "height_mAh_V", "prominence_mAh_V", "area_mAh", "fwhm_V"]
    }

    /// A peak in output units: for dQ/dV, volts and mAh; for dV/dQ, mAh and volts.
    private func peakValues(_ peak: Peak) -> [ResultTable.Value] {
        isDvdq
            ? [.number(peak.position * 1000), .number(peak.height / 1000), .number(peak.prominence / 1000),
               .number(peak.area), .number(peak.width * 1000)]
            : [.number(peak.position), .number(peak.height * 1000), .number(peak.prominence * 1000),
               .number(peak.area * 1000), .number(peak.width)]
    }

    /// For a terminal: the peaks as a table, or for curves one summary line per half-cycle.
    func text() -> String {
        let readable = ValueFormatting.readable
        var header = "\(file): cell \(cell.id)\nmode: \(efficiency.modeName ?? "–") (\(modeReason)); "
        header += settings.map { "\($0.key) \(ValueFormatting.json($0.value).filter { $0 != "\n" })" }.joined(separator: ", ") + "\n"
        if let peaks {
            var table = TextTable(headers: isDvdq
                ? ["cycle", "direction", "capacity (mAh)", "height (V/mAh)", "prominence (V/mAh)", "area (V)", "width (mAh)"]
                : ["cycle", "direction", "voltage (V)", "height (mAh/V)", "prominence (mAh/V)", "area (mAh)", "FWHM (V)"])
            table.leftAligned = [1]
            for curve in result.curves {
                for peak in peaks.peaks(curve.derivativeGrid) {
                    let values = peakValues(peak).map { value -> String in
                        if case .number(let number) = value { return readable(number) }
                        return value.csv
                    }
                    table.rows.append([String(curve.cycle), Self.name(curve.direction)] + values)
                }
            }
            return header + table.render()
        }
        var table = TextTable(headers: isDvdq
            ? ["cycle", "direction", "points", "capacity (mAh)", "largest |dV/dQ| (V/mAh)"]
            : ["cycle", "direction", "points", "voltage range (V)", "largest |dQ/dV| (mAh/V)"])
        table.leftAligned = [1]
        for curve in result.curves {
            let n = curve.grid.values.count
            let scale = isDvdq ? 1000.0 : 1.0
            let range = "\(readable(curve.grid.x(0) * scale))–\(readable(curve.grid.x(n - 1) * scale))"
            let largest = curve.derivative.map(abs).max() ?? 0
            table.rows.append([String(curve.cycle), Self.name(curve.direction), String(n), range,
                               readable(isDvdq ? largest / 1000 : largest * 1000)])
        }
        return header + table.render() + "the curves themselves: --format csv or json, or -o FILE.csv\n"
    }
}
