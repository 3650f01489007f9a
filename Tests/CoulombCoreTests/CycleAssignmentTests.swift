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

    @Test func theInstrumentCycleIndexWins() throws {
        // The index says 0,0,0,1,1,1 even though the directions would suggest otherwise.
        let list = steps([1, -1, -1, 1, 0, -1])
        let result = CycleAssignment(steps: list, data: try data(rows: 6, cycleIndex: [0, 0, 0, 1, 1, 1]),
                                     convention: .anode)
        #expect(result.fromInstrument)
        #expect(result.cycles.map(\.number) == [0, 1])
        #expect(result.cycles.map(\.steps) == [0..<3, 3..<6])
    }

    @Test func aRestOnlyRecordIsOneIncompleteCycle() throws {
        let result = CycleAssignment(steps: steps([0]), data: try data(rows: 1), convention: .full)
        #expect(result.cycles.count == 1)
        #expect(!result.cycles[0].isComplete)
    }
}
