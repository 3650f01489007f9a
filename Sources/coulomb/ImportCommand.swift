import ArgumentParser
import CoulombCore
import CoulombIO

/// `coulomb import FILE… -o OUT.h5`: every cell of the inputs, written as one battdat file.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write the cells of one or more files into a battdat HDF5 file.",
        discussion: "Inputs are never modified. The output is written to a temporary file and renamed into place."
    )

    @Argument(help: "Files to read.")
    var files: [String]

    @Option(name: [.short, .customLong("output")], help: "The battdat HDF5 file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func run() throws {
        var cells: [Cell] = []
        for path in files {
            do {
                let file = try CellFileReader.read(path)
                file.warnings.forEach(Diagnostics.warning)
                cells += file.cells.map(\.cell)
            } catch {
                Diagnostics.error(error)
                throw ExitCode(1)
            }
        }
        cells = Self.uniquelyNamed(cells)
        do {
            try AtomicOutput.write(to: output, force: force, inputs: files) { temporary in
                try BattdatWriter.write(cells, to: temporary)
            }
        } catch {
            Diagnostics.error(error)
            throw ExitCode(1)
        }
        print("wrote \(output): \(cells.count) cell\(cells.count == 1 ? "" : "s")")
    }

    /// Cells from different files may share an id; later ones get `-2`, `-3`… so no group is overwritten.
    static func uniquelyNamed(_ cells: [Cell]) -> [Cell] {
        var seen: [String: Int] = [:]
        return cells.map { cell in
            var cell = cell
            let count = seen[cell.id, default: 0] + 1
            seen[cell.id] = count
            if count > 1 { cell.id += "-\(count)" }
            return cell
        }
    }
}
