/// Galvanostatic cycling data: one row per recorded sample, stored column by column.
///
/// Units are in the names. Current is positive when it charges the cell (battdat and the Battery Data
/// Format agree). Construction validates the columns, so every `CyclingData` value can be analysed
/// without further checks: all columns have the same length (at least one row), time, voltage and
/// current are finite, and time never decreases.
public struct CyclingData: Sendable, Equatable {
    public let time_s: [Double]
    public let voltage_V: [Double]
    public let current_A: [Double]
    /// The instrument's cycle index, if it recorded one (battdat counts from 0).
    public let cycleIndex: [Int]?
    /// The instrument's step index, if it recorded one.
    public let stepIndex: [Int]?
    /// Cell temperature; NaN marks a missing reading.
    public let temperature_C: [Double]?
    /// The instrument's own charge capacity counter; NaN marks a missing reading.
    public let chargeCapacity_Ah: [Double]?
    /// The instrument's own discharge capacity counter; NaN marks a missing reading.
    public let dischargeCapacity_Ah: [Double]?

    public init(
        time_s: [Double], voltage_V: [Double], current_A: [Double],
        cycleIndex: [Int]? = nil, stepIndex: [Int]? = nil, temperature_C: [Double]? = nil,
        chargeCapacity_Ah: [Double]? = nil, dischargeCapacity_Ah: [Double]? = nil
    ) throws(DataValidationError) {
        let rows = time_s.count
        guard rows > 0 else { throw DataValidationError(column: "time_s", problem: "there are no rows") }
        try ColumnCheck.length("voltage_V", voltage_V.count, expected: rows, reference: "time_s")
        try ColumnCheck.length("current_A", current_A.count, expected: rows, reference: "time_s")
        for (name, column) in [("cycleIndex", cycleIndex?.count), ("stepIndex", stepIndex?.count),
                               ("temperature_C", temperature_C?.count), ("chargeCapacity_Ah", chargeCapacity_Ah?.count),
                               ("dischargeCapacity_Ah", dischargeCapacity_Ah?.count)] {
            if let count = column { try ColumnCheck.length(name, count, expected: rows, reference: "time_s") }
        }
        try ColumnCheck.finite("time_s", time_s)
        try ColumnCheck.finite("voltage_V", voltage_V)
        try ColumnCheck.finite("current_A", current_A)
        for (name, column) in [("temperature_C", temperature_C), ("chargeCapacity_Ah", chargeCapacity_Ah),
                               ("dischargeCapacity_Ah", dischargeCapacity_Ah)] {
            if let column { try ColumnCheck.finiteOrMissing(name, column) }
        }
        if let row = Self.firstBackwardStep(time_s) {
            throw DataValidationError(
                column: "time_s", row: row,
                problem: "time goes backwards (\(time_s[row]) s after \(time_s[row - 1]) s)")
        }
        self.time_s = time_s
        self.voltage_V = voltage_V
        self.current_A = current_A
        self.cycleIndex = cycleIndex
        self.stepIndex = stepIndex
        self.temperature_C = temperature_C
        self.chargeCapacity_Ah = chargeCapacity_Ah
        self.dischargeCapacity_Ah = dischargeCapacity_Ah
    }

    /// The number of rows.
    public var count: Int { time_s.count }

    /// Time from the first to the last row.
    public var timeSpan_s: Double { time_s[time_s.count - 1] - time_s[0] }

    /// The number of distinct cycles the instrument recorded, or `nil` without a cycle index.
    public var instrumentCycleCount: Int? {
        cycleIndex.map { Set($0).count }
    }

    /// The first row whose time is earlier than the row before it.
    static func firstBackwardStep(_ time: [Double]) -> Int? {
        ColumnCheck.firstRow(time, clean: { block, previous in all(block .>= previous) }, bad: { $0 > 0 && time[$0] < time[$0 - 1] })
    }
}
