import Foundation
import TestFixtures
import Testing

/// `coulomb ccd` and `coulomb shorts`, run as processes on the simulated symmetric cells. The verdict
/// lines are compared exactly: at four significant figures they are the simulator's truth (CCD 0.3,
/// onset 0.4 mA/cm² at 16,830 s = 4.675 h after 0.920 mAh/cm², ASR_dc ≈ 105.7 Ω·cm²).
@Suite struct SymmetricCommandTests {
    @Test func ccdTableLeadsWithTheVerdict() throws {
        let result = try Coulomb.run(["ccd", "Fixtures/symmetric/ccd_time_hard_short.h5", "--format", "table"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(Array(result.stdout.split(separator: "\n").prefix(4)) == [
            "Fixtures/symmetric/ccd_time_hard_short.h5: cell ccd_time_hard_short",
            "CCD: 0.3 mA/cm² (last level passed); failed at 0.4 mA/cm²",
            "failure: hard_short (sudden_hard), 4.675 h into the test, after 0.92 mAh/cm²",
            "protocol: time-limited; ASR_dc 105.7 Ω·cm² (first levels)",
        ])
    }

    @Test func ccdJsonHasTheDocumentedKeys() throws {
        let result = try Coulomb.run(["ccd", "Fixtures/symmetric/ccd_first_level_failure.h5", "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["ccd_mA_cm2", "protocol", "failure", "failure_mode", "failure_level_mA_cm2", "onset_level_mA_cm2", "onset_time_s",
                    "cumulative_areal_capacity_mAh_cm2", "asr_dc_ohm_cm2", "levels"] {
            #expect(object[key] != nil, "\(key)")
        }
        // The first level fails: no CCD, never a made-up one.
        #expect(object["ccd_mA_cm2"] is NSNull)
        #expect(object["failure"] as? String == "hard_short")
        #expect(object["failure_mode"] as? String == "sudden_hard")
        #expect(object["failure_level_mA_cm2"] as? Double == 0.1)
        let levels = try #require(object["levels"] as? [[String: Any]])
        #expect(levels.first?["status"] as? String == "failed")
        #expect((levels.first?["reasons"] as? [String])?.contains("hard_short") == true)
        for key in ["current_density_mA_cm2", "half_cycles", "areal_capacity_mAh_cm2", "overpotential_V", "status", "reasons"] {
            #expect(levels.first?[key] != nil, "\(key)")
        }
    }

    @Test func shortsListsTheEventsFirst() throws {
        let result = try Coulomb.run(["shorts", "Fixtures/symmetric/longterm_hard_short.h5", "--format", "table"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Truth: soft-short precursor at 868,682 s (10.05 d), cycle 120; hard short at 1,034,878 s (11.98 d), cycle 143.
        #expect(lines[1].hasPrefix("soft_short (transient_soft): 10.05 d into the test, cycle 120: "))
        #expect(lines[2].hasPrefix("hard_short (sudden_hard): 11.98 d into the test, cycle 143: |V| fell to "))
        let json = try Coulomb.run(["shorts", "Fixtures/symmetric/longterm_hard_short.h5", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.map { $0["failure_mode"] as? String } == ["transient_soft", "sudden_hard"])
    }

    @Test func shortsJsonAndCsv() throws {
        let json = try Coulomb.run(["shorts", "Fixtures/symmetric/longterm_growing_healthy.h5", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["events"] as? [Any])?.isEmpty == true)
        #expect(object["first_hard_short_time_s"] is NSNull && object["first_soft_short_time_s"] is NSNull)
        let csv = try Coulomb.run(["shorts", "Fixtures/symmetric/longterm_growing_healthy.h5", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").first { !$0.hasPrefix("#") }
                == "cycle,time_s,current_density_mA_cm2,positive_overpotential_V,negative_overpotential_V,noise_V,reasons")
    }

    @Test(arguments: [
        ("bad_no_area.h5", "cell 'bad_no_area': no electrode area: give --area-cm2, or put area_cm2 in the file's metadata"),
        ("bad_single_level.h5", "cell 'bad_single_level': a single current-density level (0.2 mA/cm²) is not a CCD ramp; `coulomb shorts` follows constant-current cycling"),
        ("bad_never_reverses.h5", "cell 'bad_never_reverses': the current never reverses: this is not plating and stripping"),
        ("bad_zero_current.h5", "cell 'bad_zero_current': the current is zero throughout: nothing was plated"),
        ("bad_nan_voltage.h5", "/raw_data: column 'voltage', row 147: value nan is not a finite number"),
    ])
    func badRecordsAreOneLineErrors(_ name: String, _ message: String) throws {
        let result = try Coulomb.run(["ccd", "Fixtures/symmetric/\(name)"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "coulomb: error: Fixtures/symmetric/\(name): \(message)\n")
    }

    @Test func thresholdsAreOptions() throws {
        // With a hard-short level of 0.1 % of the expected overpotential, the 3 Ω short (about 5 % of it)
        // no longer counts as a collapse; its sudden drop still fails the level, and the flat V = I·3 Ω
        // trace after it makes it a partial resistive short (a hard short).
        let result = try Coulomb.run(["ccd", "Fixtures/symmetric/ccd_time_hard_short.h5", "--hard-short-fraction", "0.001",
                                      "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["failure"] as? String == "hard_short")
        #expect(object["failure_mode"] as? String == "partial_resistive")
        #expect(object["ccd_mA_cm2"] as? Double == 0.3)
    }

    @Test func anAreaOnTheCommandLineServesAFileWithout() throws {
        let result = try Coulomb.run(["ccd", "Fixtures/symmetric/bad_no_area.h5", "--area-cm2", "1", "--format", "csv"])
        #expect(result.status == 0)
    }
}
