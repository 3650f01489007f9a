import Foundation

/// Paths of the committed fixtures (made by `Fixtures/make_fixtures.py`), shared by every test target.
public enum Fixture {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Reference values computed by `Fixtures/make_fixtures.py` with numpy from the data it wrote.
    nonisolated(unsafe) public static let expected: [String: [String: Any]] = {
        let data = try! Data(contentsOf: root.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
    }()

    /// Per-cycle reference values from the real cycler files (`Fixtures/make_cycling_fixtures.py`: cellpy's
    /// summary, battdat's CapacityPerCycle, numpy), keyed by file.
    nonisolated(unsafe) public static let cyclingReference: [String: [String: Any]] = {
        let data = try! Data(contentsOf: root.appendingPathComponent("cycling/reference.json"))
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return document["files"] as! [String: [String: Any]]
    }()

    /// Ground truth of the simulated symmetric cells (`Fixtures/make_symmetric_fixtures.py`), keyed by file name.
    nonisolated(unsafe) public static let symmetricTruth: [String: [String: Any]] = {
        let data = try! Data(contentsOf: root.appendingPathComponent("symmetric/truth.json"))
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return document["files"] as! [String: [String: Any]]
    }()

    public static func expected(_ key: String, _ field: String) -> Double? {
        (expected[key]?[field] as? NSNumber)?.doubleValue
    }

    /// impedance.py's fits and lin-KK tests of the real spectra in `impedance/real_spectra.h5`
    /// (`Fixtures/make_impedance_fixtures.py`), one entry per spectrum.
    nonisolated(unsafe) public static let impedanceReference: [[String: Any]] = {
        let data = try! Data(contentsOf: root.appendingPathComponent("impedance/reference.json"))
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return document["spectra"] as! [[String: Any]]
    }()
}
