/// What a record itself says about the kind of cell, for choosing a Coulombic-efficiency convention when
/// no cell type is given.
///
/// Three observations, each from the steps (so a zero offset during a rest, which is no step, weighs nothing):
///
/// - the direction of the first charge or discharge step;
/// - the voltage window: the lowest and highest voltage at which a charge or discharge step ends (cut-off
///   voltages; not where a step starts, which for a fresh cell is its open-circuit voltage — a Si half cell
///   opens near 2.9 V vs Li — nor spikes inside a step);
/// - whether the voltage follows the current's sign, as a symmetric Li|SE|Li cell's does: the voltage in the
///   middle and at the end of at least 90 % of the steps has the sign of the step's current. (A Si electrode
///   against In–Li also ends its lithiation below 0 V and its delithiation above, but spends the middle of
///   its delithiation below 0 V.)
///
/// The window is read against Li/Li⁺ through the counter electrode's potential; without one, both Li and
/// In–Li (the two counter electrodes of solid-state half cells) are tried. An anode half cell runs within
/// about −0.1…2.0 V vs Li (Si and graphite 0.005–1.5 V, some protocols to 2 V); a cathode or full cell
/// stays above about 2.0 V vs Li (LFP 2.5–3.65 V, NMC 2.8–4.4 V). Li–S and conversion cathodes run 1–3 V and
/// start with a discharge: their window is neither, so a discharge first cannot be trusted there.
public struct ConventionEvidence: Sendable, Equatable {
    /// `nil` when no current flows.
    public var firstDirection: Direction?
    public var lowestVoltage_V: Double
    public var highestVoltage_V: Double
    public var followsCurrentSign: Bool

    /// Upper end of an anode half cell's window vs Li: 2.0 V, plus 50 mV for overshoot at the cut-off.
    public static let anodeCeiling_V = 2.05
    /// Lower end of a cathode or full cell's window vs Li: 2.0 V, less 50 mV.
    public static let cathodeFloor_V = 1.95
    /// Lowest voltage vs Li an anode half cell reaches: Li plating below 0 V is at most ~0.1 V deep.
    public static let anodeFloor_V = -0.1
    /// The share of steps whose end voltage must have the current's sign for a symmetric cell.
    public static let symmetricShare = 0.9

    public init(steps: [Step], data: CyclingData) {
        let active = steps.filter { $0.kind.direction != nil }
        firstDirection = active.first?.kind.direction
        var low = Double.infinity, high = -Double.infinity, agreeing = 0
        for step in active {
            let last = data.voltage_V[step.rows.upperBound - 1]
            low = min(low, last)
            high = max(high, last)
            let middle = data.voltage_V[(step.rows.lowerBound + step.rows.upperBound) / 2]
            if Direction(signOf: last) == step.kind.direction, Direction(signOf: middle) == step.kind.direction { agreeing += 1 }
        }
        lowestVoltage_V = low
        highestVoltage_V = high
        let directions = Set(active.map(\.kind.direction))
        followsCurrentSign = directions.count == 2 && Double(agreeing) >= Self.symmetricShare * Double(active.count)
    }

    /// The counter-electrode potentials to read the window against: the given one, else Li and In–Li.
    private static func offsets(_ counter: CounterElectrode?) -> [Double] {
        if let potential = counter?.potentialVsLithium_V { return [potential] }
        return counter == CounterElectrode.none ? [0] : [0, CounterElectrode.indiumLithiumPotential_V]
    }

    /// Whether the window fits an anode half cell against the counter electrode (or either usual one).
    public func looksLikeAnode(_ counter: CounterElectrode?) -> Bool {
        counter != CounterElectrode.none && Self.offsets(counter).contains {
            lowestVoltage_V + $0 >= Self.anodeFloor_V && highestVoltage_V + $0 <= Self.anodeCeiling_V
        }
    }

    /// Whether the window fits a cathode half cell or a full cell.
    public func looksLikeCathode(_ counter: CounterElectrode?) -> Bool {
        Self.offsets(counter).contains { lowestVoltage_V + $0 >= Self.cathodeFloor_V }
    }

    /// The window in words, `0.005–1.5 V`.
    public var window: String {
        "\(Self.volts(lowestVoltage_V))–\(Self.volts(highestVoltage_V)) V"
    }

    private static func volts(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
