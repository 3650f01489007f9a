import ComplexModule
import RealModule

/// The distribution of relaxation times (DRT) of an impedance spectrum, and the processes read off it.
///
/// The model is Z(ω) = R∞ [+ jωL] + ∫ γ(ln τ)/(1 + jωτ) d ln τ with γ ≥ 0, γ in Ω per unit ln τ. γ is
/// written in Gaussian radial basis functions on a log-τ grid reaching a decade beyond the measured band
/// (`DRTBasis`; Wan et al., Electrochim. Acta 184, 483, 2015; Ciucci & Chen, Electrochim. Acta 167, 439,
/// 2015) and found by Tikhonov regularisation on its first or second derivative, fitted to the real and
/// imaginary parts together or to one of them, each point relative to |Z| (`DRTRegularisation`). λ is
/// chosen by the real/imaginary discrepancy of Saccoccio et al. (2014) unless given.
///
/// Peaks of γ are the processes; their R and τ come from a fit of one ZARC per peak to Z itself
/// (`DRTPeaks`), since the area under a regularised γ is biased by λ and shared between overlapping peaks.
/// Each peak reports τ, f = 1/2πτ, R, the Hsu–Mansfeld effective capacitance τ/R and its class in the
/// capacitance table.
///
/// **Input it will not take, and what it does with doubtful input.** Fewer than `minimumPoints` (10)
/// points, repeated frequencies or no imaginary part: an error. The inductive tail (points with Z″ > 0 from
/// the highest frequency down, the cables' inductance) is left out and counted, as `coulomb fit` does,
/// unless `inductance` is set, when a series L is fitted instead. A spectrum that breaks Kramers–Kronig is
/// analysed but flagged when its real and imaginary parts disagree on γ by more than
/// `discrepancyWarning` (2 % of |Z| rms; noise of 1 % gives about 1.2 %, a 10 % drift of Z′ over the
/// sweep about 3 %): a DRT of such a spectrum has peaks that are not processes. That discrepancy, not
/// lin-KK, is the check, because lin-KK's μ criterion (Schönleber's, as impedance.py's `linKK` applies it)
/// stops at M = 5 on an exact ZARC with n = 0.8 and reports residuals of 48 %: it would flag valid spectra. A peak
/// outside the measured band is flagged (`DRTPeak.insideBand`) and named in a warning.
///
/// Speed: the λ search (13 pairs of ridge solves, ~60 unknowns each) and one ZARC fit per peak dominate;
/// `Benchmarks/RESULTS.md` has the measured times.
public struct DistributionOfRelaxationTimes: Sendable {
    /// Which part of Z the final γ is fitted to.
    public enum Part: String, CaseIterable, Sendable {
        case complex, real, imaginary
    }

    public var part: Part
    /// The derivative of γ the penalty is on: 1 or 2.
    public var derivativeOrder: Int
    /// nil: chosen by the real/imaginary discrepancy.
    public var lambda: Double?
    /// Fit a series inductance rather than leave out the inductive tail.
    public var inductance: Bool
    /// Basis functions per decade of τ.
    public var basisPerDecade: Double
    /// How far the τ grid reaches beyond the measured band on either side, decades.
    public var extensionDecades: Double
    /// A peak holding less than this share of the DRT's total area is ringing, not a process.
    public var minimumPeakShare: Double
    public var capacitanceClasses: CapacitanceTable
    /// l/A, cm⁻¹, to normalise effective capacitances to a cell constant of 1 cm⁻¹ before they are
    /// classified (nil: as measured).
    public var cellConstant_per_cm: Double?
    public var fitter: ImpedanceFitter

    public static let minimumPoints = 10
    /// √(D/2N) above this (relative to |Z|) is flagged: the two parts of Z disagree on γ.
    public static let discrepancyWarning = 0.02

