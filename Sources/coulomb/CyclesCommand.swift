import ArgumentParser
import CoulombCore
import CoulombIO

/// `coulomb cycles FILE`: capacities, energies and Coulombic efficiency per cycle.
struct CyclesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cycles",
        abstract: "Per-cycle capacities, energies, Coulombic efficiency, retention and irreversible capacity.",
        discussion: """
            CE = capacity out / capacity in of the same cycle: charge/discharge for an anode half cell \
            (lithiation first), discharge/charge for a cathode half cell or a full cell. --mode auto takes the \
            cell type from the file's metadata, else the direction of the first current. Capacities are \
            integrated from the current (rests excluded) unless --capacity-source counters; when the file has \
            counters, the difference between the two is reported. Incomplete cycles have no CE.
            """
    )

    @Argument(help: "A battdat or hdf5-columns file, or a cycler export.")
    var file: String

    @OptionGroup var selection: CellSelection

    @OptionGroup var convention: ConventionOptions
    @OptionGroup var capacities: CapacitySourceOptions

    @OptionGroup var format: OutputFormatOptions
    @OptionGroup var destination: OutputFileOptions

    func run() throws {
        try Diagnostics.reporting {
            let (cell, data) = try selection.cycling(in: file)
            let report = try CellAnalysisError.naming(file, cell) {
                try AnalysisError.requirePositive(cell.activeMass_g, "the active mass (g)")
                try AnalysisError.requirePositive(cell.area_cm2, "the area (cm²)")
                let table = try CycleTable(data, convention: convention.choose(cell, data), capacitySource: capacities.capacitySource.source)
                return CycleReport(file: file, cell: cell, table: table, activeMass_g: cell.activeMass_g, area_cm2: cell.area_cm2)
            }
            for warning in report.table.warnings { Diagnostics.warning("\(file): cell '\(cell.id)': \(warning)") }
            try destination.deliver(report, format: format, inputs: [file], count: "\(report.table.rows.count) cycles") { temporary in
                try BattdatWriter.writeCycleStats(report.table, of: cell, to: temporary)
            }
        }
    }
}

enum CapacitySourceOption: String, ExpressibleByArgument, CaseIterable {
    case integrated, counters

    var source: CapacitySource { CapacitySource(rawValue: rawValue)! }
}
