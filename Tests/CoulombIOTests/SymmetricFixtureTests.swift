import CoulombCore
import CoulombIO
import Foundation
import TestFixtures
import Testing

/// CCD and short detection on simulated Li|SE|Li cells (`Fixtures/make_symmetric_fixtures.py`: Ohmic ASR,
/// Butler–Volmer charge transfer, void growth, noise and single-sample spikes, irregular sampling), checked
/// against the simulator's ground truth.
///
/// Tolerances: the CCD and onset level exactly (to rounding of a median current density, 1e-9); onset
/// time within two sample intervals — one for the sampling, one for the detection window (|V| is read on
/// a 3-point running median, so a failure can show one sample late); cumulative areal capacity within
/// what the onset current density passes in those two intervals; ASR_dc within 3 % of the small-current
/// limit ASR + (RT/F)/j0 (noise, and the concavity of asinh over the fitted levels).
@Suite struct SymmetricFixtureTests {
    static let ramps = Fixture.symmetricTruth.keys.filter { $0.hasPrefix("ccd_") }.sorted()

    func load(_ name: String) throws -> (data: CyclingData, area_cm2: Double?) {
        let file = try CellFileReader.read(Fixture.path("symmetric/\(name)"))
        let cell = file.cells[0].cell
        return (try #require(cell.cycling), cell.area_cm2)
    }

    func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): abs(a - b) <= 1e-9 * abs(b)
        default: false
        }
    }

    @Test(arguments: ramps) func ccdFailureAndOnsetMatchTheSimulation(_ name: String) throws {
        let truth = Fixture.symmetricTruth[name]!
        let (data, area) = try load(name)
        let verdict = try CriticalCurrentDensity(data, area_cm2: area)
        let sampling = (truth["sampling_s"] as! NSNumber).doubleValue
        #expect(same(verdict.ccd_mA_cm2, (truth["ccd_expected_mA_cm2"] as? NSNumber)?.doubleValue), "\(name) CCD")
        #expect(verdict.ccdIsLowerBound == (truth["ccd_is_lower_bound"] as! Bool), "\(name)")
        #expect(verdict.rampProtocol.rawValue == truth["protocol"] as? String, "\(name) protocol")
        let failure = (truth["failure"] as? [String: Any]).flatMap { $0["kind"] as? String == "none" ? nil : $0 }
        // A sudden drop that leaves the cell cycling is a partial (soft) short in the vocabulary.
        let kind = (failure?["kind"] as? String).map { $0 == "sudden_drop" ? "soft_short" : $0 } ?? "none"
        #expect(verdict.failure.rawValue == kind, "\(name) failure")
        // The mode from the simulator's model: a resistor of ohms from the onset on is sudden_hard; a
        // drop whose cell cycles on at a fraction of its overpotential, nucleation peaks and void growth
        // included, is sudden_partial; recovering dips are transient_soft.
        let modes = ["hard_short": "sudden_hard", "sudden_drop": "sudden_partial", "soft_short": "transient_soft"]
        #expect(verdict.failureMode?.rawValue == (failure?["kind"] as? String).flatMap { modes[$0] }, "\(name) mode")
        #expect(same(verdict.failureLevel_mA_cm2, (failure?["onset_level_mA_cm2"] as? NSNumber)?.doubleValue), "\(name) failing level")
        if let failure {
            let onset = (failure["onset_time_s"] as! NSNumber).doubleValue
            #expect(same(verdict.onsetLevel_mA_cm2, (failure["onset_level_mA_cm2"] as! NSNumber).doubleValue))
            #expect(abs(try #require(verdict.onsetTime_s) - onset) <= 2 * sampling, "\(name) onset")
            let capacity = (failure["cumulative_q_before_onset_mAh_cm2"] as! NSNumber).doubleValue
            let allowance = verdict.onsetLevel_mA_cm2! * 2 * sampling / 3600 + 1e-6
            #expect(abs(verdict.cumulativeArealCapacity_mAh_cm2 - capacity) <= allowance, "\(name) capacity before onset")
        }
        if let asr = truth["asr_dc"] as? [String: Any], let limit = asr["small_j_limit_ohm_cm2"] as? NSNumber,
           verdict.onsetLevel_mA_cm2.map({ $0 > verdict.levels[1].currentDensity_mA_cm2 }) ?? true {
            #expect(abs(verdict.asrDC_ohm_cm2 / limit.doubleValue - 1) < 0.03, "\(name) ASR_dc")
        }
    }

    @Test func aLongTermCellShortsAfterHundredsOfHours() throws {
        let truth = Fixture.symmetricTruth["longterm_hard_short.h5"]!["failure"] as! [String: Any]
        let soft = truth["soft_short"] as! [String: Any]
        let (data, area) = try load("longterm_hard_short.h5")
        let monitor = try ShortMonitor(data, area_cm2: area)
        #expect(monitor.events.map(\.kind) == [.softShort, .hardShort])
        #expect(monitor.events.map(\.mode) == [.transientSoft, .suddenHard])
        // 60 s sampling: two intervals.
        #expect(abs(try #require(monitor.firstHardShortTime_s) - (truth["hard_short_time_s"] as! NSNumber).doubleValue) <= 120)
        #expect(abs(try #require(monitor.firstSoftShortTime_s) - (soft["onset_time_s"] as! NSNumber).doubleValue) <= 120)
        #expect(monitor.events.map(\.cycle) == [soft["onset_cycle"] as! Int, truth["hard_short_cycle"] as! Int])
    }

    @Test(arguments: ["longterm_growing_healthy.h5", "ccd_noisy_healthy.h5", "ccd_no_failure.h5"])
    func healthyCellsRaiseNoEvent(_ name: String) throws {
        // Slow growth over 400 h, 3 mV noise with 5–15 mV spikes, super-Ohmic void growth: none is a short.
        let (data, area) = try load(name)
        #expect(try ShortMonitor(data, area_cm2: area).events.isEmpty)
    }

    @Test(arguments: ["bad_no_area.h5", "bad_single_level.h5", "bad_never_reverses.h5", "bad_zero_current.h5"])
    func badRecordsGiveAnErrorNotACCD(_ name: String) throws {
        let (data, area) = try load(name)
        #expect(throws: AnalysisError.self) { try CriticalCurrentDensity(data, area_cm2: area) }
    }

    @Test func nanVoltageIsRefusedWithItsRow() throws {
        #expect {
            try CellFileReader.read(Fixture.path("symmetric/bad_nan_voltage.h5"))
        } throws: { error in
            String(describing: error).hasSuffix("/raw_data: column 'voltage', row 147: value nan is not a finite number")
        }
    }
}