    public init(part: Part = .complex, derivativeOrder: Int = 1, lambda: Double? = nil, inductance: Bool = false,
                basisPerDecade: Double = 6, extensionDecades: Double = 1, minimumPeakShare: Double = 0.01,
                capacitanceClasses: CapacitanceTable = .standard, cellConstant_per_cm: Double? = nil,
                fitter: ImpedanceFitter = ImpedanceFitter(restartCarried: 0), kramersKronig: KramersKronig = KramersKronig()) {
        self.part = part
        self.derivativeOrder = derivativeOrder
        self.lambda = lambda
        self.inductance = inductance
        self.basisPerDecade = basisPerDecade
        self.extensionDecades = extensionDecades
        self.minimumPeakShare = minimumPeakShare
        self.capacitanceClasses = capacitanceClasses
        self.cellConstant_per_cm = cellConstant_per_cm
        self.fitter = fitter
    }

    public struct Result: Sendable {
        /// The regularisation strength used, and whether it was chosen (rather than given).
        public var lambda: Double
        public var lambdaChosen: Bool
        /// √(D/2N) at λ: the rms disagreement, relative to |Z|, between each part of Z and the γ fitted to
        /// the other part (see `DRTRegularisation`).
        public var reImDiscrepancy: Double
        /// The rms residual of the DRT's own fit, relative to |Z|.
        public var residual: Double
        /// R∞ and L from the ZARC fit (the DRT's when it failed), Ω and H.
        public var seriesResistance_ohm: Double
        public var seriesInductance_H: Double?
        /// γ(τ), Ω, at τ = 10^(k/(4·basisPerDecade)) over the grid.
        public var tau_s: [Double]
        public var gamma_ohm: [Double]
        public var peaks: [DRTPeak]
        /// ΣR over the peaks, Ω.
        public var polarisationResistance_ohm: Double { peaks.reduce(0) { $0 + $1.resistance_ohm } }
        public var fittedPoints: Int
        /// Points left out as the inductive tail.
        public var excludedPoints: Int
        public var warnings: [String]
    }

