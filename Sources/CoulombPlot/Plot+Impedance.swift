import ComplexModule
import CoulombCore
import RealModule

extension Plot {
    /// Frequencies at which a fitted circuit is drawn: 40 per decade over the measured range.
    static func fitFrequencies(_ spectrum: ImpedanceSpectrum) -> [Double] {
        let low = Double.log10(spectrum.frequency_Hz.min()!), high = Double.log10(spectrum.frequency_Hz.max()!)
        let count = max(2, Int(((high - low) * 40).rounded(.up)) + 1)
        return (0..<count).map { Double.pow(10, low + (high - low) * Double($0) / Double(count - 1)) }
    }

    /// The measured points of each spectrum and its fitted circuit, as x/y series of `coordinates`.
    private static func impedanceSeries(
        _ spectra: [ImpedanceSpectrum], circuit: Circuit?, fits: [CircuitFitResult?],
        coordinates: (_ frequency_Hz: [Double], _ impedance: [Complex<Double>]) -> (x: [Double], y: [Double])
    ) -> (series: [Series], bar: ColourBar?) {
        // Up to eight spectra get a category colour and a legend entry each; more are coloured along
        // viridis by test id (a series in time), keyed by a colour bar.
        let ids = spectra.enumerated().map { $1.testID ?? $0 }
        let (first, last) = (ids.min() ?? 0, ids.max() ?? 0)
        let colours = spectra.count <= 8 ? colours(spectra.count)
            : ids.map { Palette.sequential(last > first ? Double($0 - first) / Double(last - first) : 0) }
        var series: [Series] = []
        for (k, spectrum) in spectra.enumerated() {
            let key = "spectrum \(spectrum.testID ?? k)"
            let named = spectra.count <= 8
            let (x, y) = coordinates(spectrum.frequency_Hz, spectrum.impedance_ohm)
            var measured = Series(role: "measured", key: key, name: named ? spectrumName(spectrum, index: k) : nil,
                                  x: x, y: y, colour: colours[k])
            measured.lineWidth = nil
            measured.marker = .circle
            measured.markerSize = 5
            measured.markerFilled = false
            series.append(measured)
            if let circuit, k < fits.count, let fit = fits[k] {
                let frequencies = fitFrequencies(spectrum)
                let (fx, fy) = coordinates(frequencies, circuit.impedance(frequency_Hz: frequencies, parameters: fit.values))
                var line = Series(role: "fit", key: key, name: nil, x: fx, y: fy, colour: colours[k])
                line.lineWidth = 1.6
                series.append(line)
            }
        }
        if circuit != nil, fits.contains(where: { $0 != nil }) {
            // One legend entry for every fit line: "fit: R0-p(R1,CPE1)".
            var key = Series(role: "fit-key", key: "fit", name: "Fit: \(circuit!.text)", x: [], y: [], colour: Chart.ink)
            key.lineWidth = 1.6
            series.append(key)
        }
        let bar = spectra.count > 8 && last > first ? ColourBar(label: "Spectrum (test id)", range: Double(first)...Double(last)) : nil
        return (series, bar)
    }

    /// For each whole decade of frequency the spectrum covers, the point measured nearest to it (within
    /// a tenth of a decade), as index and decade.
    static func decadePoints(_ spectrum: ImpedanceSpectrum) -> [(index: Int, decade: Int)] {
        let logs = spectrum.frequency_Hz.map { Double.log10($0) }
        let low = Int((logs.min()! - 0.1).rounded(.up)), high = Int((logs.max()! + 0.1).rounded(.down))
        guard low <= high else { return [] }
        return (low...high).compactMap { decade in
            let nearest = logs.indices.min { abs(logs[$0] - Double(decade)) < abs(logs[$1] - Double(decade)) }!
            return abs(logs[nearest] - Double(decade)) <= 0.1 ? (nearest, decade) : nil
        }
    }

    /// Nyquist plot: −Z″ against Z′ (Ω), one unit as long on both axes so arcs look like arcs; measured
    /// points as open circles, each spectrum's fitted circuit (when given) as a line over its measured
    /// frequencies; with up to three spectra, the points nearest each decade of frequency labelled.
    ///
    /// - Parameters:
    ///   - spectra: the measured spectra.
    ///   - circuit: the circuit fitted to them, if any.
    ///   - fits: per spectrum, the fitted values of `circuit` (`nil` where the fit failed); empty for none.
    ///   - title: the figure's title.
    ///   - subtitle: a line under it (the file and cell, say).
    public static func nyquist(_ spectra: [ImpedanceSpectrum], circuit: Circuit? = nil, fits: [CircuitFitResult?] = [],
                               title: String = "Nyquist plot", subtitle: String? = nil) -> String {
        let (series, bar) = impedanceSeries(spectra, circuit: circuit, fits: fits) { _, z in
            (z.map(\.real), z.map { -$0.imaginary })
        }
        var chart = Chart(x: Axis("Z′", unit: "Ω"), y: Axis("−Z″", unit: "Ω"))
        chart.series = series
        chart.colourBar = bar
        chart.equalScaling = true
        // With a few spectra, each decade of frequency is labelled at the measured point nearest to it.
        if spectra.count <= 3 {
            let colours = colours(spectra.count)
            for (k, spectrum) in spectra.enumerated() {
                chart.pointLabels += decadePoints(spectrum).map { index, decade in
                    PointLabel(x: spectrum.impedance_ohm[index].real, y: -spectrum.impedance_ohm[index].imaginary,
                               text: TickLabels.engineering(Double.pow(10, Double(decade))) + "Hz", colour: colours[k])
                }
            }
        }
        // The panel's height follows the data's aspect, so equal scaling leaves little empty space.
        let xs = series.flatMap(\.x).filter(\.isFinite), ys = series.flatMap(\.y).filter(\.isFinite)
        var height = 480.0
        if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max(), x1 > x0 {
            height = min(max(120 + 640 * (y1 - y0) / (x1 - x0), 300), 600)
        }
        return Figure(title: title, subtitle: subtitle, panels: [chart], panelHeight: height).svg()
    }

    /// Bode plot: |Z| (log) and −phase (degrees) against frequency (log), in two panels, with each fit.
    public static func bode(_ spectra: [ImpedanceSpectrum], circuit: Circuit? = nil, fits: [CircuitFitResult?] = [],
                            title: String = "Bode plot", subtitle: String? = nil) -> String {
        let (magnitude, bar) = impedanceSeries(spectra, circuit: circuit, fits: fits) { f, z in (f, z.map(\.length)) }
        let (phase, _) = impedanceSeries(spectra, circuit: circuit, fits: fits) { f, z in
            (f, z.map { -Double.atan2(y: $0.imaginary, x: $0.real) * 180 / Double.pi })
        }
        var top = Chart(x: Axis("Frequency", unit: "Hz", kind: .logarithmic), y: Axis("|Z|", unit: "Ω", kind: .logarithmic))
        top.series = magnitude
        top.colourBar = bar
        var bottom = Chart(x: Axis("Frequency", unit: "Hz", kind: .logarithmic), y: Axis("−Phase", unit: "°"))
        // One legend is enough: the lower panel's series carry no names.
        bottom.series = phase.map { var s = $0; s.name = nil; return s }
        bottom.colourBar = bar
        return Figure(title: title, subtitle: subtitle, panels: [top, bottom], panelHeight: 330).svg()
    }
}
