import Foundation
import Testing
import TestFixtures

/// Output names are a contract: the CSV columns, JSON keys (top level and per row) and the `.h5` table's
/// columns of every command on the fixtures, against `Fixtures/output_schema.json`. A name that changes,
/// goes or comes fails here; a deliberate change is made by re-running with `COULOMB_UPDATE_SCHEMA=1`
/// and committing the file, so the change is seen in review.
@Suite struct OutputSchemaTests {
    static let runs: [(name: String, arguments: [String])] = [
        ("info", ["info", "Fixtures/battdat/two_cells.h5"]),
        ("cycles", ["cycles", "Fixtures/hdf5_columns/si_half_cell.h5"]),
        ("dqdv", ["dqdv", "Fixtures/hdf5_columns/si_half_cell.h5"]),
        ("dqdv --peaks", ["dqdv", "Fixtures/hdf5_columns/si_half_cell.h5", "--peaks"]),
        ("ccd", ["ccd", "Fixtures/symmetric/ccd_time_hard_short.h5"]),
        ("shorts", ["shorts", "Fixtures/symmetric/longterm_hard_short.h5"]),
        ("fit", ["fit", "Fixtures/impedance/arrhenius_spectra.h5", "--circuit", "R0-p(R1,CPE1)", "--interface", "R1", "--thickness-cm", "0.1"]),
        ("kk", ["kk", "Fixtures/battdat/eis_spectra.h5"]),
        ("drt", ["drt", "Fixtures/impedance/drt_three_arcs.csv"]),
        ("batch", ["batch", "Fixtures/hdf5_columns/si_half_cell.h5", "Fixtures/symmetric/ccd_time_hard_short.h5",
                   "Fixtures/impedance/arrhenius_spectra.h5", "--analyses", "cycles,ccd,shorts,fit,drt", "--circuit", "R0-p(R1,CPE1)"]),
    ]

    static let schemaPath = Fixture.path("output_schema.json")

    /// The names one run's outputs use: CSV header, JSON top-level keys and row keys.
    private func names(_ arguments: [String]) throws -> [String: [String]] {
        let csv = try Coulomb.run(arguments + ["--format", "csv"])
        let json = try Coulomb.run(arguments + ["--format", "json"])
        #expect(csv.status == 0 && json.status == 0, "\(arguments): \(csv.stderr)")
        let header = csv.stdout.split(separator: "\n").first { !$0.hasPrefix("#") }.map(String.init) ?? ""
        var result = ["csv": header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)]
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        if let top = object as? [String: Any] {
            result["json"] = top.keys.sorted()
            for (key, value) in top {
                if let rows = value as? [[String: Any]] { result["json \(key)"] = Set(rows.flatMap(\.keys)).sorted() }
            }
        } else if let files = object as? [[String: Any]] {
            result["json"] = Set(files.flatMap(\.keys)).sorted()
        }
        return result
    }

    @Test func everyCommandKeepsItsNames() throws {
        var now: [String: [String: [String]]] = [:]
        for run in Self.runs { now[run.name] = try names(run.arguments) }
        if ProcessInfo.processInfo.environment["COULOMB_UPDATE_SCHEMA"] == "1" {
            let data = try JSONSerialization.data(withJSONObject: now, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: Self.schemaPath))
            return
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath))
        let contract = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: [String]]])
        #expect(Set(contract.keys) == Set(now.keys))
        for (command, outputs) in contract {
            for (output, names) in outputs {
                let current = now[command]?[output] ?? []
                #expect(current == names, "\(command) \(output): gone \(Set(names).subtracting(current).sorted()), new \(Set(current).subtracting(names).sorted())")
            }
            #expect(Set(now[command]?.keys.map { $0 } ?? []) == Set(outputs.keys), "\(command): outputs")
        }
    }
}
