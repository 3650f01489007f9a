@testable import CoulombIO
import CoulombCore
import Foundation
import Testing
import TestFixtures

/// Coulomb's Neware `.nda`/`.ndax` readers against NewareNDA's readings of the same real files, recorded by
/// `Fixtures/make_neware_fixtures.py` in `Fixtures/neware/reference.json` (NewareNDA's own committed
/// feather files where they exist, NewareNDA run by the script otherwise; cycles are the instrument's).
@Suite struct NewareBinaryReferenceTests {
    nonisolated(unsafe) static let references: [String: [String: Any]] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("neware/reference.json")))
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return document["files"] as! [String: [String: Any]]
    }()

    static let layouts: [String: FileLayout] = [
        "123456789012_Unit27_Example_Data_File.ndax": .newareNDAX, "21_10_7_85.ndax": .newareNDAX,
        "interp-test.ndax": .newareNDAX, "ZZZZZZZZTEST.ndax": .newareNDAX,
        "TESTCELL0001-Test_Data_Collection_Ndc17.ndax": .newareNDAX, "scrubbed_ndc2.ndax": .newareNDAX,
        "TestFile.nda": .newareNDA, "Unit27_Example_Corrupt.ndax": .newareNDAX, "synthetic_v29.nda": .newareNDA,
        "synthetic_ndc11.ndax": .newareNDAX, "synthetic_ndc5.ndax": .newareNDAX,
    ]

    static func records(_ name: String) throws -> NewareRecords {
        let text = try ExportText(contentsOf: Fixture.path("neware/\(name)"))
        return name.hasSuffix(".nda") ? try NewareNDAReader.records(text) : try NewareNDAXReader.records(text)
    }

    /// NewareNDA stores every float column as float32 (its `dtype_dict`), and Neware itself stores
    /// singles: a value agrees when it is within half a float32 ulp of the reference (2⁻²⁴ relative,
    /// taken as 1e-7) plus 1e-9 for values that are zero in one reader and a rounding residue in the other.
    static func close(_ value: Double, _ reference: Double) -> Bool {
        abs(value - reference) <= 1e-7 * abs(reference) + 1e-9
    }

    func column(_ reference: [String: Any], _ name: String) -> [Double?] {
        ((reference["columns"] as! [String: Any])[name] as! [Any]).map { ($0 as? NSNumber)?.doubleValue }
    }

    @Test func everyFixtureHasAReference() {
        #expect(Set(Self.references.keys) == Set(Self.layouts.keys).union(["empty.ndax"]))
    }

    /// Row for row, on every row the reference keeps: record index, the instrument's cycle, the step count
    /// and number, the step type, time, voltage, current, both counters and energies, temperature.
    @Test(arguments: layouts.keys.sorted())
    func readsAsNewareNDADoes(name: String) throws {
        let reference = try #require(Self.references[name])
        let records = try Self.records(name)
        #expect(records.count == reference["rows"] as? Int)
        let columns = reference["columns"] as! [String: Any]
        let rows = (columns["row"] as! [Int])
        let listed = columns["runinfo_listed"] as! [Int]
        let ints = { (key: String) in (columns[key] as! [Int]) }
        let status = columns["Status"] as! [String]
        // .nda version 130 stores the test time; the .ndc layouts and .nda version 29 the time within the step.
        let time = records.stepTime_s ?? records.time_s
        #expect((records.stepTime_s == nil) == (name == "TestFile.nda"))
        var mismatches: [String] = []
        func check(_ label: String, _ k: Int, _ ours: Double, _ theirs: Double?) {
            guard let theirs else { return }
            if !Self.close(ours, theirs), mismatches.count < 10 { mismatches.append("row \(rows[k]) \(label): \(ours) vs \(theirs)") }
        }
        let reference_ = (
            time: column(reference, "Time"), voltage: column(reference, "Voltage"), current: column(reference, "Current(mA)"),
            charge: column(reference, "Charge_Capacity(mAh)"), discharge: column(reference, "Discharge_Capacity(mAh)"),
            chargeEnergy: column(reference, "Charge_Energy(mWh)"), dischargeEnergy: column(reference, "Discharge_Energy(mWh)"))
        let temperature = columns["T1"] != nil ? column(reference, "T1") : nil
        #expect((records.temperature_C != nil) == (temperature != nil && name != "Unit27_Example_Corrupt.ndax"))
        for (k, row) in rows.enumerated() {
            #expect(records.recordIndex[row] == ints("Index")[k])
            #expect(records.cycle?[row] == ints("Cycle")[k], "row \(row) cycle")
            #expect(records.stepCount[row] == ints("Step")[k], "row \(row) step count")
            #expect(records.stepIndex[row] == ints("Step_Index")[k], "row \(row) step index")
            #expect(NewareStepType.name(records.stepType[row]) == status[k], "row \(row) step type")
            check("time", k, time[row], reference_.time[k])
            check("voltage", k, records.voltage_V[row], reference_.voltage[k])
            check("current", k, records.current_A[row] * 1000, reference_.current[k])
            if listed[k] == 1 {
                check("charge", k, records.chargeCapacity_Ah[row] * 1000, reference_.charge[k])
                check("discharge", k, records.dischargeCapacity_Ah[row] * 1000, reference_.discharge[k])
                check("charge energy", k, records.chargeEnergy_Wh[row] * 1000, reference_.chargeEnergy[k])
                check("discharge energy", k, records.dischargeEnergy_Wh[row] * 1000, reference_.dischargeEnergy[k])
            } else {
                // NewareNDA integrates counters the file does not hold; Coulomb leaves them missing.
                #expect(records.chargeCapacity_Ah[row].isNaN && records.dischargeCapacity_Ah[row].isNaN)
            }
            if let temperature, let ours = records.temperature_C { check("T1", k, ours[row], temperature[k]) }
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches.joined(separator: "; "))")
    }

    /// Through the public reader: the format is named, and every cycle's charge and discharge from the
    /// instrument's counters (reset at each step, summed by `CapacityCounters`) equals the sum over the
    /// cycle's steps of each step's last reading, computed by the fixture script from NewareNDA's rows
    /// (relative 1e-6: float32 counters summed over a few steps).
    @Test(arguments: layouts.keys.sorted())
    func cycleCapacitiesFromTheCountersAreTheSumOverSteps(name: String) throws {
        let reference = try #require(Self.references[name])
        let file = try CellFileReader.read(Fixture.path("neware/\(name)"))
        #expect(file.layout == Self.layouts[name])
        let data = try #require(file.cells.first?.cell.cycling)
        #expect(data.count == reference["rows"] as? Int)
        let expected = reference["cycle_capacity_mAh"] as! [String: [Double]]
        let table = try CycleTable(data, convention: .choose(.full, cell: Cell(id: "test"), data: data), capacitySource: .counters)
        for (cycle, capacities) in expected {
            let rows = table.rows.filter { ($0.instrumentCycle ?? $0.cycle) == Int(cycle) }
            let charge = rows.compactMap(\.counterChargeCapacity_Ah).reduce(0, +) * 1000
            let discharge = rows.compactMap(\.counterDischargeCapacity_Ah).reduce(0, +) * 1000
            #expect(abs(charge - capacities[0]) <= 1e-6 * max(capacities[0], 1), "\(name) cycle \(cycle) charge")
            #expect(abs(discharge - capacities[1]) <= 1e-6 * max(capacities[1], 1), "\(name) cycle \(cycle) discharge")
        }
    }

    /// The current's sign against the voltage: over consecutive rows of current > 0 the voltage rises, over
    /// rows of current < 0 it falls (TestFile.nda: a full cell charged and discharged three times).
    @Test func chargingCurrentRaisesTheVoltage() throws {
        let data = try #require(try CellFileReader.read(Fixture.path("neware/TestFile.nda")).cells[0].cell.cycling)
        var rising = 0.0, falling = 0.0
        for row in 1..<data.count where data.current_A[row] * data.current_A[row - 1] > 0 {
            let change = data.voltage_V[row] - data.voltage_V[row - 1]
            if data.current_A[row] > 0 { rising += change } else { falling += change }
        }
        #expect(rising > 0.5 && falling < -0.5)
    }

    /// Test time from step times: continuous across step changes and never backwards.
    @Test func testTimeRunsOnAcrossSteps() throws {
        let records = try Self.records("TESTCELL0001-Test_Data_Collection_Ndc17.ndax")
        let stepTime = try #require(records.stepTime_s)
        for row in 1..<records.count {
            #expect(records.time_s[row] >= records.time_s[row - 1])
            if records.stepCount[row] == records.stepCount[row - 1] {
                #expect(abs((records.time_s[row] - records.time_s[row - 1]) - (stepTime[row] - stepTime[row - 1])) < 1e-9)
            }
        }
    }

    /// The CRC catalogue's check value for CRC-32/ISO-HDLC (zip's): the CRC of the nine bytes "123456789"
    /// (one eight-byte step and one byte after it) is 0xCBF43926.
    @Test func zipCRCHasTheCatalogueCheckValue() {
        #expect(ZipCRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipCRC32.checksum([]) == 0)
    }

    @Test func anEmptyTestSaysItIsEmpty() {
        #expect { try CellFileReader.read(Fixture.path("neware/empty.ndax")) } throws: { error in
            "\(error)".contains("empty.ndax") && "\(error)".contains("is empty")
        }
    }

    /// TestInfo.xml of the corrupt sample describes none of its two auxiliary channels: the records read,
    /// the channels are left out with a warning naming them, not guessed.
    @Test func auxiliaryChannelsTestInfoDoesNotDescribeAreLeftOutWithAWarning() throws {
        let file = try CellFileReader.read(Fixture.path("neware/Unit27_Example_Corrupt.ndax"))
        #expect(file.cells[0].cell.cycling?.temperature_C == nil)
        #expect(file.warnings.contains { $0.contains("data_AUX_9_3_1.ndc") && $0.contains("TestInfo.xml") })
    }

    @Test func recordsMissingFromRunInfoAreFilledWithAWarning() throws {
        let file = try CellFileReader.read(Fixture.path("neware/interp-test.ndax"))
        #expect(file.warnings.contains { $0.contains("no entry in data_runInfo.ndc") })
    }
}
