import Foundation
import TestFixtures
import Testing

/// `coulomb cycles`, run as a process, on the simulated Si half cell whose capacities (exactly I·t),
/// energies (numpy trapezoid) and durations are in `Fixtures/expected.json`.
@Suite struct CyclesCommandTests {
    let file = "Fixtures/hdf5_columns/si_half_cell.h5"
    var expectedCycles: [[String: Any]] {
        Fixture.expected["hdf5_columns/si_half_cell.h5"]!["cycles"] as! [[String: Any]]
    }

    /// CSV rows as dictionaries, after the `#` comment lines.
    func rows(_ csv: String) -> (comments: [String], rows: [[String: String]]) {
        let lines = csv.split(separator: "\n").map(String.init)
        let comments = lines.filter { $0.hasPrefix("#") }
        let table = lines.filter { !$0.hasPrefix("#") }
        let header = table[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (comments, table.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        })
    }

    @Test func csvStatesTheConventionAndMatchesTheClosedForms() throws {
        let result = try Coulomb.run(["cycles", file, "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let (comments, rows) = rows(result.stdout)
        #expect(comments.prefix(9) == [
            "# file: Fixtures/hdf5_columns/si_half_cell.h5", "# cell: si_half_cell", "# mode: anode",
            "# mode_reason: from the cell type anodeHalf", "# coulombic_efficiency: charge / discharge",
            "# cycles_from: half-cycles", "# capacity_source: integrated", "# active_mass_g: 0.0003", "# area_cm2: 0.785",
        ])
        #expect(rows.count == 3)
        // Capacities are sums of exact rectangles: 1e-12 relative. Energies and durations: numpy's trapezoid
        // over the same samples, summed in another order: 1e-9.
        for (row, expected) in zip(rows, expectedCycles) {
            func check(_ column: String, _ tolerance: Double) {
                let ours = Double(row[column]!)!, theirs = (expected[column] as! NSNumber).doubleValue
                #expect(abs(ours - theirs) <= tolerance * abs(theirs), "\(column) of cycle \(row["cycle"]!)")
            }
            #expect(row["cycle"] == String(expected["cycle"] as! Int))
            #expect(row["complete"] == "true")
            check("charge_capacity_mAh", 1e-12)
            check("discharge_capacity_mAh", 1e-12)
            check("coulombic_efficiency_pct", 1e-12)
            check("charge_energy_mWh", 1e-9)
            check("discharge_energy_mWh", 1e-9)
            check("duration_s", 1e-12)
            // mAh/g and mAh/cm² from the file's metadata.
            let mAh = Double(row["charge_capacity_mAh"]!)!
            #expect(abs(Double(row["charge_capacity_mAh_g"]!)! - mAh / 0.0003) <= 1e-9 * mAh / 0.0003)
            #expect(abs(Double(row["charge_capacity_mAh_cm2"]!)! - mAh / 0.785) <= 1e-9 * mAh / 0.785)
        }
        // Cumulative irreversible capacity: (1 − 0.8) + (0.9 − 0.87) + (0.88 − 0.86) = 0.25 mAh.
        #expect(abs(Double(rows[2]["cumulative_irreversible_capacity_mAh"]!)! - 0.25) < 1e-12)
        #expect(abs(Double(rows[1]["retention_pct"]!)! - 0.87 / 0.8 * 100) < 1e-9)
    }

    @Test func tableLeadsWithTheVerdict() throws {
        let result = try Coulomb.run(["cycles", file, "--format", "table", "--mode", "anode"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(4)) == [
            "Fixtures/hdf5_columns/si_half_cell.h5: cell si_half_cell",
            "mode: anode (as requested); CE = charge / discharge",
            "cycles: derived from half-cycles; capacities: integrated from the current",
            "initial CE (first complete cycle): 80 %; mean CE over cycles 2-3: 97.2 %",
        ])
        // The cell card's facts close the output, each with its source: here all from the file.
        #expect(lines.last == "cell card: cell_type anode_half (file), area_cm2 0.785 (file), active_mass_g 0.0003 (file)")
        // 0.8 mAh / 0.3 mg = 2667 mAh/g, to four figures.
        #expect(lines[6].hasPrefix("    1           0.8                1      80            100            2667"))
    }

