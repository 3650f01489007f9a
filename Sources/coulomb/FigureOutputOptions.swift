import ArgumentParser
import CoulombIO
import Foundation

/// `-o FIG.svg [--force]`: where a figure goes.
struct FigureOutputOptions: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: "The SVG file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        guard URL(fileURLWithPath: output).pathExtension.lowercased() == "svg" else {
            throw ValidationError("a figure is written as SVG: name the output '….svg', not '\(output)'")
        }
    }

    /// Writes the figure atomically (never over an input) and says so.
    func write(_ svg: String, inputs: [String]) throws {
        try AtomicOutput.write(svg, to: output, force: force, inputs: inputs)
        print("wrote \(output)")
    }
}
