/// Which capacity of a cycle is put in and which is got back, so CE = out / in.
///
/// The half-cycle that opens a cycle (the *forward* one) stores charge; the reverse one returns it:
///
/// - anode half cell: lithiation (discharge) in, delithiation (charge) out — CE = Q_charge / Q_discharge;
/// - cathode half cell and full cell: charge in, discharge out — CE = Q_discharge / Q_charge;
/// - symmetric cell: the first direction recorded in, the other out.
///
/// cellpy's default mode ("anode") uses the anode formula whatever the cell, so a full cell read with
/// cellpy's defaults shows 1/CE.
public struct CoulombicEfficiency: Sendable, Equatable {
    public var convention: CycleConvention
    /// +1 when charge is the forward (input) half-cycle, −1 when discharge is.
    public var forwardDirection: Int

    /// How the convention was chosen, in words for the output (`"from the cell type anodeHalf"`, …).
    public var reason: String

    public init(convention: CycleConvention, forwardDirection: Int, reason: String) {
        self.convention = convention
        self.forwardDirection = forwardDirection
        self.reason = reason
    }

    /// The convention to use: the one asked for, or with `nil` (auto) the cell type's, or else the one
    /// implied by the direction of the first current (discharge first → anode half cell; charge first →
    /// full cell). A symmetric cell's forward direction is its first current's.
    public static func choose(_ requested: CycleConvention?, cellType: CellType?, data: CyclingData) -> Self {
        let first = data.current_A.first { $0 != 0 }.map { $0 > 0 ? 1 : -1 } ?? 1
        let convention: CycleConvention
        let reason: String
        if let requested {
            (convention, reason) = (requested, "as requested")
        } else if let cellType {
            (convention, reason) = (CycleConvention(cellType), "from the cell type \(cellType.rawValue)")
        } else {
            convention = first < 0 ? .anode : .full
            reason = "no cell type in the file; the first current \(first < 0 ? "discharges" : "charges")"
        }
        return Self(convention: convention, forwardDirection: convention.forwardDirection ?? first, reason: reason)
    }

    /// The capacity put in: the forward half-cycle's.
    public func input(charge: Double, discharge: Double) -> Double {
        forwardDirection > 0 ? charge : discharge
    }

    /// The capacity got back: the reverse half-cycle's.
    public func output(charge: Double, discharge: Double) -> Double {
        forwardDirection > 0 ? discharge : charge
    }
}
