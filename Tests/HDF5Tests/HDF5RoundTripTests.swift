import Foundation
@testable import HDF5
import TestFixtures
import Testing

/// The HDF5 layer against real libhdf5: files written here are read back, and files h5py wrote are read.
@Suite struct HDF5RoundTripTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-hdf5-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func datasetsSurviveAWriteAndReadExactly() throws {
        let doubles = (0..<10_000).map { Double($0) * 0.1 - 3 }
        let integers = (0..<10_000).map { $0 % 7 - 3 }
        do {
            let file = try HDF5File.create(path("a.h5"))
            let root = try file.root()
            try root.createDataset("plain", values: .doubles(doubles))
            try root.createDataset("packed", values: .doubles(doubles), chunkLength: 1000, compression: HDF5Compression())
            try root.createDataset("ints", values: .integers(integers), compression: HDF5Compression(shuffle: false))
        }
        let root = try HDF5File.open(path("a.h5")).root()
        #expect(try root.dataset("plain").readDoubles() == doubles)
        #expect(try root.dataset("packed").readDoubles() == doubles)
        #expect(try root.dataset("ints").readIntegers() == integers)
        // Integers convert to doubles on read, exactly for values this small.
        #expect(try root.dataset("ints").readDoubles() == integers.map(Double.init))
        var reused: [Double] = []
        try root.dataset("packed").read(into: &reused)
        #expect(reused == doubles)
        #expect(try root.datasetNames() == ["ints", "packed", "plain"])
    }

    /// Objects carry no timestamps, so the same content written a second apart is the same bytes (what lets
    /// a resumed batch's .h5 be compared with an uninterrupted one). libhdf5 records times in whole seconds.
    @Test func theSameContentWrittenLaterIsTheSameBytes() throws {
        func write(_ name: String) throws {
            let root = try HDF5File.create(path(name)).root()
            try root.createGroup("cells").createDataset("v", values: .doubles([1, 2, 3]), contiguous: true)
            try root.createTable("t", columns: [HDF5TableColumn(name: "x", values: .integers([1, 2]))])
            try root.setStringAttribute("metadata", "{}")
        }
        try write("first.h5")
        Thread.sleep(forTimeInterval: 1.1)
        try write("second.h5")
        let first = try Data(contentsOf: URL(fileURLWithPath: path("first.h5")))
        let second = try Data(contentsOf: URL(fileURLWithPath: path("second.h5")))
        #expect(!first.isEmpty && first == second)
    }

    @Test func tablesReadChosenFieldsByName() throws {
        let time = (0..<500).map { Double($0) }
        let cycle = (0..<500).map { $0 / 100 }
        do {
            let root = try HDF5File.create(path("t.h5")).root()
            try root.createTable("raw_data", columns: [
                HDF5TableColumn(name: "cycle_number", values: .integers(cycle)),
                HDF5TableColumn(name: "test_time", values: .doubles(time)),
            ], chunkRows: 64, compression: HDF5Compression())
        }
        let table = try HDF5File.open(path("t.h5")).root().dataset("raw_data")
        #expect(table.isTable)
        #expect(table.fields.map(\.name) == ["cycle_number", "test_time"])
        // Fields come back in the order asked for, whatever their order in the file.
        let columns = try table.readFields([("test_time", false), ("cycle_number", true)])
        #expect(columns == [.doubles(time), .integers(cycle)])
        #expect(try table.readFields([("cycle_number", false)]) == [.doubles(cycle.map(Double.init))])
        #expect(throws: HDF5Error.self) { try table.readFields([("voltage", false)]) }
    }

    @Test func stringAttributesFixedAndVariable() throws {
        do {
            let root = try HDF5File.create(path("s.h5")).root()
            try root.setStringAttribute("vlen", "Li|Li₆PS₅Cl|Li")
            try root.setStringAttribute("fixed", "TABLE", fixedLength: true)
            try root.setStringAttribute("empty", "", fixedLength: true)
            try root.setIntegerAttribute("n", 42)
            try root.setStringAttribute("vlen", "replaced")
        }
        let root = try HDF5File.open(path("s.h5")).root()
        #expect(try root.stringAttribute("vlen") == "replaced")
        #expect(try root.stringAttribute("fixed") == "TABLE")
        #expect(try root.stringAttribute("empty") == "")
        #expect(try root.numberAttribute("n") == 42)
        #expect(Set(try root.attributeNames()) == ["vlen", "fixed", "empty", "n"])
        let error = #expect(throws: HDF5Error.self) { try root.stringAttribute("n") }
        #expect(error?.reason == "attribute 'n' is not a string")
    }

    @Test func errorsNameFileObjectAndReason() throws {
        do { _ = try HDF5File.create(path("e.h5")).root().createGroup("cells") }
        let file = try HDF5File.open(path("e.h5"))
        #expect(try file.root().contains("cells"))
        #expect(try !file.root().contains("voltage"))
        let missing = #expect(throws: HDF5Error.self) { try file.root().dataset("voltage") }
        #expect(missing?.file == path("e.h5"))
        #expect(missing?.object == "/voltage")
        #expect(missing?.reason == "no such dataset")
        #expect(throws: HDF5Error.self) { try HDF5File.create(path("e.h5")) }
        let notThere = #expect(throws: HDF5Error.self) { try HDF5File.open(path("nothing.h5")) }
        #expect(notThere?.file == path("nothing.h5"))
    }

    @Test func readsWhatH5pyWrote() throws {
        let root = try HDF5File.open(Fixture.path("hdf5_columns/cell_columns.h5")).root()
        // int32 and int16 on disk, float32 attribute: all converted by libhdf5.
        #expect(try root.dataset("cycle_index").readIntegers().count == 1626)
        #expect(Set(try root.dataset("cycle_index").readIntegers()) == [0, 1])
        #expect(try root.stringAttribute("cell_type") == "full")
        #expect(try root.numberAttribute("area_cm2") == 1.5)
        #expect(try root.groupNames() == ["eis"])
        let bad = try HDF5File.open(Fixture.path("bad/invalid_utf8_attribute.h5")).root()
        let error = #expect(throws: HDF5Error.self) { try bad.stringAttribute("cell_type") }
        #expect(error?.reason == "attribute 'cell_type' is not valid UTF-8")
        let strings = try HDF5File.open(Fixture.path("bad/wrong_type.h5")).root().dataset("voltage_V")
        #expect(strings.kind == .string)
        #expect(throws: HDF5Error.self) { try strings.readDoubles() }
    }

    @Test func damagedFilesFailCleanly() throws {
        let text = #expect(throws: HDF5Error.self) { try HDF5File.open(Fixture.path("bad/not_hdf5.h5")) }
        #expect(text?.reason == "not an HDF5 file (no HDF5 signature found)")
        let truncated = #expect(throws: HDF5Error.self) { try HDF5File.open(Fixture.path("bad/truncated.h5")) }
        #expect(truncated?.detail?.contains("truncated") == true)
    }
}

