/// The way current flows through a cell: charge (positive current, as the instrument signs it) or
/// discharge (negative current). A rest has no direction: where there may be none the type is `Direction?`.
///
/// The raw value, `charge` or `discharge`, is the name every output uses (the `direction` column of dQ/dV,
/// labels, messages).
public enum Direction: String, Sendable, CaseIterable {
    case charge, discharge

    /// The direction of a signed value (a current, a voltage): charge above zero, discharge below; `nil`
    /// at zero.
    public init?(signOf value: Double) {
        if value > 0 {
            self = .charge
        } else if value < 0 {
            self = .discharge
        } else {
            return nil
        }
    }

    /// +1 for charge, −1 for discharge: a current times the sign is positive when it flows this way.
    public var sign: Double {
        switch self {
        case .charge: 1
        case .discharge: -1
        }
    }

    /// The other direction.
    public var reversed: Direction {
        switch self {
        case .charge: .discharge
        case .discharge: .charge
        }
    }
}
