import CoulombCore

/// What a Neware binary file holds, one entry per record, in the model's units and sign convention.
///
/// Neware writes current negative while it discharges the cell, as the model does. Its capacity and
/// energy counters are per step: each restarts at zero when a step begins, and only the counter of the
/// step's direction grows (``CapacityCounters`` sums such counters over a cycle's steps). `cycle` is the
/// instrument's cycle number as the file writes it (from 1); `stepIndex` is the step's number in the
/// schedule, `stepCount` counts the steps run so far (from 1). `time_s` is the time since the test began;
/// layouts that store the time within the step get it from the sum of the earlier steps' durations.
struct NewareRecords {
    var recordIndex: [Int] = []
    var time_s: [Double] = []
    /// The time within the step, where the file stores it.
    var stepTime_s: [Double]?
    var voltage_V: [Double] = []
    var current_A: [Double] = []
    var cycle: [Int]?
    var stepIndex: [Int] = []
    var stepCount: [Int] = []
    /// Neware's status code per record (``NewareStepType``).
    var stepType: [UInt8] = []
    var chargeCapacity_Ah: [Double] = []
    var dischargeCapacity_Ah: [Double] = []
    var chargeEnergy_Wh: [Double] = []
    var dischargeEnergy_Wh: [Double] = []
    /// The first auxiliary temperature channel, °C; NaN where it has no reading for a record.
    var temperature_C: [Double]?
    /// What the reader had to fill in or leave out, for `info` to show.
    var warnings: [String] = []

    var count: Int { voltage_V.count }

    /// Where an integer record (`.nda` version 29, `.ndc` versions 2 and 5) keeps its readings: voltage in
    /// 0.1 mV (i32), current (i32), the four counters (i64: charge and discharge capacity, then energy) and
    /// the current range (i32) that sets the unit of current and counters (``NewareCurrentRange``).
    struct IntegerFields {
        var voltage: Int
        var current: Int
        var counters: Int
        var range: Int
    }

    /// Appends an integer record's voltage, current and counters; a current range with no known unit is
    /// an error at its byte.
    mutating func appendIntegerReadings(
        _ raw: UnsafeRawBufferPointer, at: Int, _ fields: IntegerFields, record: Int, member: NewareMember
    ) throws {
        let range = raw.littleEndian(at + fields.range, as: Int32.self)
        guard let unit = NewareCurrentRange.milliampsPerCount(range) else {
            throw member.error(at: at + fields.range, "record \(record): current range \(range) is not one Coulomb knows the unit of")
        }
        let counter = unit / 3.6e6
        let counters = at + fields.counters
        voltage_V.append(Double(raw.littleEndian(at + fields.voltage, as: Int32.self)) * 1e-4)
        current_A.append(Double(raw.littleEndian(at + fields.current, as: Int32.self)) * unit / 1000)
        chargeCapacity_Ah.append(Double(raw.littleEndian(counters, as: Int64.self)) * counter)
        dischargeCapacity_Ah.append(Double(raw.littleEndian(counters + 8, as: Int64.self)) * counter)
        chargeEnergy_Wh.append(Double(raw.littleEndian(counters + 16, as: Int64.self)) * counter)
        dischargeEnergy_Wh.append(Double(raw.littleEndian(counters + 24, as: Int64.self)) * counter)
    }

    /// The test time from the time within each step: each step starts where the one before it ended
    /// (its last record), so pauses between steps, which no record covers, are not counted.
    static func testTime(stepTime: [Double], stepCount: [Int]) -> [Double] {
        var time = [Double](repeating: 0, count: stepTime.count)
        var offset = 0.0
        for row in stepTime.indices {
            if row > 0, stepCount[row] != stepCount[row - 1] { offset += stepTime[row - 1] }
            time[row] = offset + stepTime[row]
        }
        return time
    }

    /// The running step number: 1 for the first record, one more at each change of `key`.
    static func countChanges<T: Equatable>(_ key: [T]) -> [Int] {
        var counts = [Int](repeating: 1, count: key.count)
        var step = 1
        for row in key.indices.dropFirst() {
            if key[row] != key[row - 1] { step += 1 }
            counts[row] = step
        }
        return counts
    }

    /// The records as an export reader's content: the model's columns, each named as Neware's software
    /// names it, errors pointing at the record index.
    func content() -> ExportContent {
        var columns = CyclingColumns()
        columns.time_s = time_s
        columns.voltage_V = voltage_V
        columns.current_A = current_A
        columns.cycleIndex = cycle
        columns.stepIndex = stepIndex
        columns.temperature_C = temperature_C
        columns.chargeCapacity_Ah = chargeCapacity_Ah
        columns.dischargeCapacity_Ah = dischargeCapacity_Ah
        columns.sourceNames = [
            "time_s": "Total Time", "voltage_V": "Voltage", "current_A": "Current", "cycleIndex": "Cycle Index",
            "stepIndex": "Step Index", "temperature_C": "T1", "chargeCapacity_Ah": "Chg. Cap.",
            "dischargeCapacity_Ah": "DChg. Cap.",
        ]
        let records = recordIndex
        columns.rowLocations = { "record \(records[$0])" }
        var described = [
            ColumnDescription(name: "Total Time", units: "s"), ColumnDescription(name: "Voltage", units: "V"),
            ColumnDescription(name: "Current", units: "A"),
        ]
        if cycle != nil { described.append(ColumnDescription(name: "Cycle Index", units: nil)) }
        described += [
            ColumnDescription(name: "Step Index", units: nil), ColumnDescription(name: "Chg. Cap.", units: "Ah"),
            ColumnDescription(name: "DChg. Cap.", units: "Ah"),
        ]
        if temperature_C != nil { described.append(ColumnDescription(name: "T1", units: "°C")) }
        return ExportContent(cycling: columns, cyclingColumns: described, warnings: warnings)
    }
}
