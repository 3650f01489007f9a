import Foundation
import TestFixtures
import Testing

/// `coulomb info`, run as a process. Counts and spans come from the fixtures' `expected.json` (numpy).
@Suite struct InfoCommandTests {
    @Test func tableForABattdatFile() throws {
        let result = try Coulomb.run(["info", "Fixtures/battdat/two_cells.h5", "--format", "table"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            Fixtures/battdat/two_cells.h5: battdat HDF5 (battery-data-toolkit tables)
            cell    rows  cycles  spectra  time span  area (cm²)  mass (g)
            ──────  ────  ──────  ───────  ─────────  ──────────  ────────
            cell_a  1626       2        0  105.1 min         1.2     0.012
            cell_b   645       1        0     45 min         1.2     0.012
              cell_a cycling: cycle_number, step_index, test_time [s], voltage [V], current [A], temperature [C]
              cell_b cycling: cycle_number, step_index, test_time [s], voltage [V], current [A], temperature [C]

            """)
    }

    @Test func csvForHandWrittenColumns() throws {
        let result = try Coulomb.run(["info", "Fixtures/hdf5_columns/cell_columns.h5", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            file,format,cell,object,cell_type,rows,cycles,spectra,time_span_s,area_cm2,mass_g,columns,spectrum_columns
            Fixtures/hdf5_columns/cell_columns.h5,hdf5-columns,cell_columns,/,full,1626,2,2,6308,1.5,0.012500000186264515,\
            time_s [s];voltage_V [V];current_A [A];cycle_index;step_index,frequency_Hz [Hz];z_real_ohm [ohm];z_imag_ohm [ohm]

            """)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let result = try Coulomb.run(["info", "Fixtures/battdat/eis_spectra.h5", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "Fixtures/battdat/eis_spectra.h5")
        #expect(object["format"] as? String == "battdat")
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 1)
        for key in ["id", "rows", "cycles", "spectra", "time_span_s", "columns", "area_cm2", "mass_g", "cell_card"] {
            #expect(cells[0].keys.contains(key), "missing \(key)")
        }
        #expect(cells[0]["spectra"] as? Int == 4)
        #expect(cells[0]["rows"] as? Int == 0)
        #expect(cells[0]["cycles"] is NSNull)
    }

    /// JSON keeps the columns as stored, each a name with its units (null without), the file's notes, and the
    /// per-cycle tables a file carries: the hand-written h5py fixture's five cycling and three impedance
    /// columns, and cellpy's summary frame of three cycles.
    @Test func jsonHoldsColumnsWithUnitsAndStoredTables() throws {
        let columns = try Coulomb.run(["info", "Fixtures/hdf5_columns/cell_columns.h5", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(columns.stdout.utf8)) as? [String: Any])
        let cell = try #require((document["cells"] as? [[String: Any]])?.first)
        let cycling = try #require(cell["columns"] as? [[String: Any]])
        #expect(cycling.map { $0["name"] as? String } == ["time_s", "voltage_V", "current_A", "cycle_index", "step_index"])
        #expect(cycling.map { $0["units"] as? String } == ["s", "V", "A", nil, nil])
        #expect(cycling[3]["units"] is NSNull)
        let impedance = try #require(cell["spectrum_columns"] as? [[String: Any]])
        #expect(impedance.map { $0["units"] as? String } == ["Hz", "ohm", "ohm"])
        #expect(cell["cell_type"] as? String == "full" && (cell["notes"] as? [String]) == [] && (cell["stored_tables"] as? [Any])?.isEmpty == true)

        let cellpy = try Coulomb.run(["info", "Fixtures/formats/cellpy_rate_cut.h5", "--format", "json"])
        let frames = try #require(try JSONSerialization.jsonObject(with: Data(cellpy.stdout.utf8)) as? [String: Any])
        let stored = try #require(((frames["cells"] as? [[String: Any]])?.first?["stored_tables"] as? [[String: Any]])?.first)
        #expect(stored["name"] as? String == "cellpy summary" && stored["object"] as? String == "/CellpyData/summary/table")
        #expect(stored["index"] as? String == "cycle_index" && stored["rows"] as? Int == 3)
        #expect((stored["columns"] as? [String])?.contains("coulombic_efficiency") == true)
    }

    @Test func severalFilesGiveAJSONArrayAndABadOneDoesNotStopTheRest() throws {
        let result = try Coulomb.run(["info", "Fixtures/battdat/arbin_single.h5", "Fixtures/bad/not_hdf5.h5",
                                      "Fixtures/hdf5_columns/time_reset.h5", "--format", "json"])
        #expect(result.status == 1)
        let files = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(files.map { $0["file"] as? String } == ["Fixtures/battdat/arbin_single.h5", "Fixtures/hdf5_columns/time_reset.h5"])
        #expect(result.stderr == """
            coulomb: error: Fixtures/bad/not_hdf5.h5: line 1: a table of 'time_s', 'voltage_V', 'current_A', but no \
            cycler's export Coulomb reads as text: Arbin CSV needs 'Test_Time' with 'Cycle_Index' or 'Step_Index', Neware \
            'Step Type' and 'Total Time', Battery Data Format 'Test Time / s'
            coulomb: warning: Fixtures/hdf5_columns/time_reset.h5: /: column 'time_s': time restarts at row 10 \
            (90.0 s → 0.0 s); this row and later ones shifted by +100.0 s

            """)
    }

    /// One line on stderr, naming the file, exit code 1, and never libhdf5's own error stack.
    @Test(arguments: ["not_hdf5.h5", "truncated.h5", "unknown_layout.h5", "missing_current.h5",
                      "battdat_missing_current.h5", "wrong_type.h5", "zero_rows.h5", "mismatched_lengths.h5",
                      "invalid_utf8_attribute.h5", "nan_time.h5", "time_backwards.h5", "three_point_bad_frequency.h5"])
    func badFileGivesOneLine(name: String) throws {
        let result = try Coulomb.run(["info", "Fixtures/bad/\(name)", "--format", "csv"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("coulomb: error: Fixtures/bad/\(name): ") == true)
        #expect(!result.stderr.contains("HDF5-DIAG"))
    }

    @Test func missingFileOrAFolderIsAnErrorNotACrash() throws {
        let result = try Coulomb.run(["info", "Fixtures/no_such_file.h5", "Fixtures"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            coulomb: error: Fixtures/no_such_file.h5: no such file
            coulomb: error: Fixtures: is a directory, not a file: give the files in it (such as 'Fixtures/*.csv')

            """)
    }
}

