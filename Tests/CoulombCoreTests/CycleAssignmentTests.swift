import CoulombCore
import Testing

@Suite struct CycleAssignmentTests {
    /// Steps of one row each with the given directions (+1 charge, −1 discharge, 0 rest).
    func steps(_ directions: [Int]) -> [Step] {
        directions.enumerated().map { row, direction in
            Step(rows: row..<(row + 1), kind: direction > 0 ? .constantCurrentCharge
                 : direction < 0 ? .constantCurrentDischarge : .rest)
        }
    }

    func data(rows: Int, cycleIndex: [Int]? = nil) throws -> CyclingData {
        try CyclingData(time_s: (0..<rows).map(Double.init), voltage_V: Array(repeating: 3, count: rows),
                        current_A: Array(repeating: 0, count: rows), cycleIndex: cycleIndex)
    }

    @Test func anodeHalfCellCyclesOpenWithLithiation() throws {
        // OCV rest, lithiation (two CC steps), rest, delithiation, lithiation, delithiation.
        let list = steps([0, -1, -1, 0, 1, -1, 1])
        let result = CycleAssignment(steps: list, data: try data(rows: 7), convention: .anode)
        #expect(!result.fromInstrument)
        #expect(result.cycles.map(\.steps) == [0..<5, 5..<7])
        #expect(result.cycles.map(\.isComplete) == [true, true])
    }

    @Test func fullCellStartingMidCycleGetsAnIncompleteFirstCycle() throws {
        // Starts discharging (the cell came charged), then charge/discharge twice, then a last lone charge.
        let list = steps([-1, 0, 1, -1, 1, -1, 1])
        let result = CycleAssignment(steps: list, data: try data(rows: 7), convention: .full)
        #expect(result.cycles.map(\.steps) == [0..<2, 2..<4, 4..<6, 6..<7])
        #expect(result.cycles.map(\.isComplete) == [false, true, true, false])
        #expect(result.cycles.map(\.number) == [1, 2, 3, 4])
    }

    @Test func symmetricCellTakesTheFirstDirectionAsForward() throws {
        let list = steps([0, 1, -1, 1, -1])
        let result = CycleAssignment(steps: list, data: try data(rows: 5), convention: .symmetric)
        #expect(result.cycles.map(\.steps) == [0..<3, 3..<5])
    }

    @Test func theInstrumentCycleIndexIsFollowedWhereItAgreesWithThePairing() throws {
        // A rest-only cycle 0, then lithiation and delithiation in cycles 1 and 2, as the convention pairs them.
        let list = steps([0, -1, 1, 0, -1, 1])
        let result = CycleAssignment(steps: list, data: try data(rows: 6, cycleIndex: [0, 1, 1, 1, 2, 2]),
                                     convention: .anode)
        #expect(result.fromInstrument)
        #expect(result.indexMismatch == nil)
        #expect(result.cycles.map(\.number) == [0, 1, 2])
        #expect(result.cycles.map(\.steps) == [0..<1, 1..<4, 4..<6])
        #expect(result.cycles.map(\.isComplete) == [false, true, true])
    }

    @Test func anIndexBumpedAtDelithiationIsRepaired() throws {
        // The cycler starts a new cycle with each delithiation: its cycles hold a delithiation and the next
        // lithiation. The pairing keeps lithiation with the delithiation after it, numbered by the index of
        // the lithiation.
        let list = steps([-1, 1, -1, 1, -1, 1])
        let result = CycleAssignment(steps: list, data: try data(rows: 6, cycleIndex: [1, 2, 2, 3, 3, 4]),
                                     convention: .anode)
        #expect(!result.fromInstrument)
        #expect(result.indexMismatch != nil)
        #expect(result.cycles.map(\.steps) == [0..<2, 2..<4, 4..<6])
        #expect(result.cycles.map(\.number) == [1, 2, 3])
        #expect(result.cycles.map(\.instrumentCycle) == [1, 2, 3])
        #expect(result.cycles.map(\.isComplete) == [true, true, true])
    }

    @Test func oneIndexCycleHoldingTwoIsSplitAndCounted() throws {
        // Arbin-style: Cycle_Index 1 through rest, lithiation, delithiation, lithiation, delithiation.
        let list = steps([0, -1, 1, -1, 1])
        let result = CycleAssignment(steps: list, data: try data(rows: 5, cycleIndex: [1, 1, 1, 1, 1]),
                                     convention: .anode)
        #expect(!result.fromInstrument)
        #expect(result.cycles.map(\.steps) == [0..<3, 3..<5])
        // Labels 1, 1 do not increase, so cycles are counted.
        #expect(result.cycles.map(\.number) == [1, 2])
        #expect(result.cycles.map(\.instrumentCycle) == [1, 1])
    }

    @Test func aRestOnlyRecordIsOneIncompleteCycle() throws {
        let result = CycleAssignment(steps: steps([0]), data: try data(rows: 1), convention: .full)
        #expect(result.cycles.count == 1)
        #expect(!result.cycles[0].isComplete)
    }
}
