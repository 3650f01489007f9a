import CoulombCore
import CoulombIO
import Foundation
import Testing
import TestFixtures

/// The impedance formats pyimpspec reads (PalmSens, Ivium, Eco Chemie, Elchemea, .P00) and Gamry files with
/// drift-corrected columns, against pyimpspec's own reading of the same files, recorded by
/// `Fixtures/make_pyimpspec_fixtures.py` in `Fixtures/eis_formats/reference.json`.
@Suite struct ImpedanceFormatReferenceTests {
    nonisolated(unsafe) static let references: [String: [String: Any]] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("eis_formats/reference.json")))
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return document["files"] as! [String: [String: Any]]
    }()

    static let layouts: [String: FileLayout] = [
        "data.pssession": .palmSens, "data.ids": .ivium, "data.idf": .ivium, "data.dfr": .ecoChemieDFR,
        "data.i2b": .elchemeaI2B, "data.P00": .p00, "gamry_drift_corrected.DTA": .gamryDTA,
        "gamry_drift_corrected_comma.DTA": .gamryDTA,
    ]

    @Test func everyReferenceFileHasAnExpectedFormat() {
        #expect(Set(Self.references.keys) == Set(Self.layouts.keys))
    }

    /// Every point's frequency, Z′ and Z″ equal to pyimpspec's, to 1e-13 relative: both parse the decimal
    /// text correctly rounded, but Foundation's JSON parser on Linux (the .pssession, and this test's
    /// reading of reference.json) can be a few ulp off. A wrong sign, column or point is far larger.
    @Test(arguments: layouts.keys.sorted())
    func readsAsPyimpspecDoes(name: String) throws {
        let reference = try #require(Self.references[name])
        let file = try CellFileReader.read(Fixture.path("eis_formats/\(name)"))
        #expect(file.layout == Self.layouts[name])
        let cell = try #require(file.cells.first).cell
        #expect(cell.cycling == nil)
        ExportReferenceTests.expectEqual(cell.spectra, try #require(reference["spectra"] as? [[String: Any]]), name)
    }

    /// The format comes from the content: each file under a misleading name reads the same.
    @Test(arguments: layouts.keys.sorted())
    func formatIsFoundFromTheContentNotTheName(name: String) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-\(UUID().uuidString).csv")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixture.path("eis_formats/\(name)")), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let file = try CellFileReader.read(copy.path)
        #expect(file.layout == Self.layouts[name])
        #expect(file.cells[0].cell.spectra == (try CellFileReader.read(Fixture.path("eis_formats/\(name)")).cells[0].cell.spectra))
    }

    /// With drift correction the corrected columns are read (they differ from Zreal/Zimag at every point
    /// but the first, by construction), `info` is told so, and the header's AREA is the cell's area, its
    /// source the DTA header.
    @Test(arguments: ["gamry_drift_corrected.DTA", "gamry_drift_corrected_comma.DTA"])
    func driftCorrectedGamryColumnsAndAreaAreRead(name: String) throws {
        let reference = try #require(Self.references[name])
        let loaded = try CellFileReader.read(Fixture.path("eis_formats/\(name)")).cells[0]
        let uncorrected = try #require(reference["uncorrected"] as? [String: Any])
        let uncorrectedReal = try #require(uncorrected["z_real_ohm"] as? [Double])
        let real = try #require(loaded.cell.spectra.first).impedance_ohm.map(\.real)
        #expect(zip(real, uncorrectedReal).dropFirst().allSatisfy { $0 != $1 })
        #expect(loaded.notes.count == 1)
        #expect(loaded.notes.first?.contains("drift-corrected columns ZrealDrCor and ZimagDrCor") == true)
        #expect(loaded.cell.area_cm2 == reference["area_cm2"] as? Double)
        #expect(loaded.cell.area_cm2 == 0.785)
        #expect(loaded.cell.provenance.first { $0.fact == .area }?.source.contains("DTA header AREA") == true)
    }

    /// Gamry's default AREA of 1 cm² is a placeholder, not a cell fact (docs/FILE_LAYOUTS.md's rule); without
    /// drift-corrected columns there is nothing to note.
    @Test func placeholderGamryAreaIsNotTheCellsArea() throws {
        let loaded = try CellFileReader.read(Fixture.path("exports/exampleDataGamry.DTA")).cells[0]
        #expect(loaded.cell.area_cm2 == nil)
        #expect(loaded.notes.isEmpty)
    }

    /// The two spectra of the .ids file are the same measurement saved twice: each equals the .idf's one.
    @Test func everyIviumMeasurementIsASpectrum() throws {
        let several = try CellFileReader.read(Fixture.path("eis_formats/data.ids")).cells[0].cell.spectra
        let one = try CellFileReader.read(Fixture.path("eis_formats/data.idf")).cells[0].cell.spectra
        #expect(several.count == 2)
        #expect(one.count == 1)
        for spectrum in several {
            #expect(spectrum.frequency_Hz == one[0].frequency_Hz)
            #expect(spectrum.impedance_ohm == one[0].impedance_ohm)
        }
    }
}
