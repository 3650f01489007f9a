/// The electrode a half cell's working electrode is measured against, which sets where its voltages lie.
///
/// Voltages of a half cell are read against the counter electrode: against Li metal directly, against an
/// In–Li alloy shifted down by the alloy's potential (≈ 0.62 V vs Li/Li⁺ on its two-phase plateau), so a
/// Si electrode that runs 0.005–1.5 V vs Li runs about −0.6…0.9 V against In–Li. A full cell has none.
public enum CounterElectrode: Sendable, Equatable {
    case lithium
    /// An In–Li alloy at `potentialVsLithium_V` (0.62 V unless the card gives the value measured).
    case indiumLithium(potentialVsLithium_V: Double)
    /// Another reference at a stated potential vs Li/Li⁺.
    case other(name: String, potentialVsLithium_V: Double)
    /// A full cell: anode against cathode, no counter electrode.
    case none

    /// The In–Li two-phase plateau, 0.62 V vs Li/Li⁺ (Santhosha et al., Batteries & Supercaps 2019).
    public static let indiumLithiumPotential_V = 0.62

    /// Where the counter electrode sits against Li/Li⁺; `nil` for a full cell.
    public var potentialVsLithium_V: Double? {
        switch self {
        case .lithium: 0
        case .indiumLithium(let potential), .other(_, let potential): potential
        case .none: nil
        }
    }

    /// The name a card or an output uses: `Li`, `In-Li`, the given name, or `none`.
    public var name: String {
        switch self {
        case .lithium: "Li"
        case .indiumLithium: "In-Li"
        case .other(let name, _): name
        case .none: "none"
        }
    }

    /// Reads `Li`, `lithium`, `In-Li`, `InLi`, `Li-In`, `none`/`full` (any case or punctuation); another name
    /// needs a potential.
    public init?(name: String, potentialVsLithium_V potential: Double? = nil) {
        switch name.lowercased().filter({ $0.isLetter }) {
        case "li", "lithium", "limetal", "lithiummetal": self = potential.map { $0 == 0 ? .lithium : .other(name: name, potentialVsLithium_V: $0) } ?? .lithium
        case "inli", "liin", "indiumlithium", "lithiumindium": self = .indiumLithium(potentialVsLithium_V: potential ?? Self.indiumLithiumPotential_V)
        case "none", "full", "": self = .none
        default:
            guard let potential else { return nil }
            self = .other(name: name, potentialVsLithium_V: potential)
        }
    }
}
