import CoulombCore
import CoulombIO
import Foundation
import Testing
import TestFixtures

/// Coulomb's export readers against what the Python tools users trust read from the same real files
/// (impedance.py, galvani, cellpy, pandas), recorded by `Fixtures/make_export_fixtures.py` in
/// `Fixtures/exports/reference.json` after unit conversion and with the sign conventions applied there.
@Suite struct ExportReferenceTests {
    nonisolated(unsafe) static let references: [String: [String: Any]] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("exports/reference.json")))
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return document["files"] as! [String: [String: Any]]
    }()

    static let layouts: [String: FileLayout] = [
        "exampleDataBioLogic.mpt": .biologicMPT, "biol_gcpl.mpt": .biologicMPT, "PEIS-0.mpr": .biologicMPR,
        "biol.mpr": .biologicMPR, "exampleDataGamry.DTA": .gamryDTA, "exampleDataZPlot.z": .zplot,
        "exampleData.csv": .impedanceCSV, "arbin_example.csv": .arbinCSV, "batmo_bdf.csv": .batteryDataFormat,
        "neware_uio.csv": .newareCSV, "nw_regular_export_ife_example.csv": .newareCSV, "maccor_002.txt": .maccorText,
        "exampleDataAutolab.txt": .autolab, "exampleDataCHInstruments.txt": .chInstruments,
        "exampleDataVersaStudio.par": .versaStudio, "exampleDataPowersuite.txt": .powerSuite,
        "exampleDataParstat.txt": .parstat, "pec.csv": .pecCSV, "pec_hhmmss.csv": .pecCSV,
    ]

    @Test func everyReferenceFileHasAnExpectedFormat() {
        #expect(Set(Self.references.keys) == Set(Self.layouts.keys))
    }

    /// Every row and every spectrum point equal to the reference tool's reading, to 1e-13 relative: Coulomb
    /// parses the decimal text correctly rounded, but pandas' default CSV parser (used by cellpy) is not
    /// (the BDF current 0.00605515800906498 comes out 90 ulp off), nor is Foundation's JSON parser on Linux
    /// (a few ulp). Anything a reader gets wrong (a unit, a sign, a shifted row) is far larger.
    @Test(arguments: layouts.keys.sorted())
    func readsAsTheReferenceToolDoes(name: String) throws {
        let reference = try #require(Self.references[name])
        let file = try CellFileReader.read(Fixture.path("exports/\(name)"))
        #expect(file.layout == Self.layouts[name])
        #expect(file.cells.count == 1)
        let cell = try #require(file.cells.first).cell
        #expect(cell.id == (name as NSString).deletingPathExtension)
        if let cycling = reference["cycling"] as? [String: [Any]] {
            let data = try #require(cell.cycling)
            Self.expectEqual(data.time_s, cycling["time_s"], "\(name) time_s")
            Self.expectEqual(data.voltage_V, cycling["voltage_V"], "\(name) voltage_V")
            Self.expectEqual(data.current_A, cycling["current_A"], "\(name) current_A")
            if let cycles = cycling["cycle_index"] { #expect(data.cycleIndex == cycles as? [Int], "\(name) cycle_index") }
            if let steps = cycling["step_index"] { #expect(data.stepIndex == steps as? [Int], "\(name) step_index") }
            if let charge = cycling["charge_capacity_Ah"] {
                Self.expectEqual(try #require(data.chargeCapacity_Ah), charge, "\(name) charge_capacity_Ah")
            }
            if let discharge = cycling["discharge_capacity_Ah"] {
                Self.expectEqual(try #require(data.dischargeCapacity_Ah), discharge, "\(name) discharge_capacity_Ah")
            }
        } else {
            #expect(cell.cycling == nil)
        }
        Self.expectEqual(cell.spectra, reference["spectra"] as? [[String: Any]] ?? [], name)
    }

    /// As many spectra as the reference, each point's frequency, Z′ and Z″ equal to its (``expectEqual(_:_:_:sourceLocation:)``).
    static func expectEqual(_ spectra: [ImpedanceSpectrum], _ reference: [[String: Any]], _ name: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(spectra.count == reference.count, "\(name): \(spectra.count) spectra, reference \(reference.count)",
                sourceLocation: sourceLocation)
        for (spectrum, expected) in zip(spectra, reference) {
            expectEqual(spectrum.frequency_Hz, expected["frequency_Hz"] as? [Any], "\(name) frequency", sourceLocation: sourceLocation)
            expectEqual(spectrum.impedance_ohm.map(\.real), expected["z_real_ohm"] as? [Any], "\(name) Z'", sourceLocation: sourceLocation)
            expectEqual(spectrum.impedance_ohm.map(\.imaginary), expected["z_imag_ohm"] as? [Any], "\(name) Z''",
                        sourceLocation: sourceLocation)
        }
    }

    /// The current's sign against the voltage, independently of the reference tools: summed over
    /// consecutive rows with current > 0 the voltage rises, over rows with current < 0 it falls (for each
    /// direction the file holds; the cut files hold `directions`).
    @Test(arguments: [("biol_gcpl.mpt", "+"), ("biol.mpr", "+-"), ("arbin_example.csv", "+-"), ("batmo_bdf.csv", "+-"),
                      ("neware_uio.csv", "-"), ("nw_regular_export_ife_example.csv", "+-"), ("maccor_002.txt", "+"),
                      ("pec.csv", "+-")])
    func chargingCurrentRaisesTheVoltage(name: String, directions: String) throws {
        let data = try #require(try CellFileReader.read(Fixture.path("exports/\(name)")).cells[0].cell.cycling)
        var rising = 0.0, falling = 0.0
        for row in 1..<data.count where data.current_A[row] * data.current_A[row - 1] > 0 {
            let change = data.voltage_V[row] - data.voltage_V[row - 1]
            if data.current_A[row] > 0 { rising += change } else { falling += change }
        }
        #expect(data.current_A.contains { $0 > 0 } == directions.contains("+"))
        #expect(data.current_A.contains { $0 < 0 } == directions.contains("-"))
        if directions.contains("+") { #expect(rising > 0, "\(name): voltage change over charging rows \(rising)") }
        if directions.contains("-") { #expect(falling < 0, "\(name): voltage change over discharging rows \(falling)") }
    }

    /// The format comes from the content: each file copied under a misleading name reads as before.
    @Test(arguments: layouts.keys.sorted())
    func formatIsFoundFromTheContentNotTheName(name: String) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-\(UUID().uuidString).h5")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Fixture.path("exports/\(name)")), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let file = try CellFileReader.read(copy.path)
        #expect(file.layout == Self.layouts[name])
        #expect(file.cells[0].cell.cycling == (try CellFileReader.read(Fixture.path("exports/\(name)")).cells[0].cell.cycling))
    }

    /// EC-Lab in a European locale writes decimal commas; the values are the same.
    @Test func decimalCommasReadAsPoints() throws {
        let comma = try CellFileReader.read(Fixture.path("exports/decimal_comma.mpt")).cells[0].cell
        let point = try CellFileReader.read(Fixture.path("exports/exampleDataBioLogic.mpt")).cells[0].cell
        #expect(comma.spectra.count == 1)
        #expect(comma.spectra == point.spectra)
    }

    /// A European spreadsheet's CSV (`;` between fields, `,` as the decimal separator) reads as the original.
    @Test func semicolonsAndDecimalCommasReadAsTheOriginal() throws {
        let european = try CellFileReader.read(Fixture.path("exports/bdf_semicolon_decimal_comma.csv"))
        let original = try CellFileReader.read(Fixture.path("exports/batmo_bdf.csv"))
        #expect(european.layout == .batteryDataFormat)
        #expect(european.cells[0].cell.cycling?.count == 1939)
        #expect(european.cells[0].cell.cycling == original.cells[0].cell.cycling)
    }

    /// Lines ending in `\r\n`, `\n` and `\r` in turn read as the original.
    @Test func mixedLineEndingsReadAsTheOriginal() throws {
        let mixed = try CellFileReader.read(Fixture.path("exports/mixed_line_endings.csv")).cells[0].cell
        let original = try CellFileReader.read(Fixture.path("exports/arbin_example.csv")).cells[0].cell
        #expect(mixed.cycling?.count == 2142)
        #expect(mixed.cycling == original.cycling)
    }

    /// A spectrum CSV whose header gives units after a slash (`freq/Hz`, `Re(Z)/Ohm`) and holds −Z″
    /// (`-Im(Z)/ohms`) reads as impedance.py's `readCSV` reads the original.
    @Test func headerUnitsAndANegatedImaginaryPartReadAsTheOriginal() throws {
        let named = try CellFileReader.read(Fixture.path("exports/header_units.csv"))
        let original = try CellFileReader.read(Fixture.path("exports/exampleData.csv")).cells[0].cell
        #expect(named.layout == .impedanceCSV)
        #expect(named.cells[0].cell.spectra.first?.count == 66)
        #expect(named.cells[0].cell.spectra == original.spectra)
    }

    /// Each VersaStudio segment with impedance columns is a spectrum: the file's segment written twice reads
    /// as two copies of the original's one spectrum.
    @Test func everyVersaStudioSegmentIsASpectrum() throws {
        let twice = try CellFileReader.read(Fixture.path("exports/versastudio_two_segments.par")).cells[0].cell
        let original = try #require(try CellFileReader.read(Fixture.path("exports/exampleDataVersaStudio.par")).cells[0].cell.spectra.first)
        #expect(twice.spectra.count == 2)
        for spectrum in twice.spectra {
            #expect(spectrum.frequency_Hz == original.frequency_Hz)
            #expect(spectrum.impedance_ohm == original.impedance_ohm)
            #expect(spectrum.time_s == 1.812)
        }
    }

    /// The Battery Data Format file's own current has charge < 0; the reader says so and negates it.
    @Test func invertedBatteryDataFormatCurrentIsReportedAndNegated() throws {
        let file = try CellFileReader.read(Fixture.path("exports/batmo_bdf.csv"))
        #expect(file.warnings.count == 1)
        #expect(file.warnings.first?.contains("opposite sign to their 'Step Type / 1'") == true)
    }

    static func expectEqual(_ actual: [Double], _ expected: [Any]?, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expected = expected?.map({ ($0 as! NSNumber).doubleValue }) else {
            Issue.record("\(what): no reference values", sourceLocation: sourceLocation)
            return
        }
        #expect(actual.count == expected.count, "\(what): \(actual.count) rows, reference \(expected.count)",
                sourceLocation: sourceLocation)
        let differs = { (a: Double, b: Double) in !(a == b || abs(a - b) <= 1e-13 * abs(b)) }
        if let row = zip(actual, expected).enumerated().first(where: { differs($0.element.0, $0.element.1) })?.offset {
            Issue.record("\(what): row \(row) is \(actual[row]), reference \(expected[row])", sourceLocation: sourceLocation)
        }
    }
}
