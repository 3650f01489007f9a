import ComplexModule
import CoulombCore
import CoulombIO
import Foundation
import TestFixtures
import Testing

/// Files written by battdat and h5py, read by Coulomb, checked against numbers numpy computed when the
/// fixtures were made (`Fixtures/expected.json`). Sums are compared to 1e-9 relative: the order of a sum
/// of ~1,600 doubles differs between numpy (pairwise) and a plain loop, which moves the last few bits.
@Suite struct FixtureReadingTests {
    func sum(_ values: [Double]) -> Double { values.reduce(0, +) }

    func close(_ a: Double, _ b: Double?, relative: Double = 1e-9) -> Bool {
        guard let b else { return false }
        return abs(a - b) <= relative * max(abs(a), abs(b), 1e-300)
    }

    @Test func battdatSingleCellAtTheRoot() throws {
        let key = "battdat/arbin_single.h5"
        let file = try CellFileReader.read(Fixture.path(key))
        #expect(file.layout == .battdat)
        #expect(file.cells.count == 1)
        let cell = file.cells[0].cell
        let data = try #require(cell.cycling)
        #expect(cell.id == "arbin-lfp")
        #expect(Double(data.count) == Fixture.expected(key, "rows"))
        #expect(Double(try #require(data.instrumentCycleCount)) == Fixture.expected(key, "cycles"))
        #expect(data.timeSpan_s == Fixture.expected(key, "time_span_s"))
        #expect(data.voltage_V[0] == Fixture.expected(key, "first_voltage_V"))
        #expect(close(sum(data.current_A), Fixture.expected(key, "sum_current_A")))
        #expect(cell.area_cm2 == Fixture.expected(key, "area_cm2"))
        #expect(close(try #require(cell.activeMass_g), Fixture.expected(key, "mass_g")))
        #expect(file.cells[0].cyclingColumns.first { $0.name == "voltage" }?.units == "V")
    }

    @Test func battdatCellsUnderGroups() throws {
        let file = try CellFileReader.read(Fixture.path("battdat/two_cells.h5"))
        #expect(file.cells.map(\.cell.id) == ["cell_a", "cell_b"])
        #expect(file.cells.map(\.objectPath) == ["/cell_a", "/cell_b"])
        for loaded in file.cells {
            let key = "battdat/two_cells.h5:\(loaded.cell.id)"
            let data = try #require(loaded.cell.cycling)
            #expect(Double(data.count) == Fixture.expected(key, "rows"))
            #expect(Double(try #require(data.instrumentCycleCount)) == Fixture.expected(key, "cycles"))
            #expect(close(sum(data.current_A), Fixture.expected(key, "sum_current_A")))
        }
    }

    @Test func battdatSpectraGroupedByTestID() throws {
        let key = "battdat/eis_spectra.h5"
        let file = try CellFileReader.read(Fixture.path(key))
        let cell = file.cells[0].cell
        #expect(cell.cycling == nil)
        #expect(Double(cell.spectra.count) == Fixture.expected(key, "spectra"))
        let points = try #require(Fixture.expected[key]?["points"] as? [Int])
        #expect(cell.spectra.map(\.count) == points)
        let firstFrequencies = try #require(Fixture.expected[key]?["first_frequency_Hz"] as? [Double])
        #expect(cell.spectra.map { $0.frequency_Hz[0] } == firstFrequencies)
        #expect(cell.spectra.map(\.testID) == [0, 1, 2, 3])
        #expect(cell.spectra.map(\.time_s) == [0, 3600, 7200, 10800])
        let all = cell.spectra.flatMap(\.impedance_ohm)
        #expect(close(sum(all.map(\.real)), Fixture.expected(key, "sum_z_real_ohm")))
        #expect(close(sum(all.map(\.imaginary)), Fixture.expected(key, "sum_z_imag_ohm")))
    }

    @Test func handWrittenColumnsWithSpectraAndAttributes() throws {
        let key = "hdf5_columns/cell_columns.h5"
        let file = try CellFileReader.read(Fixture.path(key))
        #expect(file.layout == .simple)
        let loaded = try #require(file.cells.first)
        let cell = loaded.cell
        #expect(file.cells.count == 1)
        #expect(cell.id == "cell_columns")
        #expect(cell.type == .full)
        #expect(cell.area_cm2 == Fixture.expected(key, "area_cm2"))
        // float32 on disk; compared loosely because Foundation's JSON parser rounds the last digit.
        #expect(close(try #require(cell.activeMass_g), Fixture.expected(key, "mass_g"), relative: 1e-12))
        let data = try #require(cell.cycling)
        #expect(Double(data.count) == Fixture.expected(key, "rows"))
        #expect(Double(try #require(data.instrumentCycleCount)) == Fixture.expected(key, "cycles"))
        #expect(data.stepIndex != nil)
        #expect(cell.spectra.count == 2)
        #expect(cell.spectra.map(\.time_s) == [0, 100])
        #expect(loaded.cyclingColumns.map(\.name) == ["time_s", "voltage_V", "current_A", "cycle_index", "step_index"])
    }

    @Test func handWrittenGroupsWithOtherNamesAndUnits() throws {
        let key = "hdf5_columns/two_cells_columns.h5"
        let file = try CellFileReader.read(Fixture.path(key))
        #expect(file.cells.map(\.cell.id) == ["cell_A", "cell_B"])
        let b = try #require(file.cells[1].cell.cycling)
        // cell_B stores mA, chunked and deflated; read back in A.
        #expect(close(sum(b.current_A), Fixture.expected(key, "sum_current_A")))
        #expect(b.voltage_V[0] == Fixture.expected(key, "voltage_f32_first"))
        #expect(file.cells[1].cell.type == .symmetric)
        #expect(b.cycleIndex == nil)
    }

    @Test func restartedClockIsRepairedWithAWarning() throws {
        let key = "hdf5_columns/time_reset.h5"
        let file = try CellFileReader.read(Fixture.path(key))
        let data = try #require(file.cells[0].cell.cycling)
        #expect(data.timeSpan_s == Fixture.expected(key, "time_span_s"))
        #expect(file.warnings.count == 1)
        #expect(file.warnings[0].contains("row 10"))
        #expect(file.warnings[0].contains(Fixture.path(key)))
    }
}
