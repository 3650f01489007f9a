/// What a cell is built from, which decides how its cycles and efficiencies are read.
///
/// - `symmetric`: two identical electrodes (Li|SE|Li); plating and stripping, no capacity in the
///   battery sense.
/// - `anodeHalf`: an anode material against Li (Si|SE|Li); lithiation (discharge) comes first.
/// - `cathodeHalf`: a cathode material against Li; charge comes first.
/// - `full`: anode against cathode (an anode-free cell too: cathode against a bare current collector); charge
///   comes first.
public enum CellType: String, Sendable, Codable, CaseIterable {
    case symmetric
    case anodeHalf
    case cathodeHalf
    case full

    /// Reads the spellings people put in metadata: `anodeHalf`, `anode_half`, `anode-half`, `half-anode`…
    public init?(loosely text: String) {
        let key = text.lowercased().filter { $0.isLetter }
        switch key {
        case "symmetric", "symmetrical": self = .symmetric
        case "anodehalf", "halfanode", "anode": self = .anodeHalf
        case "cathodehalf", "halfcathode", "cathode": self = .cathodeHalf
        case "full", "fullcell", "anodefree", "anodelessfull", "anodeless": self = .full
        default: return nil
        }
    }
}