/// `coulomb import`, run as a process.
@Suite struct ImportCommandTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-cli-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @Test func writesBattdatAndRefusesToOverwriteWithoutForce() throws {
        let output = folder.appendingPathComponent("joined.h5").path
        let first = try Coulomb.run(["import", "Fixtures/hdf5_columns/two_cells_columns.h5",
                                     "Fixtures/battdat/eis_spectra.h5", "-o", output])
        #expect(first.status == 0)
        #expect(first.stdout == "wrote \(output): 3 cells\n")
        let info = try Coulomb.run(["info", output, "--format", "csv"])
        let rows = info.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { String($0[2]) } == ["cell_A", "cell_B", "impedance-examples"])
        #expect(rows.map { String($0[5]) } == ["1626", "1626", "0"])
        #expect(rows.map { String($0[7]) } == ["0", "0", "4"])

        let again = try Coulomb.run(["import", "Fixtures/battdat/eis_spectra.h5", "-o", output])
        #expect(again.status == 1)
        #expect(again.stderr == "coulomb: error: \(output): already exists; pass --force to replace it\n")
        let forced = try Coulomb.run(["import", "Fixtures/battdat/eis_spectra.h5", "-o", output, "--force"])
        #expect(forced.status == 0)
    }

    /// `--cell` joins a cycler file and a spectra file into one cell; each source is recorded with the
    /// SHA-256 that coreutils' `sha256sum` computes for it, and the format detected.
    @Test func mergesInputsIntoOneCellAndRecordsTheirSources() throws {
        let output = folder.appendingPathComponent("merged.h5").path
        let inputs = ["Fixtures/formats/cellpy_rate_cut.h5", "Fixtures/battdat/eis_spectra.h5"]
        let result = try Coulomb.run(["import"] + inputs + ["--cell", "Si-07", "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        let info = try Coulomb.run(["info", output, "--format", "csv"])
        let row = info.stdout.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(row[2] == "Si-07" && row[5] == "8303" && row[7] == "4")

        let sums = Process()
        sums.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        sums.arguments = inputs
        sums.currentDirectoryURL = Fixture.root.deletingLastPathComponent()
        let pipe = Pipe()
        sums.standardOutput = pipe
        try sums.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        sums.waitUntilExit()
        let digests = listing.split(separator: "\n").map { String($0.prefix(64)) }

        let json = try Coulomb.run(["info", output, "--format", "json"]).stdout
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let cell = (document["cells"] as! [[String: Any]])[0]
        let sources = cell["sources"] as! [[String: String]]
        #expect(sources == [
            ["file": "cellpy_rate_cut.h5", "format": "cellpy", "sha256": digests[0]],
            ["file": "eis_spectra.h5", "format": "battdat", "sha256": digests[1]],
        ])
    }

    @Test func fromNamesTheFormatTheFileMustHave() throws {
        let output = folder.appendingPathComponent("never.h5").path
        let result = try Coulomb.run(["import", "Fixtures/formats/cellpy_rate_cut.h5", "--from", "matlab-v7.3", "-o", output])
        #expect(result.status == 1)
        #expect(result.stderr == "coulomb: error: Fixtures/formats/cellpy_rate_cut.h5: is cellpy HDF5 (pandas frames under /CellpyData), not MATLAB v7.3 (batch struct of cells) as --from says\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func neverWritesIntoAnInput() throws {
        let input = folder.appendingPathComponent("input.h5")
        try FileManager.default.copyItem(atPath: Fixture.path("battdat/arbin_single.h5"), toPath: input.path)
        let before = try Data(contentsOf: input)
        let result = try Coulomb.run(["import", input.path, "-o", input.path, "--force"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("never writes into an input file"))
        #expect(try Data(contentsOf: input) == before)
    }
}
