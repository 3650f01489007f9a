import CoulombCore
import Foundation
import Testing

/// A stretch of a synthetic record: how many samples, and the current and voltage at sample k.
struct Piece {
    var count: Int
    var current: (Int) -> Double
    var voltage: (Int) -> Double
    init(_ count: Int, _ current: @escaping (Int) -> Double, _ voltage: @escaping (Int) -> Double) {
        self.count = count
        self.current = current
        self.voltage = voltage
    }
}

@Suite struct StepSegmentationTests {
    /// Builds a record from (samples, current, voltage at each sample) pieces, one sample per second.
    func record(_ pieces: [Piece], stepIndex: [Int]? = nil) throws -> CyclingData {
        var current: [Double] = [], voltage: [Double] = []
        for piece in pieces {
            for k in 0..<piece.count {
                current.append(piece.current(k))
                voltage.append(piece.voltage(k))
            }
        }
        return try CyclingData(time_s: current.indices.map(Double.init), voltage_V: voltage, current_A: current,
                               stepIndex: stepIndex)
    }

    @Test func restChargeRestDischargeWithCurrentNoise() throws {
        // Rests carry ±0.5 µA of offset noise, far below 1 % of 1 mA.
        let data = try record([
            Piece(10, { $0 % 2 == 0 ? 5e-7 : -5e-7 }, { _ in 3.0 }),
            Piece(20, { _ in 1e-3 }, { 3.0 + Double($0) * 0.01 }),
            Piece(5, { _ in 0 }, { _ in 3.1 }),
            Piece(15, { _ in -1e-3 }, { 3.1 - Double($0) * 0.01 }),
        ])
        let steps = StepSegmentation().steps(data)
        #expect(steps.map(\.kind) == [.rest, .constantCurrentCharge, .rest, .constantCurrentDischarge])
        #expect(steps.map(\.rows) == [0..<10, 10..<30, 30..<35, 35..<50])
    }

    @Test func aCVTailIsSplitFromItsCCStep() throws {
        // CC charge to 4.2 V, then a hold at 4.2 V with the current decaying exponentially.
        let data = try record([
            Piece(30, { _ in 2e-3 }, { 3.9 + Double($0) * 0.01 }),
            Piece(20, { 2e-3 * exp(-Double($0 + 1) / 5) }, { _ in 4.2 }),
        ])
        let steps = StepSegmentation().steps(data)
        #expect(steps.map(\.kind) == [.constantCurrentCharge, .constantVoltageCharge])
        #expect(steps.map(\.rows) == [0..<30, 30..<50])
    }

    @Test func aFlatCCPlateauIsNotAHold() throws {
        // Li plating on a symmetric cell: voltage flat within 1 mV, current constant: stays CC.
        let data = try record([Piece(40, { _ in -1e-4 }, { -0.05 - Double($0 % 2) * 5e-4 })])
        #expect(StepSegmentation().steps(data).map(\.kind) == [.constantCurrentDischarge])
    }

    @Test func theInstrumentStepIndexSplitsStepsOfTheSameSign() throws {
        // Two CC discharge steps at different rates, both negative: only the step index tells them apart.
        let data = try record([Piece(10, { _ in -1e-3 }, { 3.5 - Double($0) * 0.01 }),
                               Piece(10, { _ in -5e-4 }, { 3.4 - Double($0) * 0.01 })],
                              stepIndex: Array(repeating: 3, count: 10) + Array(repeating: 4, count: 10))
        let steps = StepSegmentation().steps(data)
        #expect(steps.map(\.rows) == [0..<10, 10..<20])
        #expect(steps.allSatisfy { $0.kind == .constantCurrentDischarge })
    }

    @Test func anAllRestRecordIsOneRest() throws {
        let data = try record([Piece(5, { _ in 0 }, { _ in 3.3 })])
        #expect(StepSegmentation().steps(data) == [Step(rows: 0..<5, kind: .rest)])
    }
}
