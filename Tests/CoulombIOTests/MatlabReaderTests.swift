import CoulombCore
import CoulombIO
import HDF5
import TestFixtures
import Testing

/// A MATLAB v7.3 file written by hdf5storage in the Severson et al. layout, against h5py's reading of it
/// (`severson_like.reference.h5`, `make_format_fixtures.py`).
@Suite struct MatlabReaderTests {
    static let file = try! CellFileReader.read(Fixture.path("formats/severson_like.mat"))
    nonisolated(unsafe) static let reference = try! HDF5File.open(Fixture.path("formats/severson_like.reference.h5"))

    static func cell(_ index: Int) throws -> HDF5Group { try reference.root().group("cell\(index)") }

    /// Per cycle, the six vectors as h5py read them.
    static func cycles(_ index: Int) throws -> [[String: [Double]]] {
        let group = try cell(index)
        return try (0..<Int(group.numberAttribute("cycles"))).map { k in
            let cycle = try group.group("cycle\(k)")
            return try Dictionary(uniqueKeysWithValues: ["t", "V", "I", "Qc", "Qd", "T"].map { ($0, try cycle.dataset($0).readDoubles()) })
        }
    }

    @Test func oneCellPerBatchElementNamedByBarcode() throws {
        #expect(Self.file.layout == .matlab)
        #expect(Self.file.cells.count == 2)
        for (index, loaded) in Self.file.cells.enumerated() {
            let expected = try Self.cell(index)
            #expect(loaded.cell.id == (try expected.stringAttribute("barcode")))
            #expect(loaded.cell.metadata[path: "matlab.policy_readable"]?.string == (try expected.stringAttribute("policy_readable")))
            #expect(loaded.cell.metadata[path: "matlab.cycle_life"]?.number == (try expected.numberAttribute("cycle_life")))
            #expect(loaded.cell.metadata[path: "matlab.channel_id"]?.number == (try expected.numberAttribute("channel_id")))
        }
    }

    /// The record is the non-empty cycles joined in order: V, Qc, Qd and T exactly as stored; t in seconds,
    /// each cycle shifted to start where the last ended (the file's cycles each start at 0); I in C-rate
    /// converted to amperes with 1C = 1.1 A, which the reader finds from Qc (to 1e-9 relative: the ratio of
    /// two sums).
    @Test(arguments: 0..<2)
    func readsTheCyclesAsH5pyDoes(cell index: Int) throws {
        let data = try #require(Self.file.cells[index].cell.cycling)
        let present = try Self.cycles(index).enumerated().filter { !$0.element["t"]!.isEmpty }
        #expect(present.count == (index == 1 ? 2 : 3))  // cell 1's first cycle is empty
        #expect(data.voltage_V == present.flatMap { $0.element["V"]! })
        #expect(data.chargeCapacity_Ah == present.flatMap { $0.element["Qc"]! })
        #expect(data.dischargeCapacity_Ah == present.flatMap { $0.element["Qd"]! })
        #expect(data.temperature_C == present.flatMap { $0.element["T"]! })
        let summaryCycles = try Self.cell(index).group("summary").dataset("cycle").readDoubles()
        #expect(data.cycleIndex == present.flatMap { k, cycle in Array(repeating: Int(summaryCycles[k]), count: cycle["t"]!.count) })
        let amperes = present.flatMap { $0.element["I"]!.map { $0 * 1.1 } }
        #expect(data.current_A.count == amperes.count)
        #expect(zip(data.current_A, amperes).allSatisfy { abs($0 - $1) <= 1e-9 * max(abs($1), 1) })
        var expectedTime: [Double] = []
        for (_, cycle) in present {
            let seconds = cycle["t"]!.map { $0 * 60 }
            let shift = expectedTime.last.map { $0 - seconds[0] } ?? 0
            expectedTime += seconds.map { $0 + shift }
        }
        #expect(data.time_s == expectedTime)
    }

    @Test func saysItConvertedTheCurrent() {
        #expect(Self.file.warnings.count == 2)
        #expect(Self.file.warnings.allSatisfy { $0.contains("so I reads as a C-rate: converted with 1C = 1.1 A") })
    }

    @Test func keepsTheSummary() throws {
        for (index, loaded) in Self.file.cells.enumerated() {
            let summary = try Self.cell(index).group("summary")
            let stored = try #require(loaded.storedTables.first)
            #expect(stored.index == (try summary.dataset("cycle").readDoubles()))
            #expect(Set(stored.columns.map(\.name)) == Set(try summary.datasetNames()).subtracting(["cycle"]))
            for (name, values) in stored.columns { #expect(values == (try summary.dataset(name).readDoubles()), "\(name)") }
        }
    }

    @Test func refusesAFileWithoutTheBatchStruct() {
        let path = Fixture.path("formats/bad_mat_no_batch.mat")
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.file == path)
        #expect(error?.problem == "a MATLAB v7.3 file without the expected 'batch' struct (Severson et al. layout); it holds: data")
    }
}
