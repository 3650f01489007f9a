extension ShortMonitor {
    /// One cycle of a symmetric cell's watch: its two half-cycles' plateau overpotentials side by side.
    public struct CycleRow: Sendable, Equatable {
        public var cycle: Int
        public var start_s: Double
        public var currentDensity_mA_cm2: Double
        /// Plateau overpotential of the half-cycle with positive current, V (nil when the cycle has none).
        public var positive_V: Double?
        public var negative_V: Double?
        /// The larger noise of the two half-cycles, V.
        public var noise_V: Double
        /// Every criterion that fired in the cycle, once each, in order.
        public var reasons: [String]
    }

    /// The half-cycles gathered by cycle, in time order.
    public var cycleRows: [CycleRow] {
        var rows: [CycleRow] = []
        for (k, half) in halfCycles.enumerated() {
            if rows.last?.cycle != cycles[k] {
                rows.append(CycleRow(cycle: cycles[k], start_s: half.start_s, currentDensity_mA_cm2: half.currentDensity_mA_cm2,
                                     noise_V: 0, reasons: []))
            }
            let last = rows.count - 1
            if half.direction == .charge { rows[last].positive_V = half.plateauOverpotential_V } else { rows[last].negative_V = half.plateauOverpotential_V }
            rows[last].noise_V = max(rows[last].noise_V, half.noise_V)
            for reason in reasons[k] where !rows[last].reasons.contains(reason.rawValue) {
                rows[last].reasons.append(reason.rawValue)
            }
        }
        return rows
    }
}
