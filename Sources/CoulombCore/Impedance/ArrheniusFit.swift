import RealModule

/// Activation energy from conductivities (or resistances) measured at several temperatures.
///
/// σT = A·exp(−Eₐ/(k_B T)), so ln(σT) is a straight line in 1/T with slope −Eₐ/k_B. σ = l/(RA) differs
/// from 1/R only by the cell constant, which moves the intercept and not the slope, so resistances give
/// the same Eₐ as conductivities. Ordinary least squares; the 1σ of Eₐ is the slope's standard error.
public struct ArrheniusFit: Sendable, Equatable {
    /// Boltzmann's constant, eV/K (CODATA 2018, exact).
    public static let boltzmann_eV_K = 8.617333262e-5

    public let activationEnergy_eV: Double
    /// nil with only two temperatures.
    public let activationEnergyStandardError_eV: Double?
    /// ln(σT) or ln(T/R) at 1/T = 0.
    public let intercept: Double
    public let points: Int

    /// - Parameters:
    ///   - temperature_C: temperature of each measurement.
    ///   - values: the resistance at each, Ω, or with `areConductivities` the conductivity, S/cm.
    ///   - areConductivities: whether `values` are conductivities rather than resistances.
    /// - Throws: `AnalysisError` with fewer than two distinct temperatures or a non-positive value.
    public init(temperature_C: [Double], values: [Double], areConductivities: Bool = false) throws(AnalysisError) {
        let kelvin = temperature_C.map { $0 + 273.15 }
        guard Set(kelvin).count >= 2 else {
            throw AnalysisError("an Arrhenius fit needs spectra at two or more temperatures")
        }
        guard zip(kelvin, values).allSatisfy({ $0 > 0 && $1 > 0 && $1.isFinite }) else {
            throw AnalysisError("an Arrhenius fit needs positive temperatures (K) and values")
        }
        let x = kelvin.map { 1 / $0 }
        let y = zip(kelvin, values).map { areConductivities ? Double.log($1 * $0) : Double.log($0 / $1) }
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (a, b) in zip(x, y) {
            sxx += (a - meanX) * (a - meanX)
            sxy += (a - meanX) * (b - meanY)
        }
        let slope = sxy / sxx
        intercept = meanY - slope * meanX
        activationEnergy_eV = -slope * Self.boltzmann_eV_K
        if x.count > 2 {
            var rss = 0.0
            for (a, b) in zip(x, y) { rss += (b - intercept - slope * a) * (b - intercept - slope * a) }
            activationEnergyStandardError_eV = (rss / (n - 2) / sxx).squareRoot() * Self.boltzmann_eV_K
        } else {
            activationEnergyStandardError_eV = nil
        }
        points = x.count
    }
}
