import Foundation
import TestFixtures
import Testing

/// The cell card end to end: a sidecar next to the data, `--cell-card` and the options, each fact's source
/// in the output, and cards that are wrong refused with the card's name and the key.
@Suite struct CellCardCommandTests {
    /// A folder holding a copy of the simulated Si half cell (anode_half, 0.785 cm², 0.3 mg in its file).
    func folder(card: String?) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-card-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixture.path("hdf5_columns/si_half_cell.h5"),
                                         toPath: folder.appendingPathComponent("si.h5").path)
        if let card { try Data(card.utf8).write(to: folder.appendingPathComponent("si.cell.json")) }
        return folder
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aSidecarsFactsOverrideTheFilesAndSaySo() throws {
        let folder = try folder(card: #"{"area_cm2": 2.0, "temperature_C": 60, "counter_electrode": "Li"}"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Coulomb.run(["cycles", "si.h5", "--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        let card = try #require(object["cell_card"] as? [String: [String: Any]])
        #expect(card["area_cm2"]?["value"] as? Double == 2.0)
        #expect(card["area_cm2"]?["source"] as? String == "card si.cell.json")
        #expect(card["temperature_C"]?["source"] as? String == "card si.cell.json")
        #expect(card["counter_electrode"]?["value"] as? String == "Li")
        #expect(card["cell_type"]?["source"] as? String == "file")
        // mAh/cm² uses the card's area: 0.8 mAh of cycle 1's charge (the fixture's README) over 2 cm².
        let cycles = try #require(object["cycles"] as? [[String: Any]])
        let perArea = try #require(cycles.first?["charge_capacity_mAh_cm2"] as? Double)
        #expect(abs(perArea - 0.8 / 2.0) < 1e-12)
        // An option overrides the card, and says so.
        let option = try Coulomb.run(["cycles", "si.h5", "--format", "json", "--area-cm2", "0.5"], in: folder)
        #expect(try json(option.stdout)["cell_card"].flatMap { $0 as? [String: [String: Any]] }?["area_cm2"]?["source"] as? String
                == "option --area-cm2")
    }

    @Test func theCellTypeFromACardDecidesTheConvention() throws {
        let folder = try folder(card: nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"cell_type": "full"}"#.utf8).write(to: folder.appendingPathComponent("elsewhere.json"))
        let result = try Coulomb.run(["cycles", "si.h5", "--format", "json", "--cell-card", "elsewhere.json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try json(result.stdout)
        #expect(object["mode"] as? String == "full")
        #expect(object["mode_reason"] as? String == "from the cell type full (card elsewhere.json)")
        let typed = try Coulomb.run(["cycles", "si.h5", "--format", "json", "--cell-type", "cathode_half"], in: folder)
        #expect(try json(typed.stdout)["mode"] as? String == "cathode")
    }

    @Test(arguments: [
        (#"{"area": 1}"#, "unknown key 'area'"),
        (#"{"area_cm2": 0}"#, "area_cm2 must be a positive number, not 0.0"),
        (#"{"cell_type": "battery"}"#, "cell_type is 'battery'"),
        (#"{"counter_electrode": "Zn"}"#, "counter_electrode is 'Zn'"),
        ("not json", "the cell card is not valid JSON"),
    ])
    func aWrongCardIsRefusedNamingItAndTheKey(card: String, message: String) throws {
        let folder = try folder(card: card)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Coulomb.run(["cycles", "si.h5", "--format", "csv"], in: folder)
        #expect(result.status != 0)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("coulomb: error: si.cell.json: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func everyCellAnalysisStatesTheCard() throws {
        // A symmetric cell's CCD with the area from a card: the JSON names the card as the area's source.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-card-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Fixture.path("symmetric/ccd_no_failure.h5"), toPath: folder.appendingPathComponent("li.h5").path)
        try Data(#"{"area_cm2": 1.5, "stack_pressure_MPa": 10}"#.utf8).write(to: folder.appendingPathComponent("li.cell.json"))
        for command in ["ccd", "shorts"] {
            let result = try Coulomb.run([command, "li.h5", "--format", "json"], in: folder)
            #expect(result.status == 0, "\(result.stderr)")
            let card = try json(result.stdout)["cell_card"] as? [String: [String: Any]]
            #expect(card?["area_cm2"]?["source"] as? String == "card li.cell.json", "\(command)")
            #expect(card?["stack_pressure_MPa"]?["value"] as? Double == 10, "\(command)")
            let table = try Coulomb.run([command, "li.h5", "--format", "table"], in: folder)
            #expect(table.stdout.contains("area_cm2 1.5 (card li.cell.json)"), "\(command)")
        }
    }

    @Test func fitTakesTheElectrolyteThicknessAndAreaFromTheCard() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-card-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(atPath: Fixture.path("battdat/eis_spectra.h5"), toPath: folder.appendingPathComponent("eis.h5").path)
        try Data(#"{"area_cm2": 2, "se_thickness_cm": 0.1}"#.utf8).write(to: folder.appendingPathComponent("eis.cell.json"))
        let result = try Coulomb.run(["fit", "eis.h5", "--circuit", "R0-p(R1,C1)", "--spectra", "1", "--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try json(result.stdout)["fits"] as? [[String: Any]])
        let r0 = try #require(rows.first?["R0"] as? Double)
        let sigma = try #require(rows.first?["R0_conductivity_S_cm"] as? Double)
        // σ = d / (R·A), from the card's d and A and the row's own R0.
        #expect(abs(sigma - 0.1 / (r0 * 2)) <= 1e-12 * sigma)
    }

    @Test func batchRowsCarryTheCardsTemperatureAndPressure() throws {
        let folder = try folder(card: #"{"temperature_C": 60, "stack_pressure_MPa": 25}"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The pattern matches the card too, which is read with its data file, not as a file of its own.
        let result = try Coulomb.run(["batch", "si*", "--analyses", "cycles", "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let (header, rows) = BatchCommandTests.table(result.stdout)
        #expect(rows.count == 1)
        #expect(header.contains("temperature_C") && header.contains("stack_pressure_MPa"))
        #expect(rows.first?["temperature_C"] == "60")
        #expect(rows.first?["stack_pressure_MPa"] == "25")
    }
}
