@testable import CoulombIO
import Foundation
import TestFixtures
import Testing

/// Seeded mutations of the sample files added for issue 14 read in process: cut at a hashed length or with
/// 1–32 hashed bytes flipped, each either reads or gives a ``CoulombIOError`` — never a crash (a trap would
/// end the test process) or another kind of error. (The Arbin `.res` copies go through the command, where
/// libmdb runs in a child process: `ArbinResCommandTests`.)
@Suite struct MutatedSampleTests {
    /// Knuth's multiplicative hash of (seed, k), so every run mutates the same bytes.
    static func draw(_ seed: Int, _ k: Int, below bound: Int) -> Int {
        Int((UInt64(seed * 1000 + k + 1) &* 0x9E37_79B9_7F4A_7C15) >> 20) % max(bound, 1)
    }

    static func mutated(_ original: [UInt8], seed: Int) -> [UInt8] {
        var bytes = original
        if seed % 3 == 0 { return Array(bytes.prefix(draw(seed, 0, below: bytes.count))) }
        for k in 0..<[1, 4, 8, 32][seed % 4] {
            bytes[draw(seed, 2 * k, below: bytes.count)] ^= UInt8(1) << UInt8(draw(seed, 2 * k + 1, below: 8))
        }
        return bytes
    }

    @Test(arguments: ["exports/GCPL-0.mpr", "exports/MB-0.mpr", "exports/biol_unknown_id.mpr"])
    func mutatedMPRGivesNamedErrors(file: String) throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixture.path(file))))
        var failures = 0
        for seed in 0..<200 {
            let text = ExportText(file: "mutated-\(seed).mpr", bytes: Self.mutated(original, seed: seed))
            do {
                _ = try BiologicMPRReader.read(text).makeFile(path: text.file, layout: .biologicMPR, keepingInvalidSpectra: false)
            } catch let error as CoulombIOError {
                #expect(error.file == text.file)
                failures += 1
            }
        }
        // At least the cut copies (a third) must fail; the rest may read.
        #expect(failures >= 67)
    }

    /// The pickles of Python's dates and times (and every other good pickle), mutated: decoded or refused.
    @Test func mutatedPicklesAreRefusedOrRead() throws {
        for item in PickleDecoderTests.document.good {
            for seed in 0..<40 {
                do { _ = try PickleDecoder.decode(Self.mutated(item.bytes, seed: seed)) } catch is PickleDecoder.Failure {}
            }
        }
    }
}
