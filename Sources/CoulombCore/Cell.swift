/// One electrochemical cell: what it is, and what was measured on it.
///
/// Every descriptive number is optional, because files often lack them; analyses that need one (an area
/// for current density, a mass for specific capacity) say so when it is missing.
public struct Cell: Sendable, Equatable {
    /// The name the file gives the cell (its group name, or the file's name for a single-cell file).
    public var id: String
    public var type: CellType?
    /// Electrode area in cm² (the geometric area of one electrode; for a symmetric cell, of each).
    public var area_cm2: Double?
    /// Mass of active material in the working electrode, in g.
    public var activeMass_g: Double?
    public var temperature_C: Double?
    public var stackPressure_MPa: Double?
    /// What a half cell is measured against (``CounterElectrode``); `nil` when nothing says.
    public var counterElectrode: CounterElectrode?
    /// Thickness of the solid-electrolyte separator in cm, for conductivity σ = d/(R·A).
    public var seThickness_cm: Double?
    /// Where each fact that did not come from the data file came from (``CellCard``); a fact the cell
    /// holds without an entry here came from the file.
    public var factSources: [CellCard.Fact: String] = [:]
    /// Everything else the file said about the cell, kept so it survives a round trip.
    public var metadata: JSONValue
    public var cycling: CyclingData?
    public var spectra: [ImpedanceSpectrum]

    public init(
        id: String, type: CellType? = nil, area_cm2: Double? = nil, activeMass_g: Double? = nil,
        temperature_C: Double? = nil, stackPressure_MPa: Double? = nil, metadata: JSONValue = .object([:]),
        cycling: CyclingData? = nil, spectra: [ImpedanceSpectrum] = []
    ) {
        self.id = id
        self.type = type
        self.area_cm2 = area_cm2
        self.activeMass_g = activeMass_g
        self.temperature_C = temperature_C
        self.stackPressure_MPa = stackPressure_MPa
        self.metadata = metadata
        self.cycling = cycling
        self.spectra = spectra
    }
}
