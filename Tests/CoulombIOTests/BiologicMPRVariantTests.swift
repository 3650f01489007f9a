import CoulombCore
@testable import CoulombIO
import Foundation
import TestFixtures
import Testing

/// BioLogic `.mpr` files without an `I/mA` column and with a column id no reader knows, against galvani's
/// reading (`exports/mpr_variants.reference.json`, `make_mpr_fixtures.py`): the current derived from
/// `dq/mA.h` over the time step (numpy's 3.6·dq/Δt, the same IEEE operations, so equal), an open-circuit
/// record read at 0 A, and an unknown id skipped at the width the record size leaves for it.
@Suite struct BiologicMPRVariantTests {
    nonisolated(unsafe) static let reference: [String: [String: Any]] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("exports/mpr_variants.reference.json")))
        return (try! JSONSerialization.jsonObject(with: data) as! [String: Any])["files"] as! [String: [String: Any]]
    }()

    static func numbers(_ file: String, _ key: String) -> [Double] {
        (reference[file]![key] as! [NSNumber]).map(\.doubleValue)
    }

    static func read(_ name: String) throws -> (data: CyclingData, file: CellFile) {
        let file = try CellFileReader.read(Fixture.path("exports/\(name)"))
        return (try #require(file.cells[0].cell.cycling), file)
    }

    /// Equal up to Foundation's JSON parse, which is not always correctly rounded (seen: 3 ulp), hence 1e-14.
    static func same(_ values: [Double], _ expected: [Double]) -> Bool {
        values.count == expected.count && zip(values, expected).allSatisfy { abs($0 - $1) <= 1e-14 * abs($1) }
    }

    @Test(arguments: ["GCPL-0.mpr", "MB-0.mpr", "biol_dq_only.mpr", "biol_unknown_id.mpr"])
    func readsAsGalvaniDoes(name: String) throws {
        let (data, _) = try Self.read(name)
        #expect(data.count == Self.reference[name]!["rows"] as? Int)
        #expect(Self.same(data.time_s, Self.numbers(name, "time_s")))
        #expect(Self.same(data.voltage_V, Self.numbers(name, "voltage_V")))
        #expect(Self.same(data.current_A, Self.numbers(name, "current_A")))
    }

    /// The current's source is stated in the cell's notes (`coulomb info` shows them): the charge column (and that the
    /// set-point is not used), or none.
    @Test func saysWhereTheCurrentCameFrom() throws {
        let (_, gcpl) = try Self.read("GCPL-0.mpr")
        #expect(gcpl.cells[0].cyclingColumns.map(\.name) == ["time/s", "Ewe/V", "dq/mA.h", "Ns"])
        #expect(gcpl.cells[0].notes == ["""
            no current column: current derived from 'dq/mA.h' (charge since the previous record) over the time step \
            ('control/V/mA' is the set-point, not a measurement)
            """])
        #expect(gcpl.warnings.isEmpty)
        let (ocv, open) = try Self.read("MB-0.mpr")
        #expect(ocv.current_A == [0, 0])
        #expect(open.cells[0].notes == ["""
            no current column ('I/mA', '<I>/mA', 'dq/mA.h'): read as an open-circuit record at 0 A (columns: 'Ns', \
            'time/s', 'Ewe/V')
            """])
    }

    /// The derived current against the current the instrument measured (`I/mA` of the same records before it
    /// was taken out): away from the records where the current steps (whose dq spans the old and the new
    /// current) they agree to within 0.1 % for 95 % of the records (measured: median 0.017 %, 95th percentile
    /// 0.065 %). A check that 3.6·dq/Δt is the current, independent of galvani's columns.
    @Test func derivedCurrentMatchesTheMeasuredOne() throws {
        let (data, _) = try Self.read("biol_dq_only.mpr")
        let measured = Self.numbers("biol_dq_only.mpr", "measured_I_A")
        var differences: [Double] = []
        // Records inside a constant-current stretch: the measured current moved by under 1 % since the previous one.
        for row in 1..<measured.count where measured[row] != 0 && abs(measured[row - 1] - measured[row]) < 0.01 * abs(measured[row]) {
            differences.append(abs(data.current_A[row] - measured[row]) / abs(measured[row]))
        }
        let small = differences.filter { $0 < 1e-3 }.count
        #expect(differences.count > 2000)
        #expect(Double(small) >= 0.95 * Double(differences.count), "\(small) of \(differences.count)")
    }

    @Test func unknownIdIsSkippedWithAWarning() throws {
        let (_, file) = try Self.read("biol_unknown_id.mpr")
        #expect(file.warnings == ["""
            \(Fixture.path("exports/biol_unknown_id.mpr")): module 'VMP data': column id 1999 (column 10 of 36) is not one \
            Coulomb knows: skipped (4 bytes, the record size less the known columns)
            """])
    }

    /// A charge with no time to pass in is no current: an error naming the record.
    @Test func chargeWithoutTimeIsAnError() {
        #expect(throws: CoulombIOError(file: "f.mpr", object: "record 3", problem: """
            column 'dq/mA.h': 0.5 mA·h passed in a time step of 0.0 s, so no current can be derived from it
            """)) {
            try BiologicColumns.derivedCurrent([0, 0.1, 0.5], time: [0, 1, 1], name: "dq/mA.h", file: "f.mpr",
                                               rowLocations: { "record \($0 + 1)" })
        }
    }
}
