import CoulombCore
import RealModule

extension Plot {
    /// Arrhenius plot: ln(σT) — or ln(T/R) from resistances, which has the same slope — against 1000/T,
    /// the measurements as markers and the fit as a line, with the activation energy stated.
    ///
    /// - Parameters:
    ///   - temperature_C: the temperature of each value.
    ///   - values: per temperature, the conductivity (S cm⁻¹) with `areConductivities`, else the resistance (Ω).
    ///   - areConductivities: whether `values` are conductivities.
    ///   - fit: the Arrhenius fit of the values, drawn as a line.
    ///   - name: what was measured (`R1`, `σ(R0)`), for the legend.
    ///   - title: the figure's title.
    ///   - subtitle: a line under it (the file and cell, say).
    public static func arrhenius(temperature_C: [Double], values: [Double], areConductivities: Bool, fit: ArrheniusFit,
                                 name: String, title: String = "Arrhenius plot", subtitle: String? = nil) -> String {
        let kelvin = temperature_C.map { $0 + 273.15 }
        let x = kelvin.map { 1000 / $0 }
        let y = zip(kelvin, values).map { areConductivities ? Double.log($1 * $0) : Double.log($0 / $1) }
        let yLabel = areConductivities ? "ln(σT / S cm⁻¹ K)" : "ln(T/R / K Ω⁻¹)"
        var chart = Chart(x: Axis("1000/T", unit: "K⁻¹"), y: Axis(yLabel))
        var measured = Series(role: "measured", key: name, name: name, x: x, y: y, colour: Palette.category(0))
        measured.lineWidth = nil
        measured.marker = .circle
        measured.pointTitles = zip(temperature_C, values).map {
            "\(TickLabels.plain($0, significant: 4)) °C: \(TickLabels.engineering($1, significant: 4)) \(areConductivities ? "S/cm" : "Ω")"
        }
        // ln = intercept − (Eₐ/k_B)·(1/T), over the measured span of 1000/T.
        let slope = -fit.activationEnergy_eV / ArrheniusFit.boltzmann_eV_K / 1000
        let span = [x.min() ?? 0, x.max() ?? 0]
        var line = Series(role: "fit", key: name, name: "Fit", x: span, y: span.map { fit.intercept + slope * $0 },
                          colour: Palette.category(1))
        line.lineWidth = 1.5
        chart.series = [line, measured]
        // To the meV, as activation energies are reported.
        let meV = { (value: Double) in Decimal.fixed(value, decimals: 3, trimmingZeros: false, minus: "−") }
        var energy = "Eₐ = \(meV(fit.activationEnergy_eV))"
        if let error = fit.activationEnergyStandardError_eV { energy += " ± \(meV(error))" }
        chart.notes = [energy + " eV"]
        return Figure(title: title, subtitle: subtitle, panels: [chart]).svg()
    }
}
