import ComplexModule

// Complex-by-real products and quotients, which swift-numerics offers only as `multiplied(by:)` and
// `divided(by:)`; written as operators the element formulas read as they do on paper.
extension Complex<Double> {
    @inline(__always) static func * (z: Complex, r: Double) -> Complex { Complex(z.real * r, z.imaginary * r) }
    @inline(__always) static func * (r: Double, z: Complex) -> Complex { Complex(z.real * r, z.imaginary * r) }
    @inline(__always) static func / (z: Complex, r: Double) -> Complex { Complex(z.real / r, z.imaginary / r) }
    @inline(__always) static func / (r: Double, z: Complex) -> Complex { Complex(r) / z }
    @inline(__always) static func + (r: Double, z: Complex) -> Complex { Complex(r + z.real, z.imaginary) }
    @inline(__always) static func - (r: Double, z: Complex) -> Complex { Complex(r - z.real, -z.imaginary) }
}
