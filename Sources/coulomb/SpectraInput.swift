import ArgumentParser
import CoulombCore
import CoulombIO
import Foundation

/// What `fit` and `kk` read: a file, its cell, and which of its spectra.
struct SpectraInput: ParsableArguments {
    @Argument(help: "A battdat or hdf5-columns file, or a potentiostat export, holding impedance spectra.")
    var file: String

    @OptionGroup var selection: CellSelection

    @Option(name: .long, help: "Spectra to use, by test id: all (default), or a list such as 0,3,5-9.")
    var spectra: SpectrumChoice = .all

    /// The cell, its chosen spectra in the file's order, and the chosen spectra that could not be read
    /// (each with its test id and the error naming the file, object and row).
    func load() throws -> (cell: Cell, spectra: [ImpedanceSpectrum], rejected: [(id: Int, problem: String)]) {
        let file = try selection.card.read(self.file, keepingInvalidSpectra: true)
        file.warnings.forEach(Diagnostics.warning)
        let loaded = try file.cell(named: selection.cell, holding: "impedance spectra") {
            !$0.cell.spectra.isEmpty || !$0.rejectedSpectra.isEmpty
        }
        let cell = loaded.cell
        let rejected = loaded.rejectedSpectra.map { (id: $0.testID, problem: String(describing: $0.error)) }
        guard !cell.spectra.isEmpty || !rejected.isEmpty else {
            throw CoulombIOError(file: self.file, problem: "cell '\(cell.id)' has no impedance spectra")
        }
        guard case .list(let ids) = spectra else { return (cell, cell.spectra, rejected) }
        let known = cell.spectra.enumerated().map { $1.testID ?? $0 } + rejected.map(\.id)
        let missing = ids.numbers.filter { !known.contains($0) }
        guard missing.isEmpty else {
            throw CoulombIOError(file: self.file, problem: "cell '\(cell.id)' has no spectrum with test id "
                                 + missing.map(String.init).joined(separator: ", ") + " (it has \(known.count): "
                                 + Self.describe(known.sorted()) + ")")
        }
        let wanted = Set(ids.numbers)
        return (cell, cell.spectra.enumerated().filter { wanted.contains($1.testID ?? $0) }.map(\.element),
                rejected.filter { wanted.contains($0.id) })
    }

    /// `0-41` for a run of ids, else the list.
    private static func describe(_ ids: [Int]) -> String {
        if let first = ids.first, ids == Array(first..<(first + ids.count)) { return "\(first)-\(first + ids.count - 1)" }
        return ids.map(String.init).joined(separator: ", ")
    }
}

/// `--spectra all` or a list of test ids.
enum SpectrumChoice: ExpressibleByArgument {
    case all
    case list(NumberList)

    init?(argument: String) {
        if argument == "all" { self = .all } else if let list = NumberList(argument: argument) { self = .list(list) } else {
            return nil
        }
    }
}
