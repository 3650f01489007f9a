/// The cell constant d/A of an electrolyte between two electrodes, cm⁻¹.
///
/// A capacitance times it is the capacitance of a cell of constant 1 cm⁻¹, the scale on which Irvine,
/// Sinclair and West (1990) drew the classes of ``CapacitanceTable`` (bulk ~1e-12 F, grain boundary
/// ~1e-11–1e-8 F, …); nil unless both the thickness and the area are known.
public func cellConstant_per_cm(thickness_cm: Double?, area_cm2: Double?) -> Double? {
    guard let thickness_cm, let area_cm2 else { return nil }
    return thickness_cm / area_cm2
}

extension Cell {
    /// The cell constant d/A of the cell's electrolyte, cm⁻¹: `thickness_cm` when given, else the cell
    /// card's `se_thickness_cm`, over the cell's area; nil unless both are known.
    public func cellConstant_per_cm(thickness_cm: Double? = nil) -> Double? {
        CoulombCore.cellConstant_per_cm(thickness_cm: thickness_cm ?? seThickness_cm, area_cm2: area_cm2)
    }
}
