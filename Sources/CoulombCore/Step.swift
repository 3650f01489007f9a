/// One step of a cycling record: a run of rows in one regime.
public struct Step: Sendable, Equatable {
    /// What the cell was doing.
    public enum Kind: String, Sendable, CaseIterable {
        case rest
        case constantCurrentCharge = "cc_charge"
        case constantCurrentDischarge = "cc_discharge"
        case constantVoltageCharge = "cv_charge"
        case constantVoltageDischarge = "cv_discharge"

        /// +1 for charge, −1 for discharge, 0 for rest.
        public var direction: Int {
            switch self {
            case .rest: 0
            case .constantCurrentCharge, .constantVoltageCharge: 1
            case .constantCurrentDischarge, .constantVoltageDischarge: -1
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
