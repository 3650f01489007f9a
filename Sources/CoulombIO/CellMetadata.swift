import CoulombCore
import Foundation

/// How a cell's descriptive fields live in battdat's JSON `metadata` attribute.
///
/// battdat's `BatteryMetadata` allows extra keys, so Coulomb keeps its own fields under a `coulomb` key:
/// `cell_type`, `area_cm2`, `active_mass_g`, `temperature_C`, `stack_pressure_MPa`, `counter_electrode` (with
/// `counter_electrode_potential_V`, vs Li/Li⁺) and `se_thickness_cm`. When those are absent
/// it falls back on battdat's own fields: `battery.anode.area` / `battery.cathode.area` (cm²),
/// `test_protocol.set_temperature` (°C), and the working electrode's `loading` (mg/cm²) times its area
/// for the active mass, and the electrode names (`battery.anode.name`, `battery.cathode.name`) for the
/// cell type. Everything else in the document is kept untouched.
enum CellMetadata {
    static let namespace = "coulomb"

    /// Parses a JSON metadata attribute, which must be an object.
    static func parse(_ text: String, file: String, object: String) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw CoulombIOError(file: file, object: object, problem: "attribute 'metadata' is not valid JSON")
        }
        guard case .object = value else {
            throw CoulombIOError(file: file, object: object, problem: "attribute 'metadata' is not a JSON object")
        }
        return value
    }

    /// Fills a cell's descriptive fields from a metadata document.
    static func apply(_ metadata: JSONValue, to cell: inout Cell) {
        let own = { (key: String) in metadata[path: "\(namespace).\(key)"] }
        cell.metadata = metadata
        cell.type = own("cell_type")?.string.flatMap(CellType.init(loosely:))
            ?? electrodeType(anode: metadata[path: "battery.anode.name"]?.string,
                             cathode: metadata[path: "battery.cathode.name"]?.string)
        let electrode = cell.type == .anodeHalf ? "anode" : "cathode"
        let other = electrode == "anode" ? "cathode" : "anode"
        cell.area_cm2 = own("area_cm2")?.number
            ?? metadata[path: "battery.\(electrode).area"]?.number
            ?? metadata[path: "battery.\(other).area"]?.number
        let loading_mg_cm2 = metadata[path: "battery.\(electrode).loading"]?.number
        cell.activeMass_g = own("active_mass_g")?.number
            ?? both(loading_mg_cm2, cell.area_cm2).map { $0 * $1 / 1000 }
        cell.temperature_C = own("temperature_C")?.number ?? metadata[path: "test_protocol.set_temperature"]?.number
        cell.stackPressure_MPa = own("stack_pressure_MPa")?.number
        cell.seThickness_cm = own("se_thickness_cm")?.number
        cell.counterElectrode = own("counter_electrode")?.string.flatMap {
            CounterElectrode(name: $0, potentialVsLithium_V: own("counter_electrode_potential_V")?.number)
        }
        if cell.id.isEmpty, let name = metadata[path: "name"]?.string { cell.id = name }
    }

    /// The cell type implied by battdat's electrode names: Li on both sides is a symmetric cell, Li on one
    /// side a half cell of the other electrode, two other materials a full cell; `nil` unless both are named.
    static func electrodeType(anode: String?, cathode: String?) -> CellType? {
        guard let anode, let cathode else { return nil }
        func isLithium(_ name: String) -> Bool {
            ["li", "lithium", "limetal", "lithiummetal", "lifoil", "lithiumfoil"].contains(name.lowercased().filter(\.isLetter))
        }
        switch (isLithium(anode), isLithium(cathode)) {
        case (true, true): return .symmetric
        case (true, false): return .cathodeHalf
        case (false, true): return .anodeHalf
        case (false, false): return .full
        }
    }

    /// The metadata document for a cell: its kept document with the `coulomb` fields set from the cell.
    static func document(for cell: Cell) -> JSONValue {
        guard case .object(var members) = cell.metadata else { return document(for: withEmptyMetadata(cell)) }
        var own: [String: JSONValue] = [:]
        if case .object(let existing)? = members[namespace] { own = existing }
        own["cell_type"] = cell.type.map { .string($0.rawValue) } ?? .null
        own["area_cm2"] = cell.area_cm2.map(JSONValue.number) ?? .null
        own["active_mass_g"] = cell.activeMass_g.map(JSONValue.number) ?? .null
        own["temperature_C"] = cell.temperature_C.map(JSONValue.number) ?? .null
        own["stack_pressure_MPa"] = cell.stackPressure_MPa.map(JSONValue.number) ?? .null
        own["se_thickness_cm"] = cell.seThickness_cm.map(JSONValue.number) ?? .null
        own["counter_electrode"] = cell.counterElectrode.map { .string($0.name) } ?? .null
        own["counter_electrode_potential_V"] = cell.counterElectrode?.potentialVsLithium_V.map(JSONValue.number) ?? .null
        members[namespace] = .object(own)
        if members["name"] == nil || members["name"] == .null { members["name"] = .string(cell.id) }
        return .object(members)
    }

    /// JSON text with sorted keys, so files written twice from the same cell are identical.
    static func text(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: it holds only JSON's own types.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func withEmptyMetadata(_ cell: Cell) -> Cell {
        var cell = cell
        cell.metadata = .object([:])
        return cell
    }
}

private func both(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
