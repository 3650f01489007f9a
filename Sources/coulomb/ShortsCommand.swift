import ArgumentParser
import CoulombCore
import CoulombIO

/// `coulomb shorts FILE`: soft- and hard-short events over long constant-current cycling.
struct ShortsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shorts",
        abstract: "Soft- and hard-short onset over long plating/stripping of a symmetric cell.",
        discussion: """
            Each half-cycle is compared with the median of the last 10 healthy ones (so slow growth of the \
            overpotential is not a short) and with the cell's own early noise; its plateau ASR also with the \
            established one (the highest rolling median), so a short that develops slowly is caught as a \
            gradual soft short. Events: the first of each failure mode (sudden_hard, partial_resistive, \
            sudden_partial, transient_soft, gradual_soft).
            """
    )

    @OptionGroup var input: SymmetricInput
    @OptionGroup var shorts: ShortThresholdOptions

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func run() throws {
        try input.report(to: destination, format: format, count: { "\($0.cycleRows.count) cycles" }) { cell, data, area in
            ShortsReport(file: input.file, cell: cell, monitor: try ShortMonitor(data, area_cm2: area, criteria: shorts.criteria))
        }
    }
}

/// A short-circuit watch for people and scripts: events first, then one row per cycle.
struct ShortsReport: CommandOutput {
    var file: String
    var cell: Cell
    var monitor: ShortMonitor

    var cycleRows: [ShortMonitor.CycleRow] { monitor.cycleRows }

    func results() -> ResultTable {
        monitor.resultTable(file: file, cell: cell)
    }

    func text() -> String {
        var lines = ["\(file): cell \(cell.id)"]
        if monitor.events.isEmpty { lines.append("no short: the cell stayed healthy over \(cycleRows.count) cycles") }
        for event in monitor.events {
            lines.append("\(event.kind.rawValue) (\(event.mode.rawValue)): \(ValueFormatting.duration(event.time_s)) into the test, cycle \(event.cycle): \(event.reason)")
        }
        let table = results(), rows = cycleRows
        return lines.joined(separator: "\n") + "\n" + table.text(columns: table.columns) { column, row in
            column == "time_s" ? ValueFormatting.duration(rows[row].start_s) : nil
        }
    }
}
