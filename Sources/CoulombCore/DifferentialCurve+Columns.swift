extension DifferentialCurve.Kind {
    /// The points' columns in output units: volts and mAh (dQ/dV in mAh/V, dV/dQ in V/mAh).
    public var pointColumns: [String] {
        self == .differentialVoltage ? ["cycle", "direction", "capacity_mAh", "voltage_V", "dvdq_V_mAh"]
            : ["cycle", "direction", "voltage_V", "capacity_mAh", "dqdv_mAh_V"]
    }

    /// The peaks' columns in output units.
    public var peakColumns: [String] {
        self == .differentialVoltage
            ? ["cycle", "direction", "capacity_mAh", "height_V_mAh", "prominence_V_mAh", "area_V", "width_mAh"]
            : ["cycle", "direction", "voltage_V", "height_mAh_V", "prominence_mAh_V", "area_mAh", "fwhm_V"]
    }

    /// Headings for people of the peaks' columns, with units as they are written.
    public var peakLabels: [String: String] {
        self == .differentialVoltage
            ? ["capacity_mAh": "capacity (mAh)", "height_V_mAh": "height (V/mAh)", "prominence_V_mAh": "prominence (V/mAh)",
               "area_V": "area (V)", "width_mAh": "width (mAh)"]
            : ["voltage_V": "voltage (V)", "height_mAh_V": "height (mAh/V)", "prominence_mAh_V": "prominence (mAh/V)",
               "area_mAh": "area (mAh)", "fwhm_V": "FWHM (V)"]
    }

    /// One row per curve, for a terminal: its half-cycle, number of points, the abscissa's first and last grid
    /// point and the largest |derivative|, in output units.
    public var curveColumns: [String] {
        self == .differentialVoltage
            ? ["cycle", "direction", "points", "first_capacity_mAh", "last_capacity_mAh", "largest_dvdq_V_mAh"]
            : ["cycle", "direction", "points", "first_voltage_V", "last_voltage_V", "largest_dqdv_mAh_V"]
    }

    /// Headings for people of ``curveColumns``.
    public var curveLabels: [String: String] {
        self == .differentialVoltage
            ? ["first_capacity_mAh": "from (mAh)", "last_capacity_mAh": "to (mAh)", "largest_dvdq_V_mAh": "largest |dV/dQ| (V/mAh)"]
            : ["first_voltage_V": "from (V)", "last_voltage_V": "to (V)", "largest_dqdv_mAh_V": "largest |dQ/dV| (mAh/V)"]
    }

    /// Factors from the curve's units (V, Ah) to the output units of the abscissa, the integrated quantity
    /// and the derivative.
    var outputFactors: (x: Double, value: Double, derivative: Double) {
        self == .differentialVoltage ? (1000, 1, 1.0 / 1000) : (1, 1000, 1000)
    }
}

extension DifferentialCurve {
    /// The curve's points as rows of ``Kind/pointColumns``.
    public var pointRows: [[ResultTable.Value]] {
        let factor = kind.outputFactors
        let cycle = ResultTable.Value.integer(cycle), direction = ResultTable.Value.text(direction.rawValue)
        // One array per row, made whole: a long record has hundreds of thousands of points.
        return grid.values.indices.map { k in
            [cycle, direction, .number(grid.x(k) * factor.x), .number(grid.values[k] * factor.value),
             .number(derivative[k] * factor.derivative)]
        }
    }

    /// The curve's peaks as rows of ``Kind/peakColumns``: position, height, prominence, area and width in
    /// output units (the area of a dQ/dV peak is a capacity, of a dV/dQ peak a voltage).
    public func peakRows(_ finder: PeakFinder) -> [[ResultTable.Value]] {
        let factor = kind.outputFactors
        let labels: [ResultTable.Value] = [.integer(cycle), .text(direction.rawValue)]
        return finder.peaks(derivativeGrid).map { peak in
            labels + [.number(peak.position * factor.x), .number(peak.height * factor.derivative),
                      .number(peak.prominence * factor.derivative), .number(peak.area * factor.value),
                      .number(peak.width * factor.x)]
        }
    }

    /// The curve as one row of ``Kind/curveColumns``.
    public var curveRow: [ResultTable.Value] {
        let factor = kind.outputFactors
        return [.integer(cycle), .text(direction.rawValue), .integer(grid.values.count), .number(grid.x(0) * factor.x),
                .number(grid.x(grid.values.count - 1) * factor.x),
                .number((derivative.map(abs).max() ?? 0) * abs(factor.derivative))]
    }
}
