/// Puts interchangeable arcs in order of time constant.
///
/// Two arcs of the same shape in the top-level series chain (`p(R1,CPE1)` and `p(R2,CPE2)`) can trade
/// values without changing Z, so a fit may return the slow arc as R1 in one spectrum and as R2 in the
/// next. After a fit, arcs of one shape whose parameters have the same bounds and none fixed are sorted
/// so that τ1 < τ2 < … (`Circuit.Arc.timeConstant_s`).
struct ArcOrdering {
    /// Groups of interchangeable arcs.
    private let groups: [[Circuit.Arc]]

    init(_ circuit: Circuit) {
        var groups: [String: [Circuit.Arc]] = [:]
        var order: [String] = []
        for arc in circuit.arcs where !arc.parameters.contains(where: { circuit.parameters[$0].isFixed }) {
            let bounds = arc.parameters.map { "\(circuit.parameters[$0].lowerBound),\(circuit.parameters[$0].upperBound)" }
            let key = circuit.signature(of: arc.node) + "|" + bounds.joined(separator: ";")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(arc)
        }
        self.groups = order.compactMap { groups[$0]!.count > 1 ? groups[$0] : nil }
    }

    /// The permutation to apply: `values[permutation[k]]` becomes the value of parameter k.
    func permutation(_ values: [Double]) -> [Int] {
        var permutation = Array(values.indices)
        for group in groups {
            let taus = group.map { $0.timeConstant_s(values) }
            let sorted = group.indices.sorted { taus[$0] < taus[$1] }
            for (slot, source) in sorted.enumerated() {
                for (target, from) in zip(group[slot].parameters, group[source].parameters) {
                    permutation[target] = from
                }
            }
        }
        return permutation
    }
}
