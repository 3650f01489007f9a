/// Which half-cycle opens a cycle, and so which capacity is the numerator of the Coulombic efficiency.
///
/// - `anode`: an anode half cell (Si|SE|Li) starts by lithiating, which the instrument calls discharge;
///   CE = delithiation / lithiation = charge / discharge.
/// - `cathode`, `full`: start with charge; CE = discharge / charge.
/// - `symmetric`: one plating and one stripping half-cycle; the first direction recorded opens a cycle.
public enum CycleConvention: String, Sendable, CaseIterable {
    case anode, cathode, full, symmetric

    /// The convention for a cell type.
    public init(_ type: CellType) {
        switch type {
        case .anodeHalf: self = .anode
        case .cathodeHalf: self = .cathode
        case .full: self = .full
        case .symmetric: self = .symmetric
        }
    }

    /// The direction a cycle opens with; `nil` when the data decides (symmetric).
    public var forwardDirection: Direction? {
        switch self {
        case .anode: .discharge
        case .cathode, .full: .charge
        case .symmetric: nil
        }
    }
}
