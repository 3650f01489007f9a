import CoulombCore

extension Plot {
    /// Voltage against time, with the current (mA) on a second axis; time in h, min or s by the record's length.
    public static func voltageTime(_ data: CyclingData, showCurrent: Bool = true,
                                   title: String = "Voltage and current", subtitle: String? = nil) -> String {
        let (timeAxis, seconds) = timeAxis(span_s: data.timeSpan_s)
        let start = data.time_s[0]
        let time = data.time_s.map { ($0 - start) / seconds }
        var voltageAxis = Axis("Voltage", unit: "V")
        voltageAxis.colour = Palette.category(0)
        var chart = Chart(x: timeAxis, y: voltageAxis)
        var voltage = Series(role: "voltage", key: "voltage", name: "Voltage", x: time, y: data.voltage_V, colour: Palette.category(0))
        voltage.lineWidth = 1.2
        if showCurrent {
            var currentAxis = Axis("Current", unit: "mA", includesZero: true)
            currentAxis.colour = Palette.category(1)
            chart.y2 = currentAxis
            var current = Series(role: "current", key: "current", name: "Current", x: time, y: data.current_A.map { $0 * 1000 },
                                 colour: Palette.category(1))
            current.lineWidth = 1
            current.side = .right
            chart.series = [current, voltage]
        } else {
            voltageAxis.colour = nil
            chart.y = voltageAxis
            voltage.name = nil
            chart.series = [voltage]
        }
        return Figure(title: title, subtitle: subtitle, panels: [chart]).svg()
    }

    /// The specific-capacity unit and the factor from Ah: mAh g⁻¹ with an active mass, else mAh.
    static func capacityUnit(activeMass_g: Double?) -> (unit: String, perAh: Double) {
        if let mass = activeMass_g { return ("mAh g⁻¹", 1000 / mass) }
        return ("mAh", 1000)
    }

    /// Voltage against the capacity passed in each half-cycle, one series per cycle (charge and
    /// discharge together), coloured from the first cycle (dark) to the last (pale).
    public static func voltageCapacity(_ curves: [VoltageCapacityCurve], activeMass_g: Double? = nil,
                                       title: String = "Voltage against capacity", subtitle: String? = nil) -> String {
        let (unit, perAh) = capacityUnit(activeMass_g: activeMass_g)
        var cycles: [Int] = []
        for curve in curves where cycles.last != curve.cycle { cycles.append(curve.cycle) }
        let (colours, bar) = cycleColours(cycles)
        var chart = Chart(x: Axis("Capacity", unit: unit, includesZero: true), y: Axis("Voltage", unit: "V"))
        chart.colourBar = bar
        for cycle in cycles {
            var x: [Double] = [], y: [Double] = []
            for curve in curves where curve.cycle == cycle {
                if !x.isEmpty { x.append(.nan); y.append(.nan) }
                x += curve.capacity_Ah.map { $0 * perAh }
                y += curve.voltage_V
            }
            var series = Series(role: "cycle", key: "cycle \(cycle)", name: bar == nil ? "Cycle \(cycle)" : nil,
                                x: x, y: y, colour: colours[cycle]!)
            series.lineWidth = 1.5
            chart.series.append(series)
        }
        return Figure(title: title, subtitle: subtitle, panels: [chart]).svg()
    }

