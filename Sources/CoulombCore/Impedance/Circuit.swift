public import ComplexModule
import RealModule

/// An equivalent circuit parsed from its string (`R0-p(R1,CPE1)-p(R2,CPE2)`): a tree of series and
/// parallel connections over labelled elements, and the flat list of its parameters.
///
/// The tree is kept in post-order (children before their parent, the root last), so one forward sweep
/// computes every node's impedance and one backward sweep carries derivatives down to the leaves.
public struct Circuit: Sendable, CustomStringConvertible {
    /// One labelled element of the circuit.
    public struct Element: Sendable, Equatable {
        public let label: String
        public let kind: CircuitElement
        /// Index of the element's first parameter in `Circuit.parameters`.
        public let firstParameter: Int
        /// The number of its parameters.
        public let arity: Int

        init(label: String, kind: CircuitElement, firstParameter: Int) {
            (self.label, self.kind, self.firstParameter) = (label, kind, firstParameter)
            arity = kind.parameters.count
        }
    }

    /// One parameter as fitted and reported: `R1`, `CPE1_Q`, `Wo1_tau`.
    public struct Parameter: Sendable, Equatable {
        public let name: String
        public let element: Int
        public let unit: String
        public var lowerBound: Double
        public var upperBound: Double
        /// Moved on a log scale by the fitter (see `ElementParameter.isScale`).
        public let isScale: Bool
        public var initial: Double?
        public var isFixed: Bool
        public let typical: Double
    }

    enum Node: Sendable {
        case element(Int)
        case series([Int])
        case parallel([Int])
    }

    /// The string as written, whitespace removed.
    public let text: String
    public let elements: [Element]
    public private(set) var parameters: [Parameter]
    let nodes: [Node]

    init(text: String, elements: [Element], nodes: [Node]) {
        self.text = text
        self.elements = elements
        self.nodes = nodes
        parameters = elements.enumerated().flatMap { index, element in
            element.kind.parameters.map { p in
                Parameter(name: p.name.isEmpty ? element.label : "\(element.label)_\(p.name)", element: index,
                          unit: p.unit, lowerBound: p.lowerBound, upperBound: p.upperBound, isScale: p.isScale,
                          initial: nil, isFixed: false, typical: p.typical)
            }
        }
    }

    public var description: String { text }

    public var parameterNames: [String] { parameters.map(\.name) }

    /// Whether the circuit can be inductive (an L), which decides whether points with −Z″ < 0 at high
    /// frequency are data to fit or a wiring artefact to leave out.
    public var hasInductance: Bool { elements.contains { $0.kind == .L } }

    /// Applies what the user said about parameters by name.
    ///
    /// - Throws: `AnalysisError` naming an unknown parameter (and listing the known ones) or bounds that
    ///   leave no room.
    public mutating func apply(_ specs: [(name: String, spec: ParameterSpec)]) throws(AnalysisError) {
        for (name, spec) in specs {
            guard let index = parameters.firstIndex(where: { $0.name == name }) else {
                throw AnalysisError("circuit \(text) has no parameter '\(name)' "
                                    + "(its parameters: \(parameterNames.joined(separator: ", ")))")
            }
            try apply(spec, to: index)
        }
    }

    mutating func apply(_ spec: ParameterSpec, to index: Int) throws(AnalysisError) {
        var p = parameters[index]
        if let lower = spec.lowerBound { p.lowerBound = lower }
        if let upper = spec.upperBound { p.upperBound = upper }
        guard p.lowerBound < p.upperBound else {
            throw AnalysisError("\(p.name): lower bound \(p.lowerBound) is not below upper bound \(p.upperBound)")
        }
        if let initial = spec.initial {
            guard initial.isFinite else { throw AnalysisError("\(p.name): value \(initial) is not finite") }
            p.initial = initial
        }
        p.isFixed = spec.isFixed
        parameters[index] = p
    }

    /// Z at each frequency for the given parameter values (in `parameters` order).
    public func impedance(frequency_Hz: [Double], parameters values: [Double]) -> [Complex<Double>] {
        let evaluator = CircuitEvaluator(self, omega: frequency_Hz.map { 2 * .pi * $0 })
        evaluator.evaluate(values, jacobian: false)
        return evaluator.z
    }

    /// Z and ∂Z/∂pₖ at each frequency; `jacobian[k][i]` is ∂Z(ωᵢ)/∂pₖ.
    public func impedanceAndJacobian(frequency_Hz: [Double], parameters values: [Double])
        -> (impedance: [Complex<Double>], jacobian: [[Complex<Double>]]) {
        let evaluator = CircuitEvaluator(self, omega: frequency_Hz.map { 2 * .pi * $0 })
        evaluator.evaluate(values, jacobian: true)
        let n = frequency_Hz.count
        let columns = (0..<parameters.count).map { k in Array(evaluator.jacobian[(k * n)..<((k + 1) * n)]) }
        return (evaluator.z, columns)
    }
}
