import CoulombIO
import Foundation
import Testing
import TestFixtures

/// Damaged copies of every Neware sample — cut short at several points, bytes overwritten — read to a
/// record or to a ``CoulombIOError`` naming the file, never a crash or a hang. Mutations come from a
/// seeded generator, so every run tries the same copies.
@Suite struct NewareMutationTests {
    static let samples = [
        "123456789012_Unit27_Example_Data_File.ndax", "21_10_7_85.ndax", "interp-test.ndax", "ZZZZZZZZTEST.ndax",
        "TESTCELL0001-Test_Data_Collection_Ndc17.ndax", "scrubbed_ndc2.ndax", "TestFile.nda",
        "Unit27_Example_Corrupt.ndax", "empty.ndax", "synthetic_v29.nda", "synthetic_ndc11.ndax",
        "synthetic_ndc5.ndax",
    ]

    /// Knuth's MMIX linear congruential generator, its high bits folded in: a fixed seed gives the same
    /// mutations on every run.
    struct Congruential: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    /// The copies of one sample: cut at 8 points (4 random, plus 1 byte, half, and all but 1 and 22 bytes:
    /// inside the zip directory), and 24 with 1 to 16 random bytes overwritten.
    static func mutations(of bytes: [UInt8], seed: UInt64) -> [(String, [UInt8])] {
        var random = Congruential(state: seed)
        var copies: [(String, [UInt8])] = []
        var cuts = [1, bytes.count / 2, bytes.count - 1, max(bytes.count - 22, 1)]
        for _ in 0..<4 { cuts.append(Int.random(in: 1..<bytes.count, using: &random)) }
        for cut in cuts { copies.append(("cut at byte \(cut)", Array(bytes.prefix(cut)))) }
        for _ in 0..<24 {
            var copy = bytes
            var changed: [Int] = []
            for _ in 0..<Int.random(in: 1...16, using: &random) {
                let at = Int.random(in: 0..<copy.count, using: &random)
                copy[at] = UInt8.random(in: 0...255, using: &random)
                changed.append(at)
            }
            copies.append(("bytes \(changed.sorted()) overwritten", copy))
        }
        return copies
    }

    @Test(arguments: samples)
    func damagedCopiesGiveNamedErrors(name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixture.path("neware/\(name)"))))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("neware-mutations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let seed = UInt64(name.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }.magnitude)
        for (k, (mutation, copy)) in Self.mutations(of: bytes, seed: seed).enumerated() {
            let path = folder.appendingPathComponent("\(k)-\(name)").path
            try Data(copy).write(to: URL(fileURLWithPath: path))
            let start = Date()
            do {
                _ = try CellFileReader.read(path)
            } catch let error as CoulombIOError {
                #expect(error.file == path && !error.problem.isEmpty, "\(name), \(mutation): \(error)")
            } catch {
                Issue.record("\(name), \(mutation): not a CoulombIOError: \(error)")
            }
            // A hang shows as a read far slower than the whole sample's (milliseconds).
            #expect(Date().timeIntervalSince(start) < 5, "\(name), \(mutation): slow")
        }
    }

    /// A cut-short archive names the member it is cut in and the offsets.
    @Test func cutShortArchiveNamesTheMemberAndOffset() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixture.path("neware/ZZZZZZZZTEST.ndax"))))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID().uuidString).ndax").path
        try Data(bytes.prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.problem.contains("is cut short: member '") == true, "\(error.map { "\($0)" } ?? "")")
        #expect(error?.problem.contains("but the file ends at byte \(bytes.count / 2)") == true)
    }
}
