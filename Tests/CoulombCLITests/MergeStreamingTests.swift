import Foundation
import TestFixtures
import Testing

/// `coulomb merge` reads the shards side by side, so it relies on each being in file order and on no file
/// being in two shards; a shard that breaks either is an error, not a table quietly in another order.
@Suite struct MergeStreamingTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-merge-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let header = "# analyses: cycles\nfile,format,status,error,cell\n"

    @Test func shardsInterleaveByFileAndKeepQuotedLineBreaks() throws {
        let a = try write("a.csv", Self.header + "a.h5,battdat,ok,,1\na.h5,battdat,ok,,2\nc.h5,,failed,\"c.h5: bad,\nreally\",\n")
        let b = try write("b.csv", Self.header + "b.h5,battdat,ok,,1\nd.h5,battdat,ok,,1\n")
        let result = try Coulomb.run(["merge", b, a])
        #expect(result.status == 0)
        #expect(result.stdout == Self.header
            + "a.h5,battdat,ok,,1\na.h5,battdat,ok,,2\nb.h5,battdat,ok,,1\nc.h5,,failed,\"c.h5: bad,\nreally\",\nd.h5,battdat,ok,,1\n")
    }

    @Test func aFileInTwoShardsOrAShardOutOfOrderIsAnError() throws {
        let a = try write("a.csv", Self.header + "a.h5,battdat,ok,,1\nb.h5,battdat,ok,,1\n")
        let twice = try Coulomb.run(["merge", a, a])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("holds rows of 'a.h5', which \(a) holds too"), "\(twice.stderr)")
        let unsorted = try write("u.csv", Self.header + "b.h5,battdat,ok,,1\na.h5,battdat,ok,,1\n")
        let result = try Coulomb.run(["merge", unsorted])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(unsorted): row 2 ('a.h5') is out of file order"), "\(result.stderr)")
    }

    /// With the batch's list, a shard lost with its task (or a file from another list) is an error naming a
    /// file, and nothing is written; the complete set merges.
    @Test func theListNamesMissingAndForeignFiles() throws {
        let a = try write("a.csv", Self.header + "a.h5,battdat,ok,,1\nc.h5,battdat,ok,,1\n")
        let b = try write("b.csv", Self.header + "b.h5,battdat,ok,,1\n")
        let list = try write("files.txt", "c.h5\nb.h5\na.h5\n")
        let out = folder.appendingPathComponent("all.csv").path
        let lost = try Coulomb.run(["merge", a, "--files-from", list, "-o", out])
        #expect(lost.status == 1)
        #expect(lost.stderr.contains("hold no rows of 1 listed file(s), e.g. 'b.h5'"), "\(lost.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let short = try write("short.txt", "a.h5\nb.h5\n")
        let foreign = try Coulomb.run(["merge", a, b, "--files-from", short])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("\(a): holds rows of 'c.h5', which is not in the file list"), "\(foreign.stderr)")
        #expect(try Coulomb.run(["merge", a, b, "--files-from", list, "-o", out]).status == 0)
    }
}
