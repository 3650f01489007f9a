import Foundation

/// Paths of the committed fixtures (made by `Fixtures/make_fixtures.py`).
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

extension Fixture {
    /// Reference values computed by `Fixtures/make_fixtures.py` with numpy from the data it wrote.
    nonisolated(unsafe) static let expected: [String: [String: Any]] = {
        let data = try! Data(contentsOf: root.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
    }()

    static func expected(_ key: String, _ field: String) -> Double? {
        (expected[key]?[field] as? NSNumber)?.doubleValue
    }
}
