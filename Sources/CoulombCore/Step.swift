/// One step of a cycling record: a run of rows in one regime.
public struct Step: Sendable, Equatable {
    /// What the cell was doing.
    public enum Kind: String, Sendable, CaseIterable {
        case rest
        case constantCurrentCharge = "cc_charge"
        case constantCurrentDischarge = "cc_discharge"
        case constantVoltageCharge = "cv_charge"
        case constantVoltageDischarge = "cv_discharge"

        /// Charge or discharge; `nil` for rest.
        public var direction: Direction? {
            switch self {
            case .rest: nil
            case .constantCurrentCharge, .constantVoltageCharge: .charge
            case .constantCurrentDischarge, .constantVoltageDischarge: .discharge
            }
        }
    }

    public var rows: Range<Int>
    public var kind: Kind

    public init(rows: Range<Int>, kind: Kind) {
        self.rows = rows
        self.kind = kind
    }
}