    /// - Throws: `AnalysisError` for too few points, repeated frequencies or no imaginary part.
    public func analyse(_ spectrum: ImpedanceSpectrum) throws(AnalysisError) -> Result {
        guard derivativeOrder == 1 || derivativeOrder == 2 else {
            throw AnalysisError("the DRT penalty is on the first or second derivative, not order \(derivativeOrder)")
        }
        if let lambda, !(lambda > 0 && lambda.isFinite) {
            throw AnalysisError("λ = \(lambda) is not a positive number")
        }
        let points = try FitPoints(spectrum, circuit: inductance ? Self.inductive : Self.resistive)
        guard points.count >= Self.minimumPoints else {
            let tail = points.excluded > 0 ? " (after leaving out \(points.excluded) inductive)" : ""
            throw AnalysisError("\(points.count) point(s)\(tail) are too few for a DRT (at least \(Self.minimumPoints))")
        }
        let fitted = try ImpedanceSpectrum(points)
        var warnings: [String] = []

        let omega = points.frequency_Hz.map { 2 * .pi * $0 }
        let basis = DRTBasis(omega: omega, perDecade: basisPerDecade, extension: extensionDecades)
        let problem = DRTRegularisation(omega: omega, z: points.impedance_ohm, basis: basis,
                                        derivativeOrder: derivativeOrder, inductance: inductance)
        // A λ given by hand skips the search; the discrepancy at it is still the data-quality signal.
        let (lambda, discrepancy) = self.lambda.map { ($0, problem.discrepancy($0, warning: Self.discrepancyWarning)) }
            ?? problem.chooseLambda(warning: Self.discrepancyWarning)
        if discrepancy > Self.discrepancyWarning {
            warnings.append("the real and imaginary parts disagree on γ by \(FitDiagnosis.format(100 * discrepancy)) % of |Z| "
                            + "(rms): check the spectrum's validity")
        }
        let regionPart: DRTRegularisation.Part = switch part {
        case .complex: .both
        case .real: .real
        case .imaginary: .imaginary
        }
        let u = problem.nonNegative(lambda, regionPart)
        let x = Array(u[1...basis.count])
        let realResidual = problem.residuals(u, real: true), imaginaryResidual = problem.residuals(u, real: false)
        let residual = (LevenbergMarquardt.sumOfSquares(realResidual) + LevenbergMarquardt.sumOfSquares(imaginaryResidual))
            / Double(2 * points.count)
        // The DRT's fit in lin-KK's terms (residuals in % of |Z|; its parameters the basis functions in use, R∞
        // and L): the ZARC fits' residual level.
        let level = KramersKronig.Result(
            m: x.filter { $0 > 0 }.count, mu: 1, residualReal_pct: realResidual.map { 100 * $0 },
            residualImaginary_pct: imaginaryResidual.map { 100 * $0 },
            maximumResidualReal_pct: 100 * (realResidual.map(abs).max() ?? 0),
            maximumResidualImaginary_pct: 100 * (imaginaryResidual.map(abs).max() ?? 0), isValid: true,
            hasSeriesCapacitance: false, seriesCapacitance_F: nil, seriesInductance_H: inductance ? u[u.count - 1] : 0)

        // The closest any non-negative distribution on the grid fits these points (λ at the bottom of the
        // search range): a floor no sum of ZARCs goes below, against which the peak search judges whether
        // one more ZARC could still matter. The DRT's own residuals at a large λ are no such floor. Solved
        // only when the search asks (a spectrum of one peak never does).
        let floor = { () -> (sum: Double, parameters: Int) in
            let closest = problem.nonNegative(Double.pow(10, DRTRegularisation.lambdaRange.low), .both)
            return (LevenbergMarquardt.sumOfSquares(problem.residuals(closest, real: true))
                        + LevenbergMarquardt.sumOfSquares(problem.residuals(closest, real: false)),
                    closest.filter { $0 > 0 }.count)
        }

        // γ on a grid four times as fine as the basis, aligned to whole steps of log₁₀τ.
        let step = 1 / (4 * basisPerDecade)
        let first = Int((basis.logTau[0] / Double.log(10) / step).rounded(.up))
        let last = Int((basis.logTau[basis.count - 1] / Double.log(10) / step).rounded(.down))
        let gamma = (first...last).map { basis.gamma(x, at: Double($0) * step * Double.log(10)) }
        let curve = UniformGrid(first: first, spacing: step, values: gamma)

        let band = (1 / omega.max()!)...(1 / omega.min()!)
        let scale = cellConstant_per_cm ?? 1
        let outcome = DRTPeaks(minimumShare: minimumPeakShare, fitter: fitter)
            .find(curve: curve, band: band, grid: Double.exp(basis.logTau[0])...Double.exp(basis.logTau[basis.count - 1]), rInfinity: u[0], inductance: inductance ? u[u.count - 1] : nil,
                  spectrum: fitted, level: level, floor: floor) { capacitanceClasses.classify($0 * scale) }
        warnings += outcome.warnings
        let outside = outcome.peaks.enumerated().filter { !$0.element.insideBand }.map { "\($0.offset + 1)" }
        if !outside.isEmpty {
            warnings.append("peak(s) \(outside.joined(separator: ", ")) lie outside the measured band: their values are extrapolated")
        }
        return Result(lambda: lambda, lambdaChosen: self.lambda == nil, reImDiscrepancy: discrepancy,
                      residual: residual.squareRoot(), seriesResistance_ohm: outcome.seriesResistance_ohm,
                      seriesInductance_H: outcome.seriesInductance_H,
                      tau_s: (0..<curve.values.count).map { Double.pow(10, curve.x($0)) }, gamma_ohm: gamma,
                      peaks: outcome.peaks, fittedPoints: points.count, excludedPoints: points.excluded,
                      warnings: warnings)
    }

    /// Analyses many spectra on `workers` cores: each spectrum's result or error, in the spectra's order.
    public func analyse(_ spectra: [ImpedanceSpectrum], workers: Int) -> [Swift.Result<Result, AnalysisError>] {
        ParallelAnalysis.map(spectra, workers: workers) { spectrum throws(AnalysisError) in try analyse(spectrum) }
    }

    // The circuits whose `FitPoints` leave out the inductive tail, or keep it.
    private static let resistive = try! CircuitParser.parse("R0")
    private static let inductive = try! CircuitParser.parse("R0-L0")
}

extension ImpedanceSpectrum {
    /// The points a fit uses, as a spectrum of their own (ascending frequency).
    init(_ points: FitPoints) throws(AnalysisError) {
        do {
            try self.init(frequency_Hz: points.frequency_Hz, impedance_ohm: points.impedance_ohm)
        } catch {
            throw AnalysisError("\(error)")
        }
    }
}
