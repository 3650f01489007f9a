import ArgumentParser

@main
struct Coulomb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coulomb",
        abstract: "Analyse battery cycling and impedance data from HDF5 files and instrument exports.",
        discussion: """
            Reads battdat (battery-data-toolkit) HDF5 files and plain HDF5 files of 1-D datasets \
            (time_s, voltage_V, current_A; frequency_Hz, z_real_ohm, z_imag_ohm), and, recognised from their \
            content, BioLogic .mpt/.mpr, Arbin .res and CSV, Neware, Maccor and Battery Data Format CSV/text exports, Gamry \
            .DTA, ZPlot .z and impedance CSV files. Current > 0 charges the cell.
            """,
        version: "0.1.0",
        subcommands: [InfoCommand.self, ImportCommand.self, CyclesCommand.self, DqdvCommand.self, CcdCommand.self, ShortsCommand.self, FitCommand.self, KkCommand.self, DrtCommand.self, BatchCommand.self, MergeCommand.self,
                      PlotCommand.self, ReportCommand.self, ReadAccessDatabaseCommand.self]
    )

    static func main() {
        ReadAccessDatabaseCommand.isolateLibmdb()
        main(nil)
    }
}
