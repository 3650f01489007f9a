import ArgumentParser
import CoulombCore
import CoulombIO

/// `coulomb import FILE… -o OUT.h5`: every cell of the inputs, written as one battdat file.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write the cells of one or more files into a battdat HDF5 file.",
        discussion: """
            Inputs are never modified. Each cell records its source files (name, SHA-256, format) under \
            coulomb.sources in its metadata. With --cell, the inputs are one cell measured by several \
            instruments (a cycler export and its impedance spectra) and are written as that one cell. The \
            output is written to a temporary file and renamed into place.
            """
    )

    @Argument(help: "Files to read.")
    var files: [String]

    @Option(help: ArgumentHelp("The input format; auto detects it from the content.", valueName: "auto|format"))
    var from: InputFormat = .auto

    @Option(name: .customLong("cell"), help: "Merge every input into one cell with this name.")
    var mergedCell: String?

    @OptionGroup var destination: RequiredOutput<BattdatFile>

    func run() throws {
        var cells: [Cell] = []
        do {
            for path in files {
                let file = try CellFileReader.read(path, format: from.layout)
                file.warnings.forEach(Diagnostics.warning)
                let digest = try CellFileReader.sha256(of: path)
                cells += file.cells.map { loaded in
                    var cell = loaded.cell
                    cell.recordSource(file: path, sha256: digest, format: file.layout.rawValue)
                    return cell
                }
            }
            cells = try mergedCell.map { [try Cell.merging(cells, id: $0)] } ?? Self.uniquelyNamed(cells)
            try AtomicOutput.write(to: destination.output, force: destination.force, inputs: files) { temporary in
                try BattdatWriter.write(cells, to: temporary)
            }
        } catch {
            Diagnostics.error(error)
            throw ExitCode(1)
        }
        print("wrote \(destination.output): \(cells.count) cell\(cells.count == 1 ? "" : "s")")
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

/// The battdat HDF5 file `coulomb import` writes.
enum BattdatFile: OutputFiles {
    static let help = "The battdat HDF5 file to write."
}
