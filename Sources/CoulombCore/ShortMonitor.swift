/// Short-circuit watch over long constant-current cycling of a symmetric cell.
///
/// Each half-cycle is compared, with ``ShortCriteria``, against the cell's own recent past: the expected
/// overpotential is the median plateau of the last `baselineWindow` healthy half-cycles (scaled by the
/// current density), so an overpotential that grows slowly — interface degradation, not a short — moves
/// the baseline with it and is never flagged; the baseline noise is the median noise of the first
/// `baselineWindow` half-cycles, so a trace that was noisy from the start is judged against its own noise.
///
/// A baseline that follows the cell also follows a short that develops slowly, so the plateau ASR
/// (η/j) is compared as well with the established ASR — the highest rolling median seen so far (once
/// half the window is filled): a fall of more than ``ShortCriteria/gradualFraction`` below it, sustained
/// over ``ShortCriteria/gradualHalfCycles`` half-cycles, is a gradual soft short (`gradual_fall` on each
/// low half-cycle), unless it starts after a hard short or a drop that stays, which explains it. Its
/// onset is where the plateau ASR, read at each half-cycle's midpoint (where the median of the middle
/// 60 % of a steady trend sits) and interpolated linearly, crosses (1 − gradualFraction)·established.
///
/// Events: the first of each ``FailureMode``, with its kind (`soft_short` | `hard_short`), time, cycle and
/// reason. A transient (a dip that recovers, or flicker) is an event only when another half-cycle fails
/// within the next `baselineWindow` (or none follows): a single glitch stays in that half-cycle's reasons.
public struct ShortMonitor: Sendable {
    public enum Kind: String, Sendable {
        case softShort = "soft_short"
        case hardShort = "hard_short"
    }

    public struct Event: Sendable, Equatable {
        public var kind: Kind
        public var mode: FailureMode
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
        let halves = try SymmetricHalfCycle.all(data, area_cm2: area_cm2, dropWindow: criteria.dropWindow)
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
        var reasons: [[ShortReason]] = [], expectations: [Double?] = [], established: [Double?] = []
        var highest: Double?
        for (k, half) in halves.enumerated() {
            var found: [ShortReason] = []
            expectations.append(expected(half))
            if healthy.count >= window / 2, let rolling = expectations[k].map({ $0 / half.currentDensity_mA_cm2 }) {
                highest = max(highest ?? rolling, rolling)
            }
            established.append(highest)
            if let expectedHere = expectations[k] {
                let next = k + 1 < halves.count ? halves[k + 1] : nil
                found = criteria.reasons(half, expected_V: expectedHere, baselineNoise_V: baselineNoise,
                                         next: next.map { ($0, expected($0)!) })
            }
            reasons.append(found)
            if found.isEmpty { healthy.append(half) }
        }
        let cycles = halves.enumerated().map { k, half in data.cycleIndex.map { $0[half.rows.lowerBound] } ?? k / 2 + 1 }

        // The first half-cycle of each mode among the sudden signatures, then the gradual fall. A transient
        // (a dip that recovers, flicker) must recur within the baseline window to be a soft short.
        var first: [FailureMode: Int] = [:]
        var modes = [FailureMode?](repeating: nil, count: halves.count)
        for k in halves.indices where reasons[k].contains(where: \.fails) {
            let mode = criteria.mode(at: k, halves: halves, reasons: reasons[k], expected: expectations, data: data)
            modes[k] = mode
            let later = (k + 1)..<min(k + 1 + window, halves.count)
            let recurs = later.isEmpty || later.contains { reasons[$0].contains(where: \.fails) }
            if first[mode] == nil, mode != .transientSoft || recurs { first[mode] = k }
        }
        var events: [Event] = []
        for (mode, k) in first {
            let half = halves[k]
            let found = reasons[k].filter { mode == .suddenHard ? $0 == .hardShort : $0 != .hardShort }
            let time = criteria.onsetTime(half, reasons: found, expected_V: expectations[k] ?? half.plateauOverpotential_V, data: data)
            events.append(Event(kind: mode.isHard ? .hardShort : .softShort, mode: mode, time_s: time, cycle: cycles[k],
                                reason: Self.describe(found, half)))
        }
        if let gradual = Self.gradualFall(halves, established: established, modes: modes, criteria: criteria) {
            for k in gradual.low { reasons[k].append(.gradualFall) }
            let k = halves.lastIndex { $0.start_s <= gradual.time_s } ?? 0
            events.append(Event(kind: .softShort, mode: .gradualSoft, time_s: gradual.time_s, cycle: cycles[k], reason: gradual.reason))
        }
        self.halfCycles = halves
        self.reasons = reasons
        self.cycles = cycles
        self.events = events.sorted { $0.time_s < $1.time_s }
    }

    /// The first sustained fall of the plateau ASR below (1 − gradualFraction) of the established ASR that
    /// starts before any hard short or drop that stays (which would explain it): its onset time, the low
    /// half-cycles from there on, and the reason.
    static func gradualFall(
        _ halves: [SymmetricHalfCycle], established: [Double?], modes: [FailureMode?], criteria: ShortCriteria
    ) -> (time_s: Double, low: [Int], reason: String)? {
        let asr = halves.map { $0.plateauOverpotential_V / $0.currentDensity_mA_cm2 }
        func low(_ k: Int, _ reference: Double) -> Bool { asr[k] < (1 - criteria.gradualFraction) * reference }
        // A hard short or a drop that stays explains every low plateau after it (and the one before it).
        let explained = modes.firstIndex { $0.map { $0 != .transientSoft && $0 != .gradualSoft } ?? false }.map { $0 - 1 } ?? halves.count
        var k = 0
        while k < explained, k + criteria.gradualHalfCycles <= halves.count {
            guard let reference = established[k], low(k, reference),
                  (k..<k + criteria.gradualHalfCycles).allSatisfy({ low($0, reference) }) else {
                k += 1
                continue
            }
            let threshold = (1 - criteria.gradualFraction) * reference
            let middle = { (j: Int) in halves[j].start_s + halves[j].duration_s / 2 }
            var time = halves[k].start_s
            if k > 0, asr[k - 1] > threshold {
                time = middle(k - 1) + (asr[k - 1] - threshold) / (asr[k - 1] - asr[k]) * (middle(k) - middle(k - 1))
            }
            let lows = Array((k..<halves.count).filter { low($0, reference) })
            let reason = "plateau ASR fell more than \(Int((criteria.gradualFraction * 100).rounded())) % below the established \(Int((reference * 1000).rounded())) Ω·cm², sustained over \(criteria.gradualHalfCycles) half-cycles"
            return (time, lows, reason)
        }
        return nil
    }

    static func describe(_ reasons: [ShortReason], _ half: SymmetricHalfCycle) -> String {
        // Millivolts to 0.01 mV are what a reader compares with a trace.
        func mV(_ volts: Double) -> String { "\((volts * 1e5).rounded() / 100) mV" }
        return reasons.map { reason in
            switch reason {
            case .hardShort: "|V| fell to \(mV(half.endOverpotential_V)) and stayed down"
            case .suddenDrop: "|V| dropped by \(mV(half.largestDrop_V)) at constant current"
            case .noise: "voltage noise \(mV(half.noise_V)), far above the cell's early noise"
            case .overpotentialCollapse, .superOhmic, .gradualFall: reason.rawValue
            }
        }.joined(separator: "; ")
    }
}
