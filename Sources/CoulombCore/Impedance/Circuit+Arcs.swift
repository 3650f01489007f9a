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

        /// Effective capacitance, F: C itself, or (R^(1−n)·Q)^(1/n) for R‖CPE (Brug et al. 1984, for a
        /// CPE in parallel with its own resistance).
        public func effectiveCapacitance_F(_ values: [Double]) -> Double {
            guard let exponent else { return values[capacitance] }
            let n = values[exponent]
            return Double.pow(Double.pow(values[resistance], 1 - n) * values[capacitance], 1 / n)
        }

        /// τ = R·C_eff, s (= (RQ)^(1/n) for R‖CPE); the apex of the arc is at 1/(2πτ).
        public func timeConstant_s(_ values: [Double]) -> Double {
            values[resistance] * effectiveCapacitance_F(values)
        }
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
