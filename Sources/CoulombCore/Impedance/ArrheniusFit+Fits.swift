extension ArrheniusFit {
    /// One fitted parameter against temperature: its value in each spectrum whose fit converged and
    /// whose temperature is known, in spectrum order.
    public static func points(_ spectra: [ImpedanceSpectrum], fits: [Result<CircuitFitResult, AnalysisError>],
                              parameter: Int) -> (temperature_C: [Double], values: [Double]) {
        var points: (temperature_C: [Double], values: [Double]) = ([], [])
        for (spectrum, result) in zip(spectra, fits) {
            guard case .success(let fit) = result, fit.converged, let temperature = spectrum.temperature_C else { continue }
            points.temperature_C.append(temperature)
            points.values.append(fit.values[parameter])
        }
        return points
    }
}
