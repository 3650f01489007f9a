@testable import CoulombIO
import Foundation
import Testing
import TestFixtures

/// Files Coulomb does not read are refused in a few words that say what the file is and what to do, or
/// which line, sheet or cell broke it (`Fixtures/make_workbook_fixtures.py` made them); never with libhdf5's
/// wording for a file that is not HDF5.
@Suite struct ExportRefusalTests {
    @Test(arguments: [
        ("empty.csv", nil, "is empty (0 bytes)"),
        ("old_excel.xls", nil, "an OLE2 compound file (an Excel 97–2003 .xls workbook"),
        ("maccor_raw.001", nil, "named like a Maccor raw data file (.001, …), which only Maccor's software decodes: export it as text"),
        ("exports.zip", nil, "a zip archive of 2 members ('cell_a.csv', 'notes.txt'), not a workbook (.xlsx, .ods): unzip it"),
        ("cellpy_v9_like.cellpy", nil, "a zip archive of Parquet tables (cellpy's file version 9"),
        ("no_time.csv", "line 1", "a cycling table ('Voltage(V)', 'Current(A)') without a time column among its 3 columns"),
        ("no_imaginary.csv", "line 1", "cannot tell which columns hold the spectrum: found 'frequency' (frequency), 'Zreal' (Z′), 'phase' (phase); expected"),
        ("truncated.xlsx", nil, "a zip archive whose table of contents cannot be read (is the file cut short or damaged?)"),
        ("flipped.xlsx", "member 'xl/worksheets/sheet2.xml'", "fails its checksum (the archive is damaged)"),
        ("not_a_number.xlsx", "sheet 'Channel_1-006' cell H11", "column 'Voltage': '3.4O5' is not a number"),
        ("no_current.xlsx", "sheet 'Channel_1-006' row 1", "no current column; looked for 'Current'"),
        ("no_known_sheet.xlsx", nil, "an Excel workbook with no sheet Coulomb reads: 'masses' (row 1 ('sample', 'mass / mg') names no columns"),
    ] as [(String, String?, String)])
    func refusalSaysWhatTheFileIs(name: String, object: String?, problem: String) {
        let path = Fixture.path("workbooks/bad/\(name)")
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.file == path)
        #expect(error?.object == object)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "no error")")
        #expect(error?.problem.contains("libhdf5") == false)
        // Short beside the 1,100-character list it replaced; the longest names what was found and expected.
        #expect((error?.problem.count ?? 0) < 450, "a refusal is short")
    }

    @Test func aDirectoryAndAMissingFileSaySo() {
        let directory = #expect(throws: CoulombIOError.self) { try CellFileReader.read(Fixture.path("workbooks")) }
        #expect(directory?.problem.hasPrefix("is a directory, not a file") == true)
        let missing = #expect(throws: CoulombIOError.self) { try CellFileReader.read(Fixture.path("workbooks/none.xlsx")) }
        #expect(missing?.problem == "no such file")
    }

    /// Seeded mutations of every sample workbook — cut short at 40 places, or 1 to 8 bytes flipped, 40 times
    /// each — read to a result or to an error naming the file; none crashes or hangs (each read is bounded by
    /// the file: no member is inflated past its declared size, no repeat count past a sheet's size).
    @Test(.timeLimit(.minutes(3)), arguments: WorkbookReferenceTests.names)
    func mutatedWorkbooksGiveNamedErrors(name: String) throws {
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.path("workbooks/\(name)"))))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-mutations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Fibonacci hashing of a counter seeded by the file's size: the same positions and bytes on every run.
        var counter = UInt64(original.count)
        func next() -> UInt64 { counter &+= 1; return (counter &* 0x9E37_79B9_7F4A_7C15) >> 20 }
        var mutants: [[UInt8]] = []
        for index in 0..<40 { mutants.append(Array(original.prefix(original.count * index / 40))) }
        for _ in 0..<40 {
            var bytes = original
            for _ in 0..<(1 + Int(next() % 8)) {
                bytes[Int(next() % UInt64(bytes.count))] ^= UInt8(1 + next() % 255)
            }
            mutants.append(bytes)
        }
        var refused = 0
        for (index, bytes) in mutants.enumerated() {
            let path = folder.appendingPathComponent("\(index)-\(name)").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try CellFileReader.read(path)
            } catch let error as CoulombIOError {
                refused += 1
                #expect(error.file == path)
                #expect(!error.problem.isEmpty && !error.problem.contains("libhdf5"))
            }
        }
        #expect(refused >= 40, "every cut copy is refused")
    }

    /// The XML inside the archives, mutated past the zip checksum that stops the tests above: every sheet
    /// member of the sample workbooks (and `content.xml` of the .ods ones) cut short at 25 places and with 1–4
    /// bytes changed 25 times each, parsed straight through the sheet reader: a sheet or an error naming the
    /// member, never a crash or a hang.
    @Test(.timeLimit(.minutes(3)), arguments: WorkbookReferenceTests.names)
    func mutatedSheetXMLGivesNamedErrors(name: String) throws {
        let path = Fixture.path("workbooks/\(name)")
        let zip = try ZipContainer(path: path)
        let members = zip.memberNames.filter { $0.hasPrefix("xl/worksheets/") || $0 == "content.xml" }
        #expect(!members.isEmpty)
        for member in members {
            let original = try zip.bytes(of: member)
            var counter = UInt64(original.count)
            func next() -> UInt64 { counter &+= 1; return (counter &* 0x9E37_79B9_7F4A_7C15) >> 20 }
            var mutants = (1...25).map { Array(original.prefix(original.count * $0 / 26)) }
            for _ in 0..<25 {
                var bytes = original
                for _ in 0..<(1 + Int(next() % 4)) {
                    // XML's own bytes are the likeliest to break the reader: markup, quotes, digits.
                    let replacements = Array("<>/\"'=&;0123456789 ".utf8)
                    bytes[Int(next() % UInt64(bytes.count))] = replacements[Int(next() % UInt64(replacements.count))]
                }
                mutants.append(bytes)
            }
            for bytes in mutants {
                do {
                    _ = try XLSXReader.parse(bytes, file: path, member: member) { scanner in
                        member == "content.xml"
                            ? try ODSReader.sheets(&scanner).count
                            : try XLSXReader.rows(&scanner, strings: ["a", "b"], formats: [.number, .dateTime],
                                                  date1904: false, sheet: "s").count
                    }
                } catch let error as CoulombIOError {
                    #expect(error.file == path && error.object == "member '\(member)'")
                }
            }
        }
    }
}
