/// A spectrum gathered point by point by the readers of fixed-layout impedance files (Eco Chemie, Elchemea,
/// Ivium, PalmSens), with where each point is in the file.
struct ImpedancePoints {
    var frequency_Hz: [Double] = []
    var real_ohm: [Double] = []
    var imaginary_ohm: [Double] = []
    /// Each point's place in the file, for errors (`line 12`, `Measurements[0] point 3`).
    var locations: [String] = []

    mutating func append(frequency_Hz: Double, real_ohm: Double, imaginary_ohm: Double, at location: String) {
        self.frequency_Hz.append(frequency_Hz)
        self.real_ohm.append(real_ohm)
        self.imaginary_ohm.append(imaginary_ohm)
        locations.append(location)
    }

    var count: Int { frequency_Hz.count }

    /// The spectrum, its columns named as the file names them (`frequency`, `real`, `imaginary`: the
    /// quantity each holds before any sign change).
    func spectrum(frequency: String, real: String, imaginary: String) -> ExportSpectrum {
        let locations = locations
        return ExportSpectrum(
            frequency_Hz: frequency_Hz, real_ohm: real_ohm, imaginary_ohm: imaginary_ohm,
            rowLocations: { locations.indices.contains($0) ? locations[$0] : "point \($0)" },
            sourceNames: ["frequency_Hz": frequency, "impedance_ohm": "\(real)/\(imaginary)"])
    }

    /// An export of `spectra`, all with the columns `frequency`, `real` and `imaginary`.
    static func content(_ spectra: [ExportSpectrum], frequency: String, real: String, imaginary: String) -> ExportContent {
        var content = ExportContent()
        content.spectra = spectra
        content.spectrumColumns = [ColumnDescription(name: frequency, units: "Hz"), ColumnDescription(name: real, units: "ohm"),
                                   ColumnDescription(name: imaginary, units: "ohm")]
        return content
    }
}
