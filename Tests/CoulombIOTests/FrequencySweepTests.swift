import CoulombCore
@testable import CoulombIO
import Foundation
import Testing
import TestFixtures

/// Impedance files holding several sweeps one after the other, written by
/// `Fixtures/make_kk_and_sweep_fixtures.py` with the sweeps known by construction
/// (`kk_sweeps_reference.json`): every export reader splits them the same way.
@Suite struct FrequencySweepTests {
    nonisolated(unsafe) static let truth: [String: Any] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: Fixture.path("impedance/kk_sweeps_reference.json")))
        return (try! JSONSerialization.jsonObject(with: data) as! [String: Any])["sweeps"] as! [String: Any]
    }()
    static let files = (truth["files"] as! [String: [[String: Any]]]).keys.sorted()

    /// Two sweeps in a CSV or an EC-Lab .mpt (one cycle number, no `z cycle`: only the frequency tells) read
    /// as two spectra; one sweep with its 1 kHz point measured twice stays one; a down-then-up sweep is two
    /// (down to 0.1 Hz, then up from the next point). Point counts exact, first and last frequencies to 1e-7
    /// relative (the .mpt prints 8 digits). A file that was split says so in a warning.
    @Test(arguments: files)
    func sweepsAreSplitWhereTheFrequencyTurns(file: String) throws {
        let expected = (Self.truth["files"] as! [String: [[String: Any]]])[file]!
        let read = try CellFileReader.read(Fixture.path("impedance/\(file)"))
        let spectra = read.cells[0].cell.spectra
        #expect(spectra.count == expected.count, "\(file): \(spectra.map(\.count))")
        for (spectrum, sweep) in zip(spectra, expected) {
            #expect(spectrum.count == sweep["points"] as? Int, "\(file)")
            let first = sweep["first_Hz"] as! Double, last = sweep["last_Hz"] as! Double
            #expect(abs(spectrum.frequency_Hz.first! - first) <= 1e-7 * first && abs(spectrum.frequency_Hz.last! - last) <= 1e-7 * last,
                    "\(file): \(spectrum.frequency_Hz.first!) … \(spectrum.frequency_Hz.last!)")
        }
        #expect(spectra.map(\.testID) == Array(0..<spectra.count).map { Optional($0) })
        #expect(read.warnings.contains { $0.contains("frequency sweeps") } == (expected.count > 1), "\(read.warnings)")
    }

    /// The second sweep is the cell after its interface grew: fitted separately, R2 comes out 1.2 times the
    /// first sweep's, as the generator made it (noise-free, so 1e-3 relative is loose).
    @Test func eachSweepFitsItsOwnCircuit() throws {
        let spectra = try CellFileReader.read(Fixture.path("impedance/two_sweeps.csv")).cells[0].cell.spectra
        let circuit = try CircuitParser.parse(Self.truth["circuit"] as! String)
        let r2 = circuit.parameterNames.firstIndex(of: "R2")!
        let fits = try spectra.map { try ImpedanceFitter().fit(circuit, to: $0).values[r2] }
        let truth = (Self.truth["parameters"] as! [String: Double])["R2"]!
        #expect(abs(fits[0] - truth) <= 1e-3 * truth && abs(fits[1] - 1.2 * truth) <= 1e-3 * 1.2 * truth, "\(fits)")
    }

    /// The rule on its own, by construction: a restart (10 Hz → 1 kHz) and a turn (10 → 20 Hz) each begin a
    /// sweep at that point; 500 → 502 Hz (0.4 %) is a repeated point and sets no direction; a NaN sets none
    /// either, so validation can still name its row; a single point is one sweep.
    @Test func sweepRanges() {
        #expect(FrequencySweeps.ranges([1000, 500, 502, 100, 10, 1000, 100, 10, 20, 40]) == [0..<5, 5..<8, 8..<10])
        #expect(FrequencySweeps.ranges([10, 20, 20, 40]) == [0..<4])
        #expect(FrequencySweeps.ranges([1000, .nan, 100, 10]) == [0..<4])
        #expect(FrequencySweeps.ranges([5]) == [0..<1])
    }

    /// An HDF5 layout names its spectra itself (a group here, a test id in battdat), so the two sweeps written
    /// as one spectrum (h5py) stay one spectrum of 114 points — with a warning that names where the second starts.
    @Test func hdf5SpectraAreKeptWholeWithAWarning() throws {
        let read = try CellFileReader.read(Fixture.path("impedance/two_sweeps_columns.h5"))
        #expect(read.cells[0].cell.spectra.map(\.count) == [114])
        #expect(read.warnings.contains { $0.contains("holds 2 frequency sweeps") && $0.contains("at its points 57") }, "\(read.warnings)")
    }
}
