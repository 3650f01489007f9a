import ComplexModule
import CoulombCore
import CoulombIO
import Foundation
import Testing

/// Coulomb's writer and reader agree with each other; agreement with battdat itself is checked by
/// `Fixtures/check_roundtrip.py`, which reads these files with battdat, pandas and h5py.
@Suite struct BattdatWriterTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-io-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func cell(_ id: String) throws -> Cell {
        let cycling = try CyclingData(time_s: [0, 1, 2, 3], voltage_V: [0.01, 0.02, -0.01, -0.02],
                                      current_A: [1e-4, 1e-4, -1e-4, -1e-4], cycleIndex: [0, 0, 0, 0],
                                      stepIndex: [1, 1, 2, 2])
        let spectrum = try ImpedanceSpectrum(frequency_Hz: [1e6, 1e3, 1], impedance_ohm: [
            Complex(10, -0.5), Complex(60, -40), Complex(120, -3),
        ], testID: 7, time_s: 4, temperature_C: 25)
        return Cell(id: id, type: .symmetric, area_cm2: 0.785, temperature_C: 25, stackPressure_MPa: 5,
                    metadata: .object(["comments": .string("Li|LLZO|Li")]), cycling: cycling, spectra: [spectrum])
    }

    @Test func oneCellRoundTripsAtTheRoot() throws {
        let path = folder.appendingPathComponent("one.h5").path
        let original = try cell("li-llzo-li")
        try BattdatWriter.write([original], to: path)
        let file = try CellFileReader.read(path)
        #expect(file.layout == .battdat)
        let back = try #require(file.cells.first).cell
        #expect(file.cells[0].objectPath == "/")
        #expect(back.id == original.id)
        #expect(back.type == .symmetric)
        #expect(back.area_cm2 == 0.785)
        #expect(back.stackPressure_MPa == 5)
        #expect(back.cycling == original.cycling)
        #expect(back.spectra == original.spectra)
        #expect(back.metadata[path: "comments"]?.string == "Li|LLZO|Li")
    }

    @Test func severalCellsGoInGroups() throws {
        let path = folder.appendingPathComponent("two.h5").path
        try BattdatWriter.write([try cell("a"), try cell("b/2")], to: path)
        let file = try CellFileReader.read(path)
        #expect(file.cells.map(\.objectPath) == ["/a", "/b_2"])
        #expect(file.cells.map(\.cell.id) == ["a", "b/2"])
    }

    @Test func outputIsAtomicAndNeverOverwritesByAccident() throws {
        let path = folder.appendingPathComponent("out.h5").path
        try AtomicOutput.write(to: path, force: false) { try BattdatWriter.write([try cell("x")], to: $0) }
        let exists = #expect(throws: CoulombIOError.self) {
            try AtomicOutput.write(to: path, force: false) { _ in Issue.record("must not write") }
        }
        #expect(exists?.problem == "already exists" && exists?.remedy == .replaceOutput)
        let input = #expect(throws: CoulombIOError.self) {
            try AtomicOutput.write(to: path, force: true, inputs: [path]) { _ in Issue.record("must not write") }
        }
        #expect(input?.problem.contains("never writes into an input file") == true)
        // A failing writer leaves the old file and no temporary behind.
        struct Boom: Error {}
        #expect(throws: Boom.self) { try AtomicOutput.write(to: path, force: true) { _ in throw Boom() } }
        #expect(try CellFileReader.read(path).cells[0].cell.id == "x")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.h5"])
    }
}
