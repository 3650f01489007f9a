/// Incremental-capacity (dQ/dV) and differential-voltage (dV/dQ) curves of a cycling record.
///
/// Per half-cycle (``HalfCycle``: its constant-current steps, capacity running from zero):
/// 1. the ``LevelFilter`` averages the samples of each 2 mV voltage level into one point, moving only
///    forward in voltage (the mean, not the first sample past the step, so noise does not shift peaks);
/// 2. the kept capacity is interpolated linearly onto a uniform voltage grid (dQ/dV), or the kept voltage
///    onto a uniform capacity grid (dV/dQ);
/// 3. ``Smoothing`` differentiates it.
///
/// A half-cycle with fewer than `minimumGridPoints` grid points after filtering (a few millivolts of
/// travel) has no curve and is listed in `skipped`.
public struct DifferentialAnalysis: Sendable {
    public var levelFilter = LevelFilter()
    /// 1 mV: half the level step, so the grid never discards a kept point's information.
    public var resolution_V = 0.001
    public var voltageSmoothing = Smoothing.gaussian(fwhm: 0.010)
    /// The capacity grid of dV/dQ; by default 1/1000 of the largest half-cycle's capacity (to its last
    /// kept level), shared by all.
    public var resolution_Ah: Double?
    /// By default a Gaussian of FWHM 1 % of the largest half-cycle's capacity (ten grid steps, as 10 mV is
    /// ten steps of the voltage grid).
    public var capacitySmoothing: Smoothing?
    public var minimumGridPoints = 5

    public init() {}

    /// A half-cycle that gave no curve, and why.
    public struct Skipped: Sendable, Equatable {
        public var cycle: Int
        public var direction: Direction
        public var reason: String
    }

    public struct Result: Sendable {
        public var curves: [DifferentialCurve]
        public var skipped: [Skipped]
    }

    /// The curves of the chosen cycles (all when `nil`) and directions, in the
    /// order they happened.
    ///
    /// - Throws: ``AnalysisError`` for a non-positive resolution, width or step, or a cycle the record
    ///   does not have.
    public func curves(
        _ kind: DifferentialCurve.Kind, of data: CyclingData, convention: CycleConvention.Choice,
        cycles selected: Set<Int>? = nil, directions: Set<Direction> = Set(Direction.allCases),
        segmentation: StepSegmentation = StepSegmentation()
    ) throws(AnalysisError) -> Result {
        try AnalysisError.requirePositive(resolution_V, "the voltage resolution")
        try AnalysisError.requirePositive(levelFilter.step_V, "the level-filter step")
        try AnalysisError.requirePositive(resolution_Ah, "the capacity resolution")
        for smoothing in [voltageSmoothing, capacitySmoothing ?? .none] {
            switch smoothing {
            case .none: break
            case .gaussian(let fwhm): try AnalysisError.requirePositive(fwhm, "the smoothing width")
            case .savitzkyGolay(let width, let order):
                try AnalysisError.requirePositive(width, "the smoothing width")
                guard order >= 1 else { throw AnalysisError("the Savitzky–Golay order must be at least 1, not \(order)") }
            }
        }
        let steps = segmentation.steps(data)
        let assignment = CycleAssignment(steps: steps, data: data, convention: convention.convention)
        let chosen = try assignment.cycles(selected)
        let halves = HalfCycle.all(steps: steps, cycles: chosen, directions: directions)
        let filtered = halves.map { levelFilter.apply($0, in: data) }

        var result = Result(curves: [], skipped: [])
        let largest_Ah = filtered.map { $0.capacity_Ah.last ?? 0 }.max() ?? 0
        let spacing_Ah = resolution_Ah ?? largest_Ah / 1000
        let smoothing_Ah = capacitySmoothing ?? .gaussian(fwhm: largest_Ah / 100)
        for (half, kept) in zip(halves, filtered) {
            var (voltage, capacity) = kept
            let curve: DifferentialCurve
            switch kind {
            case .incrementalCapacity:
                if half.direction == .discharge {
                    voltage.reverse()
                    capacity.reverse()
                }
                let grid = UniformGrid.interpolating(x: voltage, y: capacity, spacing: resolution_V)
                curve = DifferentialCurve(kind: kind, cycle: half.cycle, direction: half.direction, grid: grid,
                                          derivative: voltageSmoothing.derivative(grid.values, spacing: resolution_V))
            case .differentialVoltage:
                guard spacing_Ah > 0 else {
                    result.skipped.append(Skipped(cycle: half.cycle, direction: half.direction, reason: "no capacity passed"))
                    continue
                }
                // Capacity rises strictly between kept points, unless the current stalled; keep the first of a tie.
                var kept = (q: [Double](), v: [Double]())
                for (q, v) in zip(capacity, voltage) where q > (kept.q.last ?? -.infinity) {
                    kept.q.append(q)
                    kept.v.append(v)
                }
                let grid = UniformGrid.interpolating(x: kept.q, y: kept.v, spacing: spacing_Ah)
                curve = DifferentialCurve(kind: kind, cycle: half.cycle, direction: half.direction, grid: grid,
                                          derivative: smoothing_Ah.derivative(grid.values, spacing: spacing_Ah))
            }
            if curve.grid.values.count < minimumGridPoints {
                let travel = (voltage.max() ?? 0) - (voltage.min() ?? 0)
                result.skipped.append(Skipped(
                    cycle: half.cycle, direction: half.direction,
                    reason: "too short for a curve (\(curve.grid.values.count) grid points; the voltage moved \(Int((travel * 1000).rounded())) mV)"))
            } else {
                result.curves.append(curve)
            }
        }
        return result
    }
}
