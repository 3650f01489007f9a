import RealModule

extension DistributionOfRelaxationTimes.Result {
    /// Starting values for fitting `circuit` to the same spectrum, taken from the DRT's peaks
    /// (`coulomb fit --initial-from-drt`).
    ///
    /// The circuit's R‖C and R‖CPE arcs (`Circuit.arcs`, in circuit order, which the fitter keeps fastest
    /// first) take the peaks in order of τ; with more peaks than arcs, the peaks of largest R are used.
    /// Each arc starts at the peak's R and τ: C = τ/R, or Q = τⁿ/R with the peak's n (0.9 when the DRT had
    /// no ZARC fit). The first resistor outside the arcs starts at R∞. Arcs beyond the peaks, and every other
    /// parameter, are left to the fitter's own starts.
    public func starts(for circuit: Circuit) -> [(name: String, spec: ParameterSpec)] {
        let arcs = circuit.arcs
        let used = peaks.indices.sorted { peaks[$0].resistance_ohm > peaks[$1].resistance_ohm }.prefix(arcs.count).sorted()
        var starts: [(name: String, spec: ParameterSpec)] = []
        let inArcs = Set(arcs.flatMap(\.parameters))
        if let series = circuit.parameters.indices.first(where: {
            !inArcs.contains($0) && circuit.elements[circuit.parameters[$0].element].kind == .R
        }) {
            starts.append((circuit.parameters[series].name, ParameterSpec(initial: seriesResistance_ohm)))
        }
        for (arc, k) in zip(arcs, used) {
            let peak = peaks[k]
            starts.append((circuit.parameters[arc.resistance].name, ParameterSpec(initial: peak.resistance_ohm)))
            if let exponent = arc.exponent {
                let n = min(peak.exponent ?? 0.9, 1)
                starts.append((circuit.parameters[arc.capacitance].name,
                               ParameterSpec(initial: Double.pow(peak.tau_s, n) / peak.resistance_ohm)))
                starts.append((circuit.parameters[exponent].name, ParameterSpec(initial: n)))
            } else {
                starts.append((circuit.parameters[arc.capacitance].name, ParameterSpec(initial: peak.tau_s / peak.resistance_ohm)))
            }
        }
        return starts
    }
}
