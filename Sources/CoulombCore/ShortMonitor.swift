/// Short-circuit watch over long constant-current cycling of a symmetric cell.
///
/// Each half-cycle is compared, with ``ShortCriteria``, against the cell's own recent past: the expected
/// overpotential is the median plateau of the last `baselineWindow` healthy half-cycles (scaled by the
/// current density), so an overpotential that grows slowly — interface degradation, not a short — moves
/// the baseline with it and is never flagged; the baseline noise is the median noise of the first
/// `baselineWindow` half-cycles, so a trace that was noisy from the start is judged against its own noise.
///
/// Events: the first soft short (a sudden drop or noise far above the baseline) and the first hard short,
/// each with its time, cycle and reason.
public struct ShortMonitor: Sendable {
    public enum Kind: String, Sendable {
        case softShort = "soft_short"
        case hardShort = "hard_short"
    }

    public struct Event: Sendable, Equatable {
        public var kind: Kind
        public var time_s: Double
        public var cycle: Int
        public var reason: String
    }

    /// 10 half-cycles (5 cycles): enough for a median that ignores one odd half-cycle, short enough to
    /// follow a drift over tens of hours.
    public static let baselineWindow = 10

    public var halfCycles: [SymmetricHalfCycle]
    public var reasons: [[ShortReason]]
    /// The cycle each half-cycle belongs to: the instrument's, or one per plating/stripping pair from 1.
    public var cycles: [Int]
    public var events: [Event]

    public var firstHardShortTime_s: Double? { events.first { $0.kind == .hardShort }?.time_s }
    public var firstSoftShortTime_s: Double? { events.first { $0.kind == .softShort }?.time_s }

    public init(_ data: CyclingData, area_cm2: Double?, criteria: ShortCriteria = ShortCriteria()) throws(AnalysisError) {
        let halves = try SymmetricHalfCycle.all(data, area_cm2: area_cm2)
        guard Set(halves.map(\.direction)).count == 2 else {
            throw AnalysisError("the current never reverses: this is not plating and stripping")
        }
        let window = Self.baselineWindow
        let baselineNoise = SymmetricHalfCycle.median(halves.prefix(window).map(\.noise_V))
        var healthy: [SymmetricHalfCycle] = []
        func expected(_ half: SymmetricHalfCycle) -> Double? {
            guard !healthy.isEmpty else { return nil }
            let recent = healthy.suffix(window)
            return SymmetricHalfCycle.median(recent.map { $0.plateauOverpotential_V / $0.currentDensity_mA_cm2 })
                * half.currentDensity_mA_cm2
        }
        var reasons: [[ShortReason]] = [], expectations: [Double?] = []
        for (k, half) in halves.enumerated() {
            var found: [ShortReason] = []
            expectations.append(expected(half))
            if let expectedHere = expectations[k] {
                let next = k + 1 < halves.count ? halves[k + 1] : nil
                found = criteria.reasons(half, expected_V: expectedHere, baselineNoise_V: baselineNoise,
                                         next: next.map { ($0, expected($0)!) })
            }
            reasons.append(found)
            if found.isEmpty { healthy.append(half) }
        }
        let cycles = halves.enumerated().map { k, half in data.cycleIndex.map { $0[half.rows.lowerBound] } ?? k / 2 + 1 }

        var events: [Event] = []
        for kind in [Kind.softShort, .hardShort] {
            let matches: (ShortReason) -> Bool = kind == .hardShort ? { $0 == .hardShort } : { $0 == .suddenDrop || $0 == .noise }
            guard let k = reasons.firstIndex(where: { $0.contains(where: matches) }) else { continue }
            let half = halves[k]
            let found = reasons[k].filter(matches)
            let time = criteria.onsetTime(half, reasons: found, expected_V: expectations[k] ?? half.plateauOverpotential_V, data: data)
            events.append(Event(kind: kind, time_s: time, cycle: cycles[k], reason: Self.describe(found, half)))
        }
        self.halfCycles = halves
        self.reasons = reasons
        self.cycles = cycles
        self.events = events.sorted { $0.time_s < $1.time_s }
    }

    static func describe(_ reasons: [ShortReason], _ half: SymmetricHalfCycle) -> String {
        // Millivolts to 0.01 mV are what a reader compares with a trace.
        func mV(_ volts: Double) -> String { "\((volts * 1e5).rounded() / 100) mV" }
        return reasons.map { reason in
            switch reason {
            case .hardShort: "|V| fell to \(mV(half.endOverpotential_V)) and stayed down"
            case .suddenDrop: "|V| dropped by \(mV(half.largestDrop_V)) at constant current"
            case .noise: "voltage noise \(mV(half.noise_V)), far above the cell's early noise"
            case .overpotentialCollapse, .superOhmic: reason.rawValue
            }
        }.joined(separator: "; ")
    }
}