    @Test func jsonCarriesTheConventionAsFields() throws {
        let result = try Coulomb.run(["cycles", file, "--format", "json", "--mode", "full"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["mode"] as? String == "full")
        #expect(object["coulombic_efficiency"] as? String == "discharge / charge")
        let cycles = try #require(object["cycles"] as? [[String: Any]])
        // Read as a full cell, the first lithiation is a cycle of its own, incomplete, with a null CE.
        #expect(cycles.count == 4)
        #expect(cycles[0]["complete"] as? Bool == false)
        #expect(cycles[0]["coulombic_efficiency_pct"] is NSNull)
    }

    @Test func outputFilesAreWrittenOnceAndNeverOverAnInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coulomb-cycles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Fixture.path("hdf5_columns/si_half_cell.h5")
        for name in ["out.csv", "out.json", "out.h5"] {
            let path = folder.appendingPathComponent(name).path
            let first = try Coulomb.run(["cycles", input, "-o", path])
            #expect(first.status == 0 && first.stdout == "wrote \(path): 3 cycles\n")
            let again = try Coulomb.run(["cycles", input, "-o", path])
            #expect(again.status == 1)
            #expect(again.stderr == "coulomb: error: \(path): already exists; pass --force to replace it\n")
            #expect(try Coulomb.run(["cycles", input, "-o", path, "--force"]).status == 0)
        }
        let csv = try String(contentsOfFile: folder.appendingPathComponent("out.csv").path, encoding: .utf8)
        #expect(csv == (try Coulomb.run(["cycles", input, "--format", "csv"])).stdout)
        let onInput = try Coulomb.run(["cycles", input, "-o", input, "--force"])
        #expect(onInput.status == 1)
        #expect(onInput.stderr.contains("is also an input"))
    }

    /// A non-positive size given as an option is a usage error of every command alike.
    @Test func aZeroAreaIsAUsageError() throws {
        let result = try Coulomb.run(["cycles", file, "--area-cm2", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--area-cm2 must be a positive number, not 0.0"))
    }

    @Test(arguments: [
        (["--capacity-source", "counters"], "cell 'si_half_cell': capacities from the instrument's counters need its charge and discharge capacity columns, and the file has none"),
    ])
    func badRequestsNameTheFileAndCell(_ extra: [String], _ message: String) throws {
        let result = try Coulomb.run(["cycles", file] + extra)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "coulomb: error: \(file): \(message)\n")
    }

    @Test func aFileWithSeveralCellsNeedsACellChoice() throws {
        let result = try Coulomb.run(["cycles", "Fixtures/battdat/two_cells.h5"])
        #expect(result.status == 1)
        #expect(result.stderr == "coulomb: error: Fixtures/battdat/two_cells.h5: holds 2 cells (cell_a, cell_b); choose one with --cell\n")
        #expect(try Coulomb.run(["cycles", "Fixtures/battdat/two_cells.h5", "--cell", "cell_b"]).status == 0)
    }

    @Test func aTruncatedFileIsOneLineOnStderr() throws {
        let result = try Coulomb.run(["cycles", "Fixtures/bad/truncated.h5"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("coulomb: error: Fixtures/bad/truncated.h5: "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!result.stderr.contains("HDF5-DIAG"))
    }

    @Test(arguments: [
        ("nan_time.h5", "/: column 'time_s', row 2: value nan is not a finite number"),
        ("time_backwards.h5", "/: column 'time_s', row 3: time goes backwards (15.0 s after 20.0 s)"),
        ("zero_rows.h5", "/: column 'time_s': there are no rows"),
    ])
    func badRowsAreNamedForBothCommands(_ name: String, _ message: String) throws {
        for command in ["cycles", "dqdv"] {
            let result = try Coulomb.run([command, "Fixtures/bad/\(name)"])
            #expect(result.status == 1)
            #expect(result.stderr == "coulomb: error: Fixtures/bad/\(name): \(message)\n")
        }
    }

    @Test func aClockRestartIsRepairedWithAWarning() throws {
        let result = try Coulomb.run(["cycles", "Fixtures/hdf5_columns/time_reset.h5", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("coulomb: warning: "))
        // 0.1 A charging over the repaired 140 s: 0.1 × 140 / 3.6 mAh, one incomplete cycle.
        let row = rows(result.stdout).rows[0]
        #expect(row["complete"] == "false")
        #expect(abs(Double(row["charge_capacity_mAh"]!)! - 0.1 * 140 / 3.6) < 1e-9)
    }
}
