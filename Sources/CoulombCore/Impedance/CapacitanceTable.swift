/// Assigns an arc to a process by its effective capacitance (Irvine, Sinclair & West, Adv. Mater. 2,
/// 132, 1990): bulk ≈ 10⁻¹² F, grain boundary 10⁻¹¹–10⁻⁸ F, surface layer 10⁻⁹–10⁻⁷ F, electrode
/// interface 10⁻⁷–10⁻⁵ F, for a cell constant l/A of 1 cm⁻¹.
///
/// The ranges overlap and depend on geometry, so this is a convention to override, not a truth: classes
/// are given by their upper limits, checked in order; the last class takes everything above. With an
/// area and a thickness the capacitance is first normalised to a cell constant of 1 cm⁻¹ (C·l/A), so
/// the table applies to any pellet.
public struct CapacitanceTable: Sendable, Equatable {
    public var classes: [(name: String, upperLimit_F: Double)]

    public static let standard = CapacitanceTable(classes: [
        ("bulk", 1e-11), ("grain_boundary", 1e-8), ("surface_layer", 1e-7), ("interface", .infinity),
    ])

    public init(classes: [(name: String, upperLimit_F: Double)]) {
        self.classes = classes
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.classes.map(\.name) == b.classes.map(\.name) && a.classes.map(\.upperLimit_F) == b.classes.map(\.upperLimit_F)
    }

    /// Parses `bulk=1e-11,grain_boundary=1e-8,surface_layer=1e-7,interface` (upper limits in F, rising;
    /// the last class may omit its limit).
    public init(parsing text: String) throws(AnalysisError) {
        var classes: [(String, Double)] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0.trimmingWhitespace()) }
            let limit = parts.count == 2 ? Double(parts[1]) : .infinity
            guard let limit, !parts[0].isEmpty, limit > (classes.last?.1 ?? 0) else {
                throw AnalysisError("capacitance table item '\(item)' must be NAME=upper-limit-in-F, rising")
            }
            classes.append((parts[0], limit))
        }
        guard !classes.isEmpty else { throw AnalysisError("the capacitance table is empty") }
        self.classes = classes
    }

    /// The class of a capacitance normalised to a cell constant of 1 cm⁻¹.
    public func classify(_ capacitance_F: Double) -> String {
        classes.first { capacitance_F < $0.upperLimit_F }?.name ?? classes[classes.count - 1].name
    }
}
