/// The voltage of one half-cycle against the capacity passed since it began: every sample of its
/// constant-current and constant-voltage steps (rests leave the capacity unchanged and are left out).
///
/// Unlike ``LevelFilter``, nothing is thinned or made monotonic: this is the record as the cell went
/// through it, for a voltage–capacity plot.
public struct VoltageCapacityCurve: Sendable, Equatable {
    public var cycle: Int
    public var direction: Direction
    public var voltage_V: [Double]
    /// From 0 at the start of the half-cycle's first step.
    public var capacity_Ah: [Double]

    /// The curves of the chosen cycles (all when `nil`), charge and discharge, in the order they happened.
    ///
    /// - Throws: ``AnalysisError`` for a cycle the record does not have.
    public static func all(
        _ data: CyclingData, convention: CycleConvention.Choice, cycles selected: Set<Int>? = nil,
        segmentation: StepSegmentation = StepSegmentation()
    ) throws(AnalysisError) -> [VoltageCapacityCurve] {
        let steps = segmentation.steps(data)
        let chosen = try CycleAssignment(steps: steps, data: data, convention: convention.convention).cycles(selected)
        return HalfCycle.all(steps: steps, cycles: chosen, includingHolds: true).map { half in
            var curve = VoltageCapacityCurve(cycle: half.cycle, direction: half.direction, voltage_V: [], capacity_Ah: [])
            half.forEachSample(in: data) { row, q in
                curve.voltage_V.append(data.voltage_V[row])
                curve.capacity_Ah.append(q)
            }
            return curve
        }
    }
}
