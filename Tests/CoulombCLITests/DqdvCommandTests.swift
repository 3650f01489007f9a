import Foundation
import TestFixtures
import Testing

/// `coulomb dqdv`, run as a process, on the simulated Si half cell whose dQ/dV peaks are known in closed
/// form (`Fixtures/expected.json`: Gaussian peaks widened by the default 10 mV-FWHM smoothing).
@Suite struct DqdvCommandTests {
    let file = "Fixtures/hdf5_columns/si_half_cell.h5"

    func table(_ csv: String) -> [[String: String]] {
        let lines = csv.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",").map(String.init))) }
    }

    /// Positions within 4 mV: the broad (σ = 20–30 mV) peaks have flat tops on which ±0.3 mV of noise
    /// moves the maximum by a few millivolts; the sharp Li15Si4 peak lands
    /// within 1 mV. Heights within 3 %: the 2 mV level step and the 1 mV grid broaden a little further.
    @Test func peaksLandWhereTheSimulationPutThem() throws {
        let result = try Coulomb.run(["dqdv", file, "--peaks", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let found = table(result.stdout)
        let expected = Fixture.expected["hdf5_columns/si_half_cell.h5"]!["peaks"] as! [[String: Any]]
        #expect(found.count == expected.count)
        for truth in expected {
            let cycle = String(truth["cycle"] as! Int), direction = truth["direction"] as! String
            let position = (truth["voltage_V"] as! NSNumber).doubleValue
            let height = (truth["height_mAh_V"] as! NSNumber).doubleValue
            let peak = found.first { $0["cycle"] == cycle && $0["direction"] == direction
                && abs(Double($0["voltage_V"]!)! - position) < 0.004 }
            #expect(peak != nil, "cycle \(cycle) \(direction) peak at \(position) V")
            if let peak {
                #expect(abs(Double(peak["height_mAh_V"]!)! / height - 1) < 0.03, "height at \(position) V")
            }
        }
        // The Li15Si4 delithiation peak, tracked across cycles, stays at 0.47 V within 1 mV.
        let sharp = found.filter { $0["direction"] == "charge" && Double($0["voltage_V"]!)! > 0.4 }
        #expect(sharp.count == 3)
        #expect(sharp.allSatisfy { abs(Double($0["voltage_V"]!)! - 0.47) < 0.001 })
    }

    @Test func chosenCyclesAndDirectionOnly() throws {
        let result = try Coulomb.run(["dqdv", file, "--cycles", "2", "--direction", "charge", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains("# smoothing_width_V: 0.01"))
        #expect(lines.first { !$0.hasPrefix("#") } == "cycle,direction,voltage_V,capacity_mAh,dqdv_mAh_V")
        let rows = table(result.stdout)
        #expect(Set(rows.map { $0["cycle"]! + $0["direction"]! }) == ["2charge"])
        // The delithiation spans 0.01–0.90 V on a 1 mV grid, 891 points at most. It ends at the mean of the
        // last complete level, which the level filter closes a level or two below the top; near 0.9 V this
        // record has about 800 samples per half-cycle, several millivolts apart, so allow 20 mV.
        #expect(rows.count > 870 && rows.count <= 891)
        // Capacity at the top of the curve: the half-cycle's 0.87 mAh, less what the last 2 mV held.
        let last = Double(rows.last!["capacity_mAh"]!)!
        #expect(last < 0.87 && last > 0.86)
    }

    @Test func dvdqHasCapacityOnTheAbscissa() throws {
        let result = try Coulomb.run(["dqdv", file, "--dvdq", "--cycles", "1-2", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").first { !$0.hasPrefix("#") } == "cycle,direction,capacity_mAh,voltage_V,dvdq_V_mAh")
        let rows = table(result.stdout)
        // Charge raises the voltage as capacity passes; discharge lowers it.
        #expect(rows.filter { $0["direction"] == "charge" }.allSatisfy { Double($0["dvdq_V_mAh"]!)! > 0 })
        #expect(rows.filter { $0["direction"] == "discharge" }.allSatisfy { Double($0["dvdq_V_mAh"]!)! < 0 })
    }

    @Test func aMissingCycleIsAnErrorNamingTheCycles() throws {
        let result = try Coulomb.run(["dqdv", file, "--cycles", "9"])
        #expect(result.status == 1)
        #expect(result.stderr == "coulomb: error: \(file): cell 'si_half_cell': the record has no cycle 9 (its cycles are 1–3)\n")
    }

    @Test func hdf5OutputIsAUsageError() throws {
        let result = try Coulomb.run(["dqdv", file, "-o", "curves.h5"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: dqdv writes .csv or .json"))
    }
}
