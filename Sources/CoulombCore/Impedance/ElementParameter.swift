/// One parameter of a circuit element: its name, unit, default bounds and how the fitter moves it.
public struct ElementParameter: Sendable, Equatable {
    /// The parameter's name within its element (`Q`, `n`, `R`, `tau`); empty for a one-parameter element,
    /// whose parameter takes the element's label.
    public let name: String
    public let unit: String
    public let lowerBound: Double
    public let upperBound: Double
    /// A scale parameter (a resistance, capacitance, time constant…) is positive and spans decades: the
    /// fitter moves its logarithm. An exponent such as a CPE's n moves linearly.
    public let isScale: Bool
    /// The value an automatic guess falls back on when the spectrum says nothing about it.
    public let typical: Double

    init(_ name: String, _ unit: String, lower: Double = 0, upper: Double = .infinity, isScale: Bool = true,
         typical: Double) {
        self.name = name
        self.unit = unit
        self.lowerBound = lower
        self.upperBound = upper
        self.isScale = isScale
        self.typical = typical
    }
}
