import CoulombCore
@testable import CoulombIO
import Foundation
import HDF5
import TestFixtures
import Testing

/// cellpy's own HDF5 file (cellpy 1.0.3 wrote it, `make_format_fixtures.py`) against what cellpy reads back
/// from it (`cellpy_rate_cut.reference.h5`, written by h5py): every row of the record, the cell facts and
/// cellpy's stored summary.
@Suite struct CellpyReaderTests {
    static let file = try! CellFileReader.read(Fixture.path("formats/cellpy_rate_cut.h5"))
    nonisolated(unsafe) static let reference = try! HDF5File.open(Fixture.path("formats/cellpy_rate_cut.reference.h5"))

    static func column(_ path: String) throws -> [Double] {
        try reference.root().group(String(path.split(separator: "/")[0])).dataset(String(path.split(separator: "/")[1])).readDoubles()
    }

    @Test func detectsTheLayoutAndTheCell() throws {
        #expect(Self.file.layout == .cellpy)
        #expect(Self.file.cells.count == 1)
        let cell = Self.file.cells[0].cell
        let root = try Self.reference.root()
        #expect(cell.id == (try root.stringAttribute("cell_name")))
        #expect(cell.type == CellType(loosely: try root.stringAttribute("cycle_mode")))
        // cellpy keeps mass in its raw_unit_mass (mg here); Coulomb in g. Exact: both are the stored float.
        #expect(try root.stringAttribute("raw_unit_mass") == "mg")
        #expect(cell.activeMass_g == (try root.numberAttribute("mass_mg")) * 1e-3)
        #expect(cell.area_cm2 == (try root.numberAttribute("area_cm2")))
    }

    /// Every row equal: cellpy's units here are s, V, A, Ah (checked), so the values are the stored floats.
    @Test func readsEveryRowAsCellpyDoes() throws {
        let root = try Self.reference.root()
        for (quantity, unit) in [("time", "sec"), ("voltage", "V"), ("current", "A"), ("charge", "Ah")] {
            #expect(try root.stringAttribute("raw_unit_\(quantity)") == unit)
        }
        let data = try #require(Self.file.cells[0].cell.cycling)
        #expect(data.time_s == (try Self.column("raw/test_time")))
        #expect(data.voltage_V == (try Self.column("raw/voltage")))
        #expect(data.current_A == (try Self.column("raw/current")))
        #expect(data.cycleIndex?.map(Double.init) == (try Self.column("raw/cycle_index")))
        #expect(data.stepIndex?.map(Double.init) == (try Self.column("raw/step_index")))
        #expect(data.chargeCapacity_Ah == (try Self.column("raw/charge_capacity")))
        #expect(data.dischargeCapacity_Ah == (try Self.column("raw/discharge_capacity")))
    }

    @Test func keepsCellpysSummary() throws {
        let stored = try #require(Self.file.cells[0].storedTables.first)
        let summary = try Self.reference.root().group("summary")
        #expect(stored.name == "cellpy summary")
        #expect(stored.indexName == (try summary.stringAttribute("index_name")))
        #expect(stored.index == (try summary.dataset("index").readDoubles()))
        let names = try summary.datasetNames().filter { $0 != "index" }
        #expect(Set(stored.columns.map(\.name)) == Set(names))
        for (name, values) in stored.columns {
            let expected = try summary.dataset(name).readDoubles()
            // NaN (cellpy's empty cells) equal NaN here.
            #expect(zip(values, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(name)")
        }
    }

    @Test(arguments: [
        ("bad_pickle_opcode.h5", "/CellpyData/raw/table", "attribute 'values_block_2_kind': pickle byte 0: global os.system is not allowed"),
        ("bad_cellpy_v4.h5", nil, "a cellpy file older than file version 5"),
    ] as [(String, String?, String)])
    func refusesBadCellpyFiles(name: String, object: String?, problem: String) {
        let path = Fixture.path("formats/\(name)")
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.file == path)
        #expect(error?.object == object)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "no error")")
    }
}

/// A cellpy file whose `info` frame pickles a `datetime.datetime` (the test's start), a `datetime.date` and a
/// `datetime.timedelta` in object columns (`make_res_fixtures.py`): read as data, against what pandas reads
/// back from the committed file (`cellpy_res_datetime.reference.json`).
@Suite struct CellpyDateTimeTests {
    @Test func readsTheDatesInInfo() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("formats/cellpy_res_datetime.reference.json")))
        let reference = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(reference["pickled_names"] as? [String] == ["date", "datetime", "timedelta"])
        let file = try CellFileReader.read(Fixture.path("formats/cellpy_res_datetime.h5"))
        let cell = file.cells[0].cell
        let parts = (reference["start_datetime"] as! [NSNumber]).map(\.intValue)
        let start = PickleDateTime(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4],
                                   second: parts[5], nanosecond: parts[6])
        #expect(cell.metadata[path: "cellpy.start_datetime"]?.string == start.iso8601)
        #expect(start.iso8601 == "2016-08-05T16:16:23")
        #expect(cell.metadata[path: "cellpy.tester_calibration_date"]?.string == reference["tester_calibration_date"] as? String)
        #expect(cell.metadata[path: "cellpy.time_zone"]?.number == (reference["time_zone_s"] as? NSNumber)?.doubleValue)
        #expect(cell.id == reference["cell_name"] as? String)
        #expect(cell.cycling?.count == (reference["rows"] as? NSNumber)?.intValue)
    }
}
