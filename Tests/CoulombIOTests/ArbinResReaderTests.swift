import CoulombCore
@testable import CoulombIO
import Foundation
import HDF5
import TestFixtures
import Testing

/// Arbin `.res` (an MS Access database) read through libmdb, against cellpy 1.0.3's reading of the same file
/// (`arbin/arbin_res.reference.h5`, written by `make_res_fixtures.py`; cellpy runs mdbtools' `mdb-export` and
/// parses its text with pandas).
///
/// Tolerances come from that text, not from Coulomb, which takes the stored bits: `mdb-export` (libmdb 1.0)
/// prints a double with 16 digits after the point below 1 and 16 significant digits above, not always the
/// nearest (0.000530606482023 is printed 0.0005306064820229), so doubles agree within 1e-15·max(|x|, 1)
/// (largest seen: 4.7e-16 relative on `Test_Time`, 1e-16 absolute on the capacities); a single (`Current`,
/// `Voltage`) is printed with 8 significant digits, so within 5e-8 relative of the float32; counters exactly.
@Suite struct ArbinResReaderTests {
    static let path = Fixture.path("arbin/20160805_test001_45_cc_01.res")
    nonisolated(unsafe) static let reference = try! HDF5File.open(Fixture.path("arbin/arbin_res.reference.h5"))

    static func column(_ name: String) throws -> [Double] {
        try reference.root().group("raw").dataset(name).readDoubles()
    }

    static func reading() throws -> ArbinResReading {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        return ArbinResReading(try ArbinResReader.read(AccessDatabase(file: path, bytes: bytes)))
    }

    static func close(_ values: [Double], _ expected: [Double], relative: Double) -> Bool {
        values.count == expected.count
            && zip(values, expected).allSatisfy { abs($0 - $1) <= relative * max(abs($1), 1e-300) || $0 == $1 }
    }

    @Test func readsEveryRowAsCellpyDoes() throws {
        let record = try Self.reading().record
        #expect(record.dataPoint.count == 10_261)
        // cellpy sorts by DateTime then Test_Time, Coulomb by Data_Point: the same order here.
        #expect(record.dataPoint == (try Self.column("data_point")))
        #expect(record.cycleIndex.map(Double.init) == (try Self.column("cycle_index")))
        #expect(record.stepIndex.map(Double.init) == (try Self.column("step_index")))
        for (values, name) in [(record.testTime_s, "test_time"), (record.stepTime_s, "step_time"),
                               (record.chargeCapacity_Ah, "charge_capacity"), (record.dischargeCapacity_Ah, "discharge_capacity"),
                               (record.chargeEnergy_Wh, "charge_energy"), (record.dischargeEnergy_Wh, "discharge_energy")] {
            let expected = try Self.column(name)
            #expect(values.count == expected.count
                    && zip(values, expected).allSatisfy { abs($0 - $1) <= 1e-15 * max(abs($1), 1) }, "\(name)")
        }
        #expect(Self.close(record.current_A, try Self.column("current"), relative: 5e-8))
        #expect(Self.close(record.voltage_V, try Self.column("voltage"), relative: 5e-8))
        // The tolerance is not loose: the singles do differ from their 8-digit text.
        #expect(!zip(record.voltage_V, try Self.column("voltage")).allSatisfy { $0 == $1 })
    }

    /// Global_Table facts as cellpy keeps them (channel, creator, schedule, test name, start), and the mass,
    /// which cellpy does not keep, as pandas reads it from `mdb-export`; units as cellpy states them.
    @Test func keepsTheGlobalFacts() throws {
        let root = try Self.reference.root()
        for (quantity, unit) in [("time", "sec"), ("voltage", "V"), ("current", "A"), ("charge", "Ah"), ("energy", "Wh"), ("mass", "g")] {
            #expect(try root.stringAttribute("raw_unit_\(quantity)") == unit)
        }
        let file = try CellFileReader.read(Self.path)
        #expect(file.layout == .arbinRes)
        let cell = file.cells[0].cell
        let mass = try #require(cell.activeMass_g)
        #expect(abs(mass - (try root.numberAttribute("mass_g"))) <= 5e-8 * mass)
        let arbin = try #require(cell.metadata[path: "arbin"])
        #expect(arbin[path: "Channel_Index"]?.number == (try root.numberAttribute("channel_index")))
        #expect(arbin[path: "Creator"]?.string == (try root.stringAttribute("creator")))
        #expect(arbin[path: "Schedule_File_Name"]?.string == (try root.stringAttribute("schedule_file_name")))
        #expect(arbin[path: "Test_Name"]?.string == (try root.stringAttribute("test_name")))
        #expect(arbin[path: "start_datetime"]?.string == (try root.stringAttribute("start_datetime")))
        #expect(file.warnings.isEmpty)
        let cycling = try #require(cell.cycling)
        #expect(cycling.count == 10_261)
        #expect(cycling.chargeCapacity_Ah == (try Self.reading().record.chargeCapacity_Ah))
    }

    /// A database the cycler may still be writing is only read: a copy made read-only keeps its bytes and
    /// its modification time, and no lock file appears beside it.
    @Test func neverWritesOrLocksTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-res-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("live.res")
        try FileManager.default.copyItem(atPath: Self.path, toPath: copy.path)
        let past = Date(timeIntervalSince1970: 1_470_000_000)
        try FileManager.default.setAttributes([.modificationDate: past, .posixPermissions: 0o444], ofItemAtPath: copy.path)
        let before = try Data(contentsOf: copy)
        _ = try CellFileReader.read(copy.path)
        let attributes = try FileManager.default.attributesOfItem(atPath: copy.path)
        #expect(attributes[.modificationDate] as? Date == past)
        #expect(try Data(contentsOf: copy) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["live.res"])
    }

    /// A database cut short is an error, not a shorter record; an Access database without Arbin's table
    /// says what it lacks.
    @Test func refusesCutAndForeignDatabases() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path)))
        #expect(throws: CoulombIOError(file: "cut.res", problem: """
            is cut short: 1000000 bytes is not a whole number of the database's 4096-byte pages
            """)) { try ArbinResReader.read(ExportText(file: "cut.res", bytes: Array(bytes.prefix(1_000_000)))) }
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(Fixture.path("exports/bad/arbin_head.res")) }
        #expect(error?.problem == "an MS Access database without a 'Channel_Normal_Table' table, so not an Arbin .res result file")
    }
}
