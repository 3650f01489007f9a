import ComplexModule
import RealModule

/// Evaluates a circuit at a fixed set of angular frequencies, again and again, without allocating: the
/// fitter's inner loop.
///
/// Forward sweep (post-order): each node's Z at every frequency — a leaf from its element, a series node
/// as the sum of its children, a parallel node as 1/Σ(1/Zᵢ). Backward sweep: the sensitivity
/// mₙ = ∂Z_root/∂Zₙ, which is 1 at the root, passes unchanged through a series node and is multiplied
/// by (Z_parent/Z_child)² through a parallel one (from ∂(1/Σ1/Zᵢ)/∂Zᵢ). Then ∂Z/∂pₖ = m_leaf·∂Z_leaf/∂pₖ.
final class CircuitEvaluator {
    let circuit: Circuit
    let omega: [Double]
    private let logOmega: [Double]
    let count: Int
    /// The circuit's impedance at each frequency.
    private(set) var z: [Complex<Double>]
    /// ∂Z/∂pₖ, parameter-major: `jacobian[k * count + i]`.
    private(set) var jacobian: [Complex<Double>]
    private var nodeZ: [Complex<Double>]
    private var sensitivity: [Complex<Double>]
    private let parent: [Int]

    init(_ circuit: Circuit, omega: [Double]) {
        self.circuit = circuit
        self.omega = omega
        logOmega = omega.map { .log($0) }
        count = omega.count
        z = Array(repeating: .zero, count: count)
        jacobian = Array(repeating: .zero, count: count * circuit.parameters.count)
        nodeZ = Array(repeating: .zero, count: count * circuit.nodes.count)
        sensitivity = Array(repeating: .zero, count: count * circuit.nodes.count)
        var parent = Array(repeating: -1, count: circuit.nodes.count)
        for (index, node) in circuit.nodes.enumerated() {
            switch node {
            case .element: break
            case .series(let children), .parallel(let children): for c in children { parent[c] = index }
            }
        }
        self.parent = parent
    }

    func evaluate(_ values: [Double], jacobian wanted: Bool) {
        let n = count
        let nodes = circuit.nodes
        values.withUnsafeBufferPointer { p in
        omega.withUnsafeBufferPointer { w in
        logOmega.withUnsafeBufferPointer { logW in
        nodeZ.withUnsafeMutableBufferPointer { nz in
        sensitivity.withUnsafeMutableBufferPointer { m in
        jacobian.withUnsafeMutableBufferPointer { jac in
            for (index, node) in nodes.enumerated() {
                let out = index * n
                switch node {
                case .element(let e):
                    let element = circuit.elements[e]
                    let first = element.firstParameter
                    element.kind.evaluate(
                        omega: w, logOmega: logW, UnsafeBufferPointer(rebasing: p[first..<(first + element.arity)]),
                        z: UnsafeMutableBufferPointer(rebasing: nz[out..<(out + n)]),
                        derivatives: wanted ? UnsafeMutableBufferPointer(rebasing: jac[(first * n)..<((first + element.arity) * n)]) : nil)
                case .series(let children):
                    for i in 0..<n { nz[out + i] = .zero }
                    for c in children { for i in 0..<n { nz[out + i] = nz[out + i] + nz[c * n + i] } }
                case .parallel(let children):
                    for i in 0..<n { nz[out + i] = .zero }
                    for c in children {
                        for i in 0..<n { nz[out + i] = nz[out + i] + Self.reciprocal(nz[c * n + i]) }
                    }
                    for i in 0..<n { nz[out + i] = Self.reciprocal(nz[out + i]) }
                }
            }
            guard wanted else { return }
            let root = nodes.count - 1
            for i in 0..<n { m[root * n + i] = 1 }
            for index in stride(from: root - 1, through: 0, by: -1) {
                let up = parent[index]
                if case .parallel = nodes[up] {
                    for i in 0..<n {
                        let ratio = nz[up * n + i] * Self.reciprocal(nz[index * n + i])
                        m[index * n + i] = m[up * n + i] * ratio * ratio
                    }
                } else {
                    for i in 0..<n { m[index * n + i] = m[up * n + i] }
                }
                if case .element(let e) = nodes[index] {
                    let element = circuit.elements[e]
                    for k in element.firstParameter..<(element.firstParameter + element.arity) {
                        for i in 0..<n { jac[k * n + i] = jac[k * n + i] * m[index * n + i] }
                    }
                }
            }
        }}}}}}
        let root = (nodes.count - 1) * n
        for i in 0..<n { z[i] = nodeZ[root + i] }
    }

    /// 1/z without the overflow guards of the general division: impedances here are finite and far from
    /// the limits of Double.
    @inline(__always)
    static func reciprocal(_ z: Complex<Double>) -> Complex<Double> {
        let scale = 1 / (z.real * z.real + z.imaginary * z.imaginary)
        return Complex(z.real * scale, -z.imaginary * scale)
    }
}
