import CoulombCore
import CoulombIO
import Foundation
import TestFixtures
import Testing

/// Per-cycle capacities of real cycler files (Arbin .res and CSV, a cellpy HDF5 file, a Neware CSV, all
/// converted to battdat by `Fixtures/make_cycling_fixtures.py`) against what cellpy, battdat and numpy make
/// of the same rows, under the convention cellpy used (its "anode" mode for the half cells: CE =
/// charge/discharge; "full_cell" for the LFP cell). Only cycles the reference marks complete are compared.
///
/// Tolerances:
/// - integrated capacity vs numpy's trapezoid: 0.01 % (Coulomb leaves out rest steps' offset current,
///   numpy does not; in these files that is under 1e-4 %);
/// - integrated capacity vs cellpy (instrument counters) and battdat: 0.5 %, the bound (the
///   largest seen is 0.31 %: the logger skips seconds around fast current steps, which the trapezoid
///   bridges with a straight line while the instrument's counter integrates at its own rate);
/// - `--capacity-source counters` vs cellpy: 0.01 %, and CE to 0.2 percentage points;
/// - integrated CE vs numpy's CE: 0.2 percentage points.
@Suite struct CyclingReferenceTests {
    struct ReferenceCycle {
        var number: Int
        var complete: Bool
        var tools: [String: (charge: Double, discharge: Double)]
        var cellpyEfficiency_pct: Double?
    }

    static let names = Fixture.cyclingReference.keys.sorted()

    func reference(_ name: String) -> (fixture: String, mode: CycleConvention, cycles: [ReferenceCycle]) {
        let file = Fixture.cyclingReference[name]!
        let mode: CycleConvention = file["cellpy_cycle_mode"] as? String == "anode" ? .anode : .full
        let cycles = (file["per_cycle"] as! [[String: Any]]).map { entry in
            var tools: [String: (Double, Double)] = [:]
            for tool in ["cellpy", "battdat", "numpy"] {
                let values = entry[tool] as! [String: Any]
                tools[tool] = ((values["charge_capacity_mAh"] as! NSNumber).doubleValue,
                               (values["discharge_capacity_mAh"] as! NSNumber).doubleValue)
            }
            let cellpy = entry["cellpy"] as! [String: Any]
            return ReferenceCycle(number: entry["cycle_number"] as! Int, complete: entry["complete"] as! Bool,
                                  tools: tools, cellpyEfficiency_pct: (cellpy["coulombic_efficiency_pct"] as? NSNumber)?.doubleValue)
        }
        return (file["fixture"] as! String, mode, cycles)
    }

    func table(_ name: String, source: CapacitySource) throws -> (CycleTable, [ReferenceCycle]) {
        let (fixture, mode, cycles) = reference(name)
        let file = try CellFileReader.read(Fixture.path(fixture))
        let data = try #require(file.cells[0].cell.cycling)
        let table = try CycleTable(data, convention: .choose(mode, cell: Cell(id: "test"), data: data), capacitySource: source)
        return (table, cycles)
    }

    func percent(_ a: Double, _ b: Double) -> Double { abs(a - b) / b * 100 }

    /// Our rows that fall in one of the instrument's cycles: one, or — where the index holds several cycles
    /// (Neware's cycle 3 holds two full cycles) — the cycles Coulomb pairs inside it, whose capacities the
    /// references sum.
    func rows(_ table: CycleTable, instrumentCycle number: Int) -> [CycleTable.Row] {
        table.rows.filter { ($0.instrumentCycle ?? $0.cycle) == number }
    }

    func sum(_ rows: [CycleTable.Row]) -> (charge: Double, discharge: Double) {
        (rows.map(\.chargeCapacity_Ah).reduce(0, +) * 1000, rows.map(\.dischargeCapacity_Ah).reduce(0, +) * 1000)
    }

