import ArgumentParser
import CoulombCore
import CoulombIO

/// `--cell ID`: which cell of a file an analysis runs on.
struct CellSelection: ParsableArguments {
    @Option(name: .long, help: "The cell to analyse, when the file holds several.")
    var cell: String?

    /// The chosen cell of a file and its cycling record; warnings from reading are printed.
    func cycling(in path: String) throws -> (cell: Cell, data: CyclingData) {
        let file = try CellFileReader.read(path)
        file.warnings.forEach(Diagnostics.warning)
        let ids = file.cells.map(\.cell.id)
        let chosen: Cell
        if let cell {
            guard let found = file.cells.first(where: { $0.cell.id == cell }) else {
                throw CoulombIOError(file: path, problem: "no cell '\(cell)' (cells: \(ids.joined(separator: ", ")))")
            }
            chosen = found.cell
        } else {
            guard file.cells.count == 1 else {
                throw CoulombIOError(file: path, problem: "holds \(ids.count) cells (\(ids.joined(separator: ", "))); choose one with --cell")
            }
            chosen = file.cells[0].cell
        }
        guard let data = chosen.cycling else {
            throw CoulombIOError(file: path, problem: "cell '\(chosen.id)' has no cycling data")
        }
        return (chosen, data)
    }
}

/// `--mode`: the Coulombic-efficiency convention, or `auto`.
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case auto, anode, cathode, full, symmetric

    var convention: CycleConvention? { CycleConvention(rawValue: rawValue) }
}

/// An analysis failure on a cell, told with the file and the cell it concerns.
struct CellAnalysisError: Error, CustomStringConvertible {
    var file: String
    var cell: String
    var error: any Error

    var description: String { "\(file): cell '\(cell)': \(error)" }

    /// Runs `body`, naming the file and cell in any error it throws.
    static func naming<T>(_ file: String, _ cell: Cell, _ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw CellAnalysisError(file: file, cell: cell.id, error: error) }
    }
}
