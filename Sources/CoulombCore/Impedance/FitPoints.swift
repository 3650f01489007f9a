public import ComplexModule
import RealModule

/// The points of a spectrum an impedance fit uses: validated, sorted by frequency, the inductive tail
/// left out when the circuit cannot be inductive.
///
/// The **inductive tail** is the run of points with −Z″ < 0 (Z″ > 0) that starts at the highest
/// frequency and ends at the first point with Z″ ≤ 0: the cables' and cell holder's inductance, not the
/// cell. A circuit with an L fits it; any other circuit would bend its arcs to reach it, so those points
/// are excluded and counted (`excluded`). Points with Z″ > 0 elsewhere are kept: they are data.
public struct FitPoints: Sendable {
    /// Ascending frequencies of the fitted points.
    public let frequency_Hz: [Double]
    public let impedance_ohm: [Complex<Double>]
    /// Points of the spectrum left out as the inductive tail.
    public let excluded: Int

    /// - Throws: `AnalysisError` for duplicate frequencies, a spectrum with no imaginary part, or fewer
    ///   points than the circuit has free parameters.
    public init(_ spectrum: ImpedanceSpectrum, circuit: Circuit, keepInductiveTail: Bool = false)
        throws(AnalysisError) {
        let order = spectrum.frequency_Hz.indices.sorted { spectrum.frequency_Hz[$0] < spectrum.frequency_Hz[$1] }
        for (a, b) in zip(order, order.dropFirst()) where spectrum.frequency_Hz[a] == spectrum.frequency_Hz[b] {
            throw AnalysisError("frequency \(spectrum.frequency_Hz[a]) Hz appears twice (points \(min(a, b)) "
                                + "and \(max(a, b))); remove the repeat or average it before fitting")
        }
        guard spectrum.impedance_ohm.contains(where: { $0.imaginary != 0 }) else {
            throw AnalysisError("every Z'' is 0: the spectrum has no imaginary part, so no circuit can be fitted")
        }
        var kept = order
        if !(keepInductiveTail || circuit.hasInductance) {
            while let last = kept.last, spectrum.impedance_ohm[last].imaginary > 0 { kept.removeLast() }
        }
        let free = circuit.parameters.filter { !$0.isFixed }.count
        guard kept.count >= max(free, 1) else {
            let tail = order.count - kept.count
            throw AnalysisError("\(kept.count) point(s)" + (tail > 0 ? " (after leaving out \(tail) inductive)" : "")
                                + " cannot determine the \(free) free parameters of \(circuit.text)")
        }
        frequency_Hz = kept.map { spectrum.frequency_Hz[$0] }
        impedance_ohm = kept.map { spectrum.impedance_ohm[$0] }
        excluded = order.count - kept.count
    }

    public var count: Int { frequency_Hz.count }
}
