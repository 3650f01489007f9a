import ArgumentParser
import CoulombCore
import CoulombIO

/// The cell card on the command line: a card file, and the facts most often missing from a cycler file.
///
/// Facts are taken from the data file, then its sidecar card (`NAME.cell.json`), then `--cell-card`,
/// then these options; every output says which fact came from where.
struct CellCardOptions: ParsableArguments {
    @Option(name: .customLong("cell-card"), help: "A cell card (JSON: cell_type, counter_electrode, area_cm2, se_thickness_cm, active_mass_g or loading_mg_cm2, stack_pressure_MPa, temperature_C); a sidecar NAME.cell.json next to the file is read without it.")
    var cellCard: String?

    @Option(name: .customLong("cell-type"), help: "anode_half, cathode_half, full (anode-free too) or symmetric.")
    var cellType: CellTypeOption?

    @Option(name: .customLong("counter-electrode"), help: "Li, In-Li (0.62 V vs Li) or none (a full cell).")
    var counterElectrode: String?

    @Option(name: .customLong("area-cm2"), help: "Electrode area in cm², for current densities, areal capacities and ASR (default: from the card or the file).")
    var area_cm2: Double?

    @Option(name: .customLong("mass-g"), help: "Active mass in grams, for mAh/g (default: from the card or the file).")
    var mass_g: Double?

    func validate() throws {
        for (option, value) in [("--area-cm2", area_cm2), ("--mass-g", mass_g)] {
            if let value, !(value.isFinite && value > 0) { throw ValidationError("\(option) must be a positive number, not \(value)") }
        }
    }

    /// The cards these options make, in the order they apply.
    func cards() throws -> [CellCard] {
        var cards: [CellCard] = []
        if let cellCard { cards.append(try CellCardFile.read(cellCard)) }
        if let cellType {
            var card = CellCard(source: "option --cell-type")
            card.cellType = cellType.type
            cards.append(card)
        }
        if let counterElectrode {
            guard let electrode = CounterElectrode(name: counterElectrode) else {
                throw ValidationError("--counter-electrode \(counterElectrode): expected Li, In-Li or none (another reference goes in a cell card with its potential)")
            }
            var card = CellCard(source: "option --counter-electrode")
            card.counterElectrode = electrode
            cards.append(card)
        }
        if let area_cm2 {
            var card = CellCard(source: "option --area-cm2")
            card.area_cm2 = area_cm2
            cards.append(card)
        }
        if let mass_g {
            var card = CellCard(source: "option --mass-g")
            card.activeMass_g = mass_g
            cards.append(card)
        }
        return cards
    }

    /// Reads `path` (with its sidecar card) and applies these options' cards to its cells.
    func read(_ path: String, keepingInvalidSpectra: Bool = false) throws -> CellFile {
        var file = try CellFileReader.read(path, keepingInvalidSpectra: keepingInvalidSpectra)
        for card in try cards() { file = file.applying(card, from: cellCard ?? card.source) }
        return file
    }
}

/// `--cell-type`: the spellings a card uses.
enum CellTypeOption: String, ExpressibleByArgument, CaseIterable {
    case anode_half, cathode_half, full, anode_free, symmetric

    var type: CellType { CellType(loosely: rawValue)! }
}
