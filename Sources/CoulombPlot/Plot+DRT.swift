import CoulombCore

extension Plot {
    /// Distribution of relaxation times: γ (Ω) against τ (s, log axis), one line per spectrum overlaid, each
    /// peak marked where the DRT has it and titled with the ZARC fit's τ and R.
    ///
    /// - Parameters:
    ///   - spectra: the spectra, for their names in the legend.
    ///   - results: per spectrum, its DRT (`nil` where it failed: the spectrum is left out).
    ///   - title: the figure's title.
    ///   - subtitle: a line under it (the file and cell, say).
    public static func drt(_ spectra: [ImpedanceSpectrum], results: [DistributionOfRelaxationTimes.Result?],
                           title: String = "Distribution of relaxation times", subtitle: String? = nil) -> String {
        let drawn = spectra.indices.filter { $0 < results.count && results[$0] != nil }
        let palette = colours(drawn.count)
        var chart = Chart(x: Axis("τ", unit: "s", kind: .logarithmic), y: Axis("γ", unit: "Ω"))
        chart.y.includesZero = true
        for (colour, k) in zip(palette, drawn) {
            let result = results[k]!
            let key = "spectrum \(spectra[k].testID ?? k)"
            chart.series.append(Series(role: "drt", key: key, name: drawn.count <= 8 ? spectrumName(spectra[k], index: k) : nil,
                                       x: result.tau_s, y: result.gamma_ohm, colour: colour))
            // The marker sits on the curve at the DRT's own peak; its title gives the fitted values.
            let heights = result.peaks.map { peak in
                result.tau_s.indices.min { abs(result.tau_s[$0] / peak.drtTau_s - 1) < abs(result.tau_s[$1] / peak.drtTau_s - 1) }
                    .map { result.gamma_ohm[$0] } ?? 0
            }
            var marks = Series(role: "peak", key: key, name: nil, x: result.peaks.map(\.drtTau_s), y: heights, colour: colour)
            marks.lineWidth = nil
            marks.marker = .triangle
            marks.markerSize = 7
            marks.pointTitles = result.peaks.enumerated().map { n, peak in
                "peak \(n + 1): τ \(TickLabels.engineering(peak.tau_s))s, R \(TickLabels.engineering(peak.resistance_ohm))Ω, "
                    + peak.assignment
            }
            chart.series.append(marks)
        }
        return Figure(title: title, subtitle: subtitle, panels: [chart], panelHeight: 420).svg()
    }
}
