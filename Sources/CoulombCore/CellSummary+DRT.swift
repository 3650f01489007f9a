extension CellSummary {
    /// How many peaks of a spectrum's DRT a batch row holds (in order of τ: bulk, grain boundary, interface
    /// in a solid electrolyte); a spectrum with more has them counted in `drt_peaks_*` and noted.
    static let drtPeakColumns = 3

    /// The DRT's columns: spectra analysed and failed, then for the first and the last spectrum of the cell its
    /// number of peaks and each peak's τ and R (`coulomb drt`: R from a ZARC fit per peak).
    static let drtColumns: [String] = ["drt_spectra", "drt_failed_spectra"] + ["first", "last"].flatMap { which in
        ["drt_peaks_\(which)"] + (1...drtPeakColumns).flatMap { ["drt_peak\($0)_tau_s_\(which)", "drt_peak\($0)_R_ohm_\(which)"] }
    }

    func drt(_ cell: Cell, notes: inout [String]) -> [ResultTable.Value] {
        let results = DistributionOfRelaxationTimes(cellConstant_per_cm: cell.cellConstant_per_cm()).analyse(cell.spectra, workers: 1)
        let analysed = results.compactMap { try? $0.get() }
        for case .failure(let error) in results {
            notes.append("drt: \(results.count - analysed.count) of \(results.count) spectra failed (first: \(error))")
            break
        }
        var row: [ResultTable.Value] = [.integer(analysed.count), .integer(results.count - analysed.count)]
        for result in [analysed.first, analysed.last] {
            let peaks = result?.peaks ?? []
            if peaks.count > Self.drtPeakColumns {
                notes.append("drt: \(peaks.count) peaks, the first \(Self.drtPeakColumns) in columns")
            }
            row.append(.integer(result.map { $0.peaks.count }))
            for k in 0..<Self.drtPeakColumns {
                row += [.number(k < peaks.count ? peaks[k].tau_s : nil), .number(k < peaks.count ? peaks[k].resistance_ohm : nil)]
            }
        }
        return row
    }
}
