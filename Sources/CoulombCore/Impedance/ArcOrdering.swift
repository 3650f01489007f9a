import RealModule

/// Puts interchangeable arcs in order of time constant.
///
/// Two parallel blocks of the same shape in the top-level series chain (`p(R1,CPE1)` and `p(R2,CPE2)`)
/// can trade values without changing Z, so a fit may return the slow arc as R1 in one spectrum and as R2
/// in the next. After a fit, blocks of one shape whose parameters have the same bounds and none fixed are
/// sorted so that τ1 < τ2 < …, with τ = RC for R‖C and τ = (RQ)^(1/n) for R‖CPE.
struct ArcOrdering {
    /// Groups of interchangeable blocks; each block is its parameter indices in circuit order.
    private let groups: [[[Int]]]
    /// For each block, the parameter indices of its R and of its C or CPE (Q, n) — how to read τ.
    private let timeConstant: [[Int]: (r: Int, c: Int, n: Int?)]

    init(_ circuit: Circuit) {
        var blocks: [String: [[Int]]] = [:]
        var order: [String] = []
        var timeConstant: [[Int]: (r: Int, c: Int, n: Int?)] = [:]
        let root = circuit.nodes.count - 1
        let terms: [Int]
        if case .series(let children) = circuit.nodes[root] { terms = children } else { terms = [root] }
        for term in terms {
            guard case .parallel(let branches) = circuit.nodes[term] else { continue }
            let parameters = Self.parameters(of: term, circuit)
            var r: Int?, c: Int?, n: Int?
            for branch in branches {
                guard case .element(let e) = circuit.nodes[branch] else { continue }
                let element = circuit.elements[e]
                switch element.kind {
                case .R: r = element.firstParameter
                case .C: c = element.firstParameter
                case .CPE: c = element.firstParameter; n = element.firstParameter + 1
                default: break
                }
            }
            guard let r, let c else { continue }
            let fixedOrBounded = parameters.contains { circuit.parameters[$0].isFixed }
            guard !fixedOrBounded else { continue }
            let signature = Self.signature(term, circuit) + "|"
                + parameters.map { "\(circuit.parameters[$0].lowerBound),\(circuit.parameters[$0].upperBound)" }
                    .joined(separator: ";")
            if blocks[signature] == nil { order.append(signature) }
            blocks[signature, default: []].append(parameters)
            timeConstant[parameters] = (r, c, n)
        }
        groups = order.compactMap { blocks[$0]!.count > 1 ? blocks[$0] : nil }
        self.timeConstant = timeConstant
    }

    /// The permutation to apply: `values[permutation[k]]` becomes the value of parameter k.
    func permutation(_ values: [Double]) -> [Int] {
        var permutation = Array(values.indices)
        for group in groups {
            let taus = group.map { block -> Double in
                let (r, c, n) = timeConstant[block]!
                guard let n else { return values[r] * values[c] }
                return Double.pow(values[r] * values[c], 1 / values[n])
            }
            let sorted = group.indices.sorted { taus[$0] < taus[$1] }
            for (slot, source) in sorted.enumerated() {
                for (target, from) in zip(group[slot], group[source]) { permutation[target] = from }
            }
        }
        return permutation
    }

    private static func parameters(of node: Int, _ circuit: Circuit) -> [Int] {
        switch circuit.nodes[node] {
        case .element(let e):
            let element = circuit.elements[e]
            return Array(element.firstParameter..<(element.firstParameter + element.kind.parameters.count))
        case .series(let children), .parallel(let children):
            return children.flatMap { parameters(of: $0, circuit) }
        }
    }

    private static func signature(_ node: Int, _ circuit: Circuit) -> String {
        switch circuit.nodes[node] {
        case .element(let e): circuit.elements[e].kind.rawValue
        case .series(let children): "s(" + children.map { signature($0, circuit) }.joined(separator: ",") + ")"
        case .parallel(let children): "p(" + children.map { signature($0, circuit) }.joined(separator: ",") + ")"
        }
    }
}
