import ArgumentParser
import CoulombCore

/// `--thickness-cm` and `--capacitance-classes`: how the capacitances of `fit`'s arcs and `drt`'s peaks are
/// normalised and classified (and, for `fit`, the thickness of the conductivity).
struct CapacitanceClassOptions: ParsableArguments {
    @Option(name: .customLong("thickness-cm"), help: "Electrolyte thickness in cm (default: se_thickness_cm of the cell card): with the area (--area-cm2 or the file's) it normalises capacitances to a cell constant of 1 cm⁻¹ before they are classified, and gives a fit's conductivity σ = d/(R·A).")
    var thickness_cm: Double?

    @Option(name: .customLong("capacitance-classes"), help: "Arc or peak assignment by effective capacitance: NAME=upper-limit-F,… (default bulk=1e-11,grain_boundary=1e-8,surface_layer=1e-7,interface).")
    var capacitanceClasses: String?

    func validate() throws {
        if let thickness = thickness_cm, !(thickness.isFinite && thickness > 0) {
            throw ValidationError("--thickness-cm must be a positive number, not \(thickness)")
        }
        _ = try classes()
    }

    /// The classes asked for, or the standard ones.
    func classes() throws -> CapacitanceTable {
        do { return try capacitanceClasses.map(CapacitanceTable.init(parsing:)) ?? .standard } catch {
            throw ValidationError("--capacitance-classes: \(error)")
        }
    }
}