    @Test(arguments: names) func integratedCapacitiesAgreeWithNumpyCellpyAndBattdat(_ name: String) throws {
        let (table, cycles) = try table(name, source: .integrated)
        // The index is followed wherever it pairs charge and discharge as the convention does; Neware's
        // cycle 3 holds two full cycles (the fixture's README), which become two cycles labelled 3.
        #expect(table.cyclesFromInstrument == (name != "neware_uio_half"))
        #expect(Array(Set(table.rows.map { $0.instrumentCycle ?? $0.cycle })).sorted() == cycles.map(\.number))
        if name == "neware_uio_half" {
            #expect(table.rows.map(\.instrumentCycle) == [1, 2, 3, 3, 4])
            #expect(table.rows.map(\.isComplete) == [true, true, true, true, false])
        }
        for cycle in cycles where cycle.complete {
            let mine = rows(table, instrumentCycle: cycle.number)
            let ours = sum(mine)
            for (tool, bound) in [("numpy", 0.01), ("cellpy", 0.5), ("battdat", 0.5)] {
                let theirs = cycle.tools[tool]!
                // battdat's CapacityPerCycle assumes one charge and one discharge per cycle; Neware's cycle 3
                // holds two full cycles, of which it counts one (46 % low).
                if tool == "battdat", mine.count > 1 {
                    #expect(percent(theirs.discharge, ours.discharge) > 40)
                    continue
                }
                #expect(percent(ours.charge, theirs.charge) <= bound, "\(name) cycle \(cycle.number) charge vs \(tool)")
                #expect(percent(ours.discharge, theirs.discharge) <= bound, "\(name) cycle \(cycle.number) discharge vs \(tool)")
            }
            // The references' CE of a cycle holding two is that of the sums, which no cycle has.
            guard mine.count == 1 else { continue }
            let numpy = cycle.tools["numpy"]!
            let numpyEfficiency = table.convention.output(charge: numpy.charge, discharge: numpy.discharge)
                / table.convention.input(charge: numpy.charge, discharge: numpy.discharge) * 100
            #expect(abs(try #require(mine[0].coulombicEfficiency) * 100 - numpyEfficiency) <= 0.2)
        }
    }

    @Test(arguments: names) func countersGiveCellpysSummary(_ name: String) throws {
        let (table, cycles) = try table(name, source: .counters)
        for cycle in cycles where cycle.complete {
            let mine = rows(table, instrumentCycle: cycle.number)
            let ours = sum(mine)
            let cellpy = cycle.tools["cellpy"]!
            #expect(percent(ours.charge, cellpy.charge) <= 0.01, "\(name) cycle \(cycle.number)")
            #expect(percent(ours.discharge, cellpy.discharge) <= 0.01, "\(name) cycle \(cycle.number)")
            guard mine.count == 1 else { continue }
            #expect(abs(try #require(mine[0].coulombicEfficiency) * 100 - cycle.cellpyEfficiency_pct!) <= 0.2)
        }
    }

    @Test func recordsCutOffMidCycleEndIncomplete() throws {
        // The Arbin .res ends in a partial discharge (cycle 18; cellpy reports CE 0); the Neware file stops
        // mid-charge in cycle 4 (cellpy reports CE 43 %). Neither gets a CE.
        for (name, cycle) in [("arbin_res_si_half", 18), ("neware_uio_half", 4)] {
            let (table, _) = try table(name, source: .integrated)
            let last = try #require(table.rows.last)
            #expect((last.instrumentCycle ?? last.cycle) == cycle && !last.isComplete && last.coulombicEfficiency == nil, "\(name)")
        }
    }

    @Test func aRecordStartingMidTestIsFlagged() throws {
        // The Arbin CSV starts mid-cycle: its first cycle (discharge over a partial charge, 561 %) is marked
        // incomplete and flagged, and the ICE is the next cycle's.
        let (table, _) = try table("arbin_csv_lfp_full", source: .integrated)
        #expect(table.startsMidCycle == 1)
        #expect(!table.rows[0].isComplete && table.rows[0].coulombicEfficiency == nil)
        #expect(table.initialCoulombicEfficiency == table.rows[1].coulombicEfficiency)
        #expect(try #require(table.initialCoulombicEfficiency) < 1)
    }
}