    /// Charge and discharge capacity (left axis) and Coulombic efficiency (right axis, %) per cycle.
    /// Incomplete cycles (a record that starts or stops mid-cycle) have no CE, and their capacities are
    /// open markers off the lines, so a partial cycle does not read as capacity fade.
    public static func capacityEfficiency(_ table: CycleTable, activeMass_g: Double? = nil,
                                          title: String = "Capacity and Coulombic efficiency", subtitle: String? = nil) -> String {
        let (unit, perAh) = capacityUnit(activeMass_g: activeMass_g)
        let cycles = table.rows.map { Double($0.cycle) }
        var cycleAxis = Axis("Cycle")
        cycleAxis.wholeNumbers = true
        var ceAxis = Axis("Coulombic efficiency", unit: "%")
        ceAxis.colour = Palette.category(2)
        var chart = Chart(x: cycleAxis, y: Axis("Capacity", unit: unit, includesZero: true), y2: ceAxis)
        let inName = table.convention.forwardDirection.rawValue
        let outName = table.convention.forwardDirection.reversed.rawValue
        let complete = table.rows.map(\.isComplete)
        var partials: [Series] = []
        for (k, (name, values)) in [("Charge", table.rows.map(\.chargeCapacity_Ah)),
                                    ("Discharge", table.rows.map(\.dischargeCapacity_Ah))].enumerated() {
            var series = Series(role: "capacity", key: name.lowercased(), name: "\(name) capacity", x: cycles,
                                y: zip(values, complete).map { $1 ? $0 * perAh : .nan }, colour: Palette.category(k))
            series.lineWidth = 1
            series.marker = k == 0 ? .circle : .square
            series.markerSize = 5
            chart.series.append(series)
            if complete.contains(false) {
                var partial = series
                partial.role = "capacity-incomplete"
                partial.name = nil
                partial.y = zip(values, complete).map { $1 ? .nan : $0 * perAh }
                partial.lineWidth = nil
                partial.markerFilled = false
                partials.append(partial)
            }
        }
        var ce = Series(role: "efficiency", key: "ce", name: "CE = \(outName) / \(inName)", x: cycles,
                        y: table.rows.map { $0.coulombicEfficiency.map { $0 * 100 } ?? .nan }, colour: Palette.category(2))
        ce.lineWidth = 1
        ce.dash = "4 2"
        ce.marker = .diamond
        ce.markerSize = 6
        ce.markerFilled = false
        ce.side = .right
        chart.series.append(ce)
        if !partials.isEmpty {
            // One neutral legend entry for the open markers of either direction.
            var key = Series(role: "incomplete-key", key: "incomplete", name: "Incomplete cycle", x: [], y: [], colour: Chart.ink)
            key.lineWidth = nil
            key.marker = .circle
            key.markerSize = 5
            key.markerFilled = false
            chart.series += partials + [key]
        }
        return Figure(title: title, subtitle: subtitle, panels: [chart]).svg()
    }

    /// dQ/dV (mAh V⁻¹) against voltage — or dV/dQ (V mAh⁻¹) against capacity — for each curve, one series
    /// per cycle coloured as in ``voltageCapacity(_:activeMass_g:title:subtitle:)``; with a peak finder, its
    /// peaks marked (triangles, with position and height as tooltips).
    public static func differential(_ curves: [DifferentialCurve], peaks finder: PeakFinder? = nil,
                                    title: String? = nil, subtitle: String? = nil) -> String {
        let incremental = curves.first?.kind != .differentialVoltage
        // Ah → mAh: dQ/dV scales up by 1000, dV/dQ down, and its capacity abscissa up.
        let xScale = incremental ? 1.0 : 1000, yScale = incremental ? 1000.0 : 0.001
        var cycles: [Int] = []
        for curve in curves where !cycles.contains(curve.cycle) { cycles.append(curve.cycle) }
        let (colours, bar) = cycleColours(cycles)
        var chart = incremental
            ? Chart(x: Axis("Voltage", unit: "V"), y: Axis("dQ/dV", unit: "mAh V⁻¹"))
            : Chart(x: Axis("Capacity", unit: "mAh"), y: Axis("dV/dQ", unit: "V mAh⁻¹"))
        chart.colourBar = bar
        var marks = (x: [Double](), y: [Double](), titles: [String]())
        for cycle in cycles {
            var x: [Double] = [], y: [Double] = []
            for curve in curves where curve.cycle == cycle {
                if !x.isEmpty { x.append(.nan); y.append(.nan) }
                x += curve.grid.values.indices.map { curve.grid.x($0) * xScale }
                y += curve.derivative.map { $0 * yScale }
                for peak in finder?.peaks(curve.derivativeGrid) ?? [] {
                    marks.x.append(peak.position * xScale)
                    marks.y.append(peak.height * yScale)
                    marks.titles.append("cycle \(cycle) \(curve.direction.rawValue): \(TickLabels.engineering(peak.position * xScale, significant: 4)) \(incremental ? "V" : "mAh"), "
                                        + "\(TickLabels.engineering(peak.height * yScale)) \(incremental ? "mAh/V" : "V/mAh")")
                }
            }
            var series = Series(role: "cycle", key: "cycle \(cycle)", name: bar == nil ? "Cycle \(cycle)" : nil,
                                x: x, y: y, colour: colours[cycle]!)
            series.lineWidth = 1.5
            chart.series.append(series)
        }
        if finder != nil {
            var peaks = Series(role: "peak", key: "peaks", name: "Peaks", x: marks.x, y: marks.y, colour: Chart.ink)
            peaks.lineWidth = nil
            peaks.marker = .triangle
            peaks.markerSize = 7
            peaks.markerFilled = false
            peaks.pointTitles = marks.titles
            chart.series.append(peaks)
        }
        return Figure(title: title ?? (incremental ? "Incremental capacity (dQ/dV)" : "Differential voltage (dV/dQ)"),
                      subtitle: subtitle, panels: [chart]).svg()
    }
}
