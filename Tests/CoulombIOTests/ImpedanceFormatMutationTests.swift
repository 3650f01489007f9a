import CoulombIO
import Foundation
import Testing
import TestFixtures

/// Damaged copies of every impedance sample file (cut short, bytes flipped; seeded, so every run tries the
/// same copies): each either reads or fails with a ``CoulombIOError`` naming the copy and the problem —
/// never a crash, a hang or another kind of error.
@Suite struct ImpedanceFormatMutationTests {
    static let samples = ["data.pssession", "data.ids", "data.idf", "data.dfr", "data.i2b", "data.P00",
                          "gamry_drift_corrected.DTA"]

    /// 20 truncations and 40 copies with 1–8 bytes flipped (XOR with a random non-zero byte), each read
    /// from a file of its own.
    static func mutants(of bytes: [UInt8], seed: UInt64) -> [(kind: String, bytes: [UInt8])] {
        var generator = SplitMix(seed: seed)
        var mutants: [(String, [UInt8])] = []
        for _ in 0..<20 {
            let length = Int.random(in: 0..<bytes.count, using: &generator)
            mutants.append(("cut to \(length) bytes", Array(bytes.prefix(length))))
        }
        for _ in 0..<40 {
            var copy = bytes
            var flipped: [Int] = []
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let offset = Int.random(in: 0..<copy.count, using: &generator)
                copy[offset] ^= UInt8.random(in: 1...255, using: &generator)
                flipped.append(offset)
            }
            mutants.append(("bytes flipped at \(flipped)", copy))
        }
        return mutants
    }

    @Test(.timeLimit(.minutes(2)), arguments: samples)
    func damagedCopiesGiveNamedErrors(name: String) throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.path("eis_formats/\(name)"))))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var failures = 0
        for (index, mutant) in Self.mutants(of: original, seed: UInt64(name.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) })).enumerated() {
            let path = folder.appendingPathComponent("\(index)-\(name)").path
            try Data(mutant.bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try CellFileReader.read(path)
            } catch let error as CoulombIOError {
                failures += 1
                #expect(error.file == path, "\(name) \(mutant.kind)")
                #expect(!error.problem.isEmpty, "\(name) \(mutant.kind)")
            } catch {
                Issue.record("\(name) \(mutant.kind): \(type(of: error)) \(error), not a CoulombIOError")
            }
        }
        // A cut to fewer bytes than the first spectrum needs cannot read: some of the 60 copies must fail.
        #expect(failures > 0, "\(name): every damaged copy read")
    }

    /// Cut where a spectrum's data is (at a line's end, so that no number is merely shortened): each
    /// format says what is missing, and where.
    @Test(arguments: [
        ("data.dfr", 1200, "line 123", "the file ends within point 14 of the 29 that line 2 announces"),
        ("data.i2b", 1036, "line 6", "announces 29 points but 18 follow (is the file cut short?)"),
        ("data.P00", 1227, "line 6", "announces 29 points but 14 follow (is the file cut short?)"),
        ("data.idf", 4700, nil, "no 'primary_data' block (the data of an Ivium measurement)"),
        ("data.idf", 5180, "line 168", "announces 29 points but the file ends after"),
        ("data.pssession", 100_000, nil, "is not valid JSON (is the file cut short or damaged?)"),
        ("gamry_drift_corrected.DTA", 35940, "line 491", "has 5 fields but the header on line 448 has 16 columns"),
    ] as [(String, Int, String?, String)])
    func cutShortFileSaysWhatIsMissing(name: String, length: Int, object: String?, problem: String) throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("eis_formats/\(name)")))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-cut-\(UUID().uuidString)-\(name)").path
        try original.prefix(length).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.file == path)
        #expect(error?.object == object)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "no error")")
    }
}

extension ImpedanceFormatMutationTests {
    /// A byte damaged into a control character is written as `\u{…}` in the error, so the line quoted
    /// shows what broke it.
    @Test func damagedByteIsShownInTheError() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.path("eis_formats/data.dfr"))))
        let offset = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("1930.69".utf8)) })
        bytes[offset + 4] = 0x0B
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-damaged-\(UUID().uuidString).dfr").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.object == "line 49")
        #expect(error?.problem == "'1930\\u{B}6977288832495' is not a number (frequency of point 6)")
    }
}
