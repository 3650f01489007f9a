import CoulombCore
import Testing

@Suite struct CyclingDataTests {
    @Test func acceptsValidColumnsAndCountsInstrumentCycles() throws {
        let data = try CyclingData(time_s: [0, 1, 1, 2], voltage_V: [3, 3.1, 3.2, 3.3], current_A: [0.1, 0.1, -0.1, -0.1],
                                   cycleIndex: [0, 0, 1, 1])
        #expect(data.count == 4)
        #expect(data.timeSpan_s == 2)
        #expect(data.instrumentCycleCount == 2)
    }

    @Test func rejectsMismatchedLengthsNamingBothColumns() {
        let error = #expect(throws: DataValidationError.self) {
            try CyclingData(time_s: [0, 1, 2], voltage_V: [3, 3], current_A: [0, 0, 0])
        }
        #expect(error?.description == "column 'voltage_V': has 2 rows but 'time_s' has 3")
        #expect(throws: DataValidationError.self) {
            try CyclingData(time_s: [0, 1], voltage_V: [3, 3], current_A: [0, 0], stepIndex: [1])
        }
    }

    @Test func reportsTheFirstNonFiniteRow() {
        let error = #expect(throws: DataValidationError.self) {
            try CyclingData(time_s: [0, 1, 2], voltage_V: [3, .infinity, .nan], current_A: [0, 0, 0])
        }
        #expect(error?.column == "voltage_V")
        #expect(error?.row == 1)
        // Missing temperature readings are NaN and allowed; infinity is not.
        #expect(throws: Never.self) {
            try CyclingData(time_s: [0, 1], voltage_V: [3, 3], current_A: [0, 0], temperature_C: [25, .nan])
        }
        #expect(throws: DataValidationError.self) {
            try CyclingData(time_s: [0, 1], voltage_V: [3, 3], current_A: [0, 0], temperature_C: [25, -.infinity])
        }
    }

    @Test func reportsTheFirstBackwardTimeStep() {
        let error = #expect(throws: DataValidationError.self) {
            try CyclingData(time_s: [0, 10, 20, 15, 30], voltage_V: [3, 3, 3, 3, 3], current_A: [0, 0, 0, 0, 0])
        }
        #expect(error?.row == 3)
        #expect(error?.problem == "time goes backwards (15.0 s after 20.0 s)")
    }

    @Test func rejectsZeroRows() {
        #expect(throws: DataValidationError.self) { try CyclingData(time_s: [], voltage_V: [], current_A: []) }
    }
}

@Suite struct TimeResetTests {
    @Test func aRestartNearZeroIsBridgedWithThePreviousInterval() throws {
        let result = try #require(TimeReset.repair([0, 10, 20, 30, 0, 10, 20]))
        // Closed form: offset = 30 − 0 + (30 − 20) = 40, so the second sequence continues at 40, 50, 60.
        #expect(result.time_s == [0, 10, 20, 30, 40, 50, 60])
        #expect(result.resets == [TimeReset(row: 4, before_s: 30, after_s: 0, offset_s: 40)])
    }

    @Test func offsetsAccumulateOverSeveralRestarts() throws {
        let result = try #require(TimeReset.repair([0, 5, 10, 0, 5, 10, 0, 5]))
        #expect(result.time_s == [0, 5, 10, 15, 20, 25, 30, 35])
        #expect(result.resets.map(\.row) == [3, 6])
    }

    @Test func aSmallBackwardStepIsNotRepaired() {
        #expect(TimeReset.repair([0, 10, 20, 15, 30]) == nil)
    }

    @Test func monotonicTimeIsLeftAlone() throws {
        let result = try #require(TimeReset.repair([0, 1, 1, 2]))
        #expect(result.time_s == [0, 1, 1, 2])
        #expect(result.resets.isEmpty)
    }
}
