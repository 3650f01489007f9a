import RealModule

extension Circuit {
    /// A parallel block of the top-level series chain made of a resistor and a capacitor or CPE: one
    /// semicircle of the Nyquist plot, with a time constant and an effective capacitance.
    public struct Arc: Sendable, Equatable {
        /// The top-level term (node) of the block.
        let node: Int
        /// Indices into `parameters`: the resistor, the capacitor or CPE's Q, the CPE's n.
        public let resistance: Int
        public let capacitance: Int
        public let exponent: Int?
        /// Every parameter of the block, in circuit order.
        let parameters: [Int]

        /// Effective capacitance by Hsu and Mansfeld's formula, F: C itself, or C = (R^(1−n)·Q)^(1/n) for
        /// R‖CPE (Hsu & Mansfeld, Corrosion 57, 747, 2001).
        ///
        /// It assumes a normal (through-the-thickness) distribution of time constants, the picture of bulk
        /// and grain-boundary arcs, and it is the capacitance the Irvine–Sinclair–West classes are drawn for.
        public func effectiveCapacitance_F(_ values: [Double]) -> Double {
            guard let exponent else { return values[capacitance] }
            let n = values[exponent]
            return Double.pow(Double.pow(values[resistance], 1 - n) * values[capacitance], 1 / n)
        }

        /// Effective capacitance by Brug's formula, F: C = (Q·(R_s⁻¹ + R⁻¹)^(n−1))^(1/n) (Brug et al.,
        /// J. Electroanal. Chem. 176, 275, 1984), C itself for a capacitor; nil when R_s is not positive.
        ///
        /// It assumes a surface distribution of time constants along an electrode, so it is the one for
        /// an interface arc; R_s is the resistance in series before the arc
        /// (``Circuit/seriesResistance_ohm(before:_:)``). For R_s ≫ R it tends to Hsu–Mansfeld's.
        public func brugCapacitance_F(_ values: [Double], seriesResistance_ohm rs: Double) -> Double? {
            guard let exponent else { return values[capacitance] }
            guard rs > 0 else { return nil }
            let n = values[exponent]
            return Double.pow(values[capacitance] * Double.pow(1 / rs + 1 / values[resistance], n - 1), 1 / n)
        }

        /// τ = R·C_eff, s (= (RQ)^(1/n) for R‖CPE); the apex of the arc is at 1/(2πτ).
        public func timeConstant_s(_ values: [Double]) -> Double {
            values[resistance] * effectiveCapacitance_F(values)
        }
    }

    /// The resistance in series before an arc, Ω: every resistor of the top-level series chain plus the
    /// resistance of every arc of the chain with a shorter time constant — at the arc's frequencies the
    /// faster arcs are resistive and the slower ones short-circuited by their capacitance, whatever the
    /// order in which the circuit names them.
    public func seriesResistance_ohm(before arc: Arc, _ values: [Double]) -> Double {
        let resistors = topLevelTerms.reduce(0.0) { sum, term in
            guard case .element(let e) = nodes[term], elements[e].kind == .R else { return sum }
            return sum + values[elements[e].firstParameter]
        }
        let tau = arc.timeConstant_s(values)
        return arcs.filter { $0.timeConstant_s(values) < tau }.reduce(resistors) { $0 + values[$1.resistance] }
    }

    /// The top-level series terms: the root's children, or the root alone.
    var topLevelTerms: [Int] {
        let root = nodes.count - 1
        if case .series(let children) = nodes[root] { return children }
        return [root]
    }

    /// The R‖C and R‖CPE blocks of the top-level series chain, in circuit order.
    public var arcs: [Arc] {
        topLevelTerms.compactMap { term in
            guard case .parallel(let branches) = nodes[term], branches.count == 2 else { return nil }
            var r: Int?, c: Int?, n: Int?
            for branch in branches {
                guard case .element(let e) = nodes[branch] else { return nil }
                switch elements[e].kind {
                case .R: r = elements[e].firstParameter
                case .C: c = elements[e].firstParameter
                case .CPE: (c, n) = (elements[e].firstParameter, elements[e].firstParameter + 1)
                default: return nil
                }
            }
            guard let r, let c else { return nil }
            return Arc(node: term, resistance: r, capacitance: c, exponent: n, parameters: parameters(of: term))
        }
    }

    /// Indices of the parameters under a node, in circuit order.
    func parameters(of node: Int) -> [Int] {
        switch nodes[node] {
        case .element(let e):
            let element = elements[e]
            return Array(element.firstParameter..<(element.firstParameter + element.kind.parameters.count))
        case .series(let children), .parallel(let children):
            return children.flatMap { parameters(of: $0) }
        }
    }

    /// The shape of a node with labels replaced by element kinds: `p(R,CPE)`.
    func signature(of node: Int) -> String {
        switch nodes[node] {
        case .element(let e): elements[e].kind.rawValue
        case .series(let children): "s(" + children.map { signature(of: $0) }.joined(separator: ",") + ")"
        case .parallel(let children): "p(" + children.map { signature(of: $0) }.joined(separator: ",") + ")"
        }
    }
}
