import Foundation
@testable import CoulombIO
import Testing

/// FIPS 180-4's example digests (NIST's "SHA-256" example document), from memory and from a file that
/// spans several 1 MiB reads: what the batch table and import provenance record.
@Suite struct FileDigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func nistExamples(message: String, digest: String) {
        #expect(FileDigest.sha256(Array(message.utf8)) == digest)
    }

    /// A million 'a's (NIST's long example) read from a file in pieces.
    @Test func aMillionAsFromAFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-sha-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: UInt8(ascii: "a"), count: 1_000_000).write(to: URL(fileURLWithPath: path))
        #expect(try FileDigest.sha256(ofFile: path) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: CoulombIOError.self) { try FileDigest.sha256(ofFile: "/no/such/file") }
    }
}
