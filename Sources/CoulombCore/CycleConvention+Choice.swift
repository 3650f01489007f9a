extension CycleConvention {
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
    public struct Choice: Sendable, Equatable {
        public var convention: CycleConvention
        /// The direction of the forward (input) half-cycle.
        public var forwardDirection: Direction

        /// How the convention was chosen, in words for the output (`"from the cell type anode_half (file)"`, …).
        public var reason: String
        /// Why no CE is given, when the evidence for a convention is missing or conflicting. The convention is
        /// then only the pairing of half-cycles (the first direction recorded opens a cycle), not a claim about
        /// which capacity is put in.
        public var withheldReason: String?

        public init(convention: CycleConvention, forwardDirection: Direction, reason: String, withheldReason: String? = nil) {
            self.convention = convention
            self.forwardDirection = forwardDirection
            self.reason = reason
            self.withheldReason = withheldReason
        }

        /// Whether CE, retention and irreversible capacity are withheld.
        public var isWithheld: Bool { withheldReason != nil }

        /// The convention's name for the outputs; `nil` when CE is withheld.
        public var modeName: String? { isWithheld ? nil : convention.rawValue }

        /// The convention in a figure's subtitle: `anode convention`, or `CE withheld`.
        public var caption: String { modeName.map { "\($0) convention" } ?? "CE withheld" }

        /// The convention to use: the one asked for, or with `nil` (auto) the cell's type, or else what the
        /// record shows (``ConventionEvidence``):
        ///
        /// - voltage that follows the current's sign → symmetric;
        /// - a first discharge step in an anode's voltage window → anode half cell;
        /// - a first charge step outside an anode's window → cathode half or full cell (`full`);
        /// - anything else — a first discharge outside an anode's window (a cathode half cell or a Li–S cell
        ///   that starts by discharging), a first charge inside it, no current at all — withholds CE with the
        ///   reason, rather than guess: the wrong guess gives 1/CE, above 100 % on every cycle.
        ///
        /// A symmetric cell's forward direction is its first current's.
        public static func choose(_ requested: CycleConvention?, cell: Cell, data: CyclingData, steps: [Step]? = nil) -> Self {
            // The evidence costs a segmentation of the record: gathered only when the choice needs it.
            var gathered: ConventionEvidence?
            func gather() -> ConventionEvidence {
                if let gathered { return gathered }
                let found = ConventionEvidence(steps: steps ?? StepSegmentation().steps(data), data: data)
                gathered = found
                return found
            }
            func make(_ convention: CycleConvention, _ reason: String, withheld: String? = nil) -> Self {
                Self(convention: convention, forwardDirection: convention.forwardDirection ?? gather().firstDirection ?? .charge,
                     reason: reason, withheldReason: withheld)
            }
            if let requested { return make(requested, "as requested") }
            if let type = cell.type {
                return make(CycleConvention(type), "from the cell type \(type.rawValue)" + (cell.factSources[.cellType].map { " (\($0))" } ?? ""))
            }
            let evidence = gather()
            guard let direction = evidence.firstDirection else {
                return make(.symmetric, "no cell type given", withheld: "no current flows, so nothing tells which capacity is put in")
            }
            let counter = cell.counterElectrode
            let against = counter.map { " vs \($0.name)" } ?? ""
            if evidence.followsCurrentSign, !evidence.looksLikeCathode(counter) {
                return make(.symmetric, "no cell type given; the voltage follows the current's sign (a symmetric cell)")
            }
            let anode = evidence.looksLikeAnode(counter), cathode = evidence.looksLikeCathode(counter)
            if direction == .discharge {
                if anode && !cathode {
                    return make(.anode, "no cell type given; the first step discharges within \(evidence.window)\(against), an anode half cell's window")
                }
                return make(.symmetric, "no cell type given", withheld: "the first step discharges, as an anode half cell's lithiation does, but \(evidence.window)\(against) is not an anode's window: a cathode half cell or a Li–S/conversion cell that starts by discharging? Give the cell type or the CE convention")
            }
            if anode && !cathode {
                return make(.symmetric, "no cell type given", withheld: "the first step charges, as a cathode or full cell does, but \(evidence.window)\(against) is an anode half cell's window (which starts by lithiating): a record that starts mid-cycle? Give the cell type or the CE convention")
            }
            return make(.full, "no cell type given; the first step charges within \(evidence.window)\(against)")
        }

        /// The capacity put in: the forward half-cycle's.
        public func input(charge: Double, discharge: Double) -> Double {
            forwardDirection == .charge ? charge : discharge
        }

        /// The capacity got back: the reverse half-cycle's.
        public func output(charge: Double, discharge: Double) -> Double {
            forwardDirection == .charge ? discharge : charge
        }

        /// `discharge / charge` or `charge / discharge`: CE as output over input.
        public var formula: String {
            "\(forwardDirection.reversed.rawValue) / \(forwardDirection.rawValue)"
        }
    }
}
