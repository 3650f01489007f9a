import ArgumentParser

/// `coulomb plot KIND FILE -o FIG.svg`: a figure of one analysis, as a self-contained SVG file.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a figure (self-contained SVG) of a file's data and its analysis.",
        discussion: """
            Each kind runs the same analysis as its command (cycles, dqdv, ccd, shorts, fit) and draws it: \
            axes with units, engineering-notation ticks, a colour-blind-safe palette, a legend off the data, \
            and lines thinned to what can be seen, so records of millions of rows make small files.
            """,
        subcommands: [VoltageTimePlotCommand.self, VoltageCapacityPlotCommand.self, CapacityPlotCommand.self,
                      DqdvPlotCommand.self, CcdPlotCommand.self, ShortsPlotCommand.self, NyquistPlotCommand.self,
                      BodePlotCommand.self, ArrheniusPlotCommand.self, DrtPlotCommand.self]
    )
}