/// Large reads bypass `H5Dread` when the bytes on disk are the values wanted (see
/// `HDF5Dataset+DirectRead.swift`); every storage variant must give back exactly what was written.
@Suite struct DirectReadTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-direct-\(UUID().uuidString).h5").path
    // Above the direct-read threshold (65,536) and not a multiple of the chunk lengths, so edge chunks occur.
    let doubles: [Double] = (0..<300_001).map { (index: Int) -> Double in
        let wave: Double = 0.3 * sin(Double(index) * 1e-3)
        return 3.7 + wave + Double(index % 17) * 1e-6
    }
    let integers = (0..<300_001).map { $0 * 7 - 1_000_000 }

    @Test func everyLayoutAndFilterCombinationReadsBackExactly() throws {
        do {
            let root = try HDF5File.create(path).root()
            try root.createDataset("contiguous", values: .doubles(doubles), contiguous: true)
            try root.createDataset("chunked", values: .doubles(doubles), chunkLength: 65_536)
            try root.createDataset("shuffle_deflate", values: .doubles(doubles), chunkLength: 50_000,
                                   compression: HDF5Compression())
            try root.createDataset("deflate", values: .doubles(doubles), chunkLength: 70_000,
                                   compression: HDF5Compression(shuffle: false, deflateLevel: 6))
            try root.createDataset("integers", values: .integers(integers), chunkLength: 40_000,
                                   compression: HDF5Compression())
        }
        let root = try HDF5File.open(path).root()
        for name in ["contiguous", "chunked", "shuffle_deflate", "deflate"] {
            #expect(try root.dataset(name).readsDoublesDirectly, "\(name) should bypass H5Dread")
            #expect(try root.dataset(name).readDoubles() == doubles, "\(name)")
            var buffer: [Double] = []
            try root.dataset(name).read(into: &buffer)
            #expect(buffer == doubles, "\(name) into a reused buffer")
        }
        #expect(try root.dataset("integers").readIntegers() == integers)
        // Asking for another type than the one stored goes through libhdf5's conversion instead.
        #expect(try !root.dataset("integers").readsDoublesDirectly)
        #expect(try root.dataset("integers").readDoubles() == integers.map(Double.init))
    }
}
