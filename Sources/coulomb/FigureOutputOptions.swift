import ArgumentParser
import CoulombIO
import Foundation

/// The SVG file a figure is written to.
enum SVGFigure: OutputFiles {
    static let help = "The SVG file to write."

    static func check(_ path: String) throws {
        guard URL(fileURLWithPath: path).pathExtension.lowercased() == "svg" else {
            throw ValidationError("a figure is written as SVG: name the output '….svg', not '\(path)'")
        }
    }
}

/// `-o FIG.svg [--force]`: where a figure goes.
typealias FigureOutputOptions = RequiredOutput<SVGFigure>

extension RequiredOutput where Files == SVGFigure {
    /// Writes the figure atomically (never over an input) and says so.
    func write(_ svg: String, inputs: [String]) throws {
        try AtomicOutput.write(svg, to: output, force: force, inputs: inputs)
        print("wrote \(output)")
    }
}
