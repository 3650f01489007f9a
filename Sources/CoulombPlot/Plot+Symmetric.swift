import CoulombCore

extension Plot {
    static let failureColour = Palette.category(1)  // vermillion
    static let softShortColour = Colour(0x9E5A00)  // Okabe–Ito orange, darkened to read as text on white

    /// The voltage trace of a symmetric cell in mV against time, and the time unit's seconds and origin.
    private static func trace(_ data: CyclingData) -> (chart: Chart, seconds: Double, start: Double) {
        let (timeAxis, seconds) = timeAxis(span_s: data.timeSpan_s)
        let start = data.time_s[0]
        var chart = Chart(x: timeAxis, y: Axis("Voltage", unit: "mV", includesZero: true))
        var voltage = Series(role: "voltage", key: "voltage", x: data.time_s.map { ($0 - start) / seconds },
                             y: data.voltage_V.map { $0 * 1000 }, colour: Palette.category(0))
        voltage.lineWidth = 1
        chart.series = [voltage]
        return (chart, seconds, start)
    }

    /// A critical-current-density ramp: the voltage trace with each current-density level shaded
    /// (levels that failed tinted), the failure onset marked, and the CCD, protocol and ASR_dc stated.
    public static func symmetricTrace(_ data: CyclingData, ccd verdict: CriticalCurrentDensity,
                                      title: String = "Critical current density", subtitle: String? = nil) -> String {
        var (chart, seconds, start) = trace(data)
        let greys = [Colour(0xf1f1f1), Colour(0xe2e2e2)]
        for (k, level) in verdict.levels.enumerated() {
            let first = verdict.halfCycles[level.halfCycles.lowerBound], last = verdict.halfCycles[level.halfCycles.upperBound - 1]
            let shade = verdict.passed(level) ? greys[k % 2] : Colour(0xf7d9cc).mixed(with: Colour(0xf2c4b0), Double(k % 2))
            chart.bands.append(Band(from: (first.start_s - start) / seconds, to: (last.start_s + last.duration_s - start) / seconds,
                                    label: TickLabels.plain(level.currentDensity_mA_cm2), shade: shade))
        }
        chart.bandCaption = "j (mA cm⁻²)"
        if let onset = verdict.onsetTime_s {
            let kind = verdict.failure == .hardShort ? "hard short" : "soft short"
            let mode = verdict.failureMode.map { " (\($0.words))" } ?? ""
            chart.verticals.append(Vertical(x: (onset - start) / seconds,
                                            label: "\(kind)\(mode) at \(TickLabels.plain(verdict.onsetLevel_mA_cm2 ?? 0)) mA cm⁻²",
                                            role: "onset", colour: failureColour))
        }
        let ccd = verdict.ccd_mA_cm2.map { TickLabels.plain($0) }
        let failed = verdict.failureLevel_mA_cm2.map { ", failed at \(TickLabels.plain($0))" } ?? ""
        chart.notes = [
            ccd.map { verdict.ccdIsLowerBound ? "CCD ≥ \($0) mA cm⁻² (no failure)" : "CCD \($0)\(failed) mA cm⁻²" } ?? "CCD: none (the first level failed)",
            "\(verdict.rampProtocol.rawValue) ramp, ASR_dc \(TickLabels.plain(verdict.asrDC_ohm_cm2)) Ω cm²",
        ]
        return Figure(title: title, subtitle: subtitle, panels: [chart]).svg()
    }

    /// Long plating/stripping: the voltage trace with the first short of each failure mode marked.
    public static func symmetricTrace(_ data: CyclingData, shorts monitor: ShortMonitor,
                                      title: String = "Plating and stripping", subtitle: String? = nil) -> String {
        var (chart, seconds, start) = trace(data)
        for event in monitor.events {
            let hard = event.kind == .hardShort
            chart.verticals.append(Vertical(x: (event.time_s - start) / seconds,
                                            label: "\(hard ? "hard" : "soft") short (\(event.mode.words)), cycle \(event.cycle)",
                                            role: hard ? "hard-short" : "soft-short", colour: hard ? failureColour : softShortColour,
                                            dash: hard ? "6 3" : "2 3"))
        }
        if monitor.events.isEmpty { chart.notes = ["no short detected"] }
        return Figure(title: title, subtitle: subtitle, panels: [chart]).svg()
    }
}
