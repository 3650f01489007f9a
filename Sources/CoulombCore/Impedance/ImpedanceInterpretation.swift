/// What a fitted circuit means for the cell: area-specific resistances, the electrolyte's conductivity,
/// effective capacitances and the process each arc is assigned to.
///
/// One value serves every command that turns fitted parameters into material numbers (`fit`, `report`,
/// `plot arrhenius`, `batch`), so they cannot disagree. It is built, and its names and geometry checked,
/// before any spectrum is fitted: a missing area is an error at once, not after the last fit.
///
/// - ASR per interface = R·A/n, n the number of identical interfaces (2 in a symmetric Li|SE|Li cell —
///   the default when the cell says it is symmetric or says nothing, which is then flagged as assumed).
/// - σ = d/(R·A) for the bulk resistance, d the electrolyte thickness.
/// - Each R‖C or R‖CPE arc: τ = R·C_eff, Hsu–Mansfeld's C_eff, normalised to a cell constant of 1 cm⁻¹
///   (C·d/A) when the geometry is known (Irvine, Sinclair & West 1990) and classified by
///   ``CapacitanceTable``; Brug's C_eff beside it for arcs that are interfaces.
public struct ImpedanceInterpretation: Sendable {
    /// What the user states; every field is optional and falls back to the cell.
    public struct Request: Sendable {
        /// Resistances that are interfaces, by parameter name.
        public var interfaces: [String]
        /// The bulk resistance for σ (default: R0 when the circuit has it).
        public var bulk: String?
        public var area_cm2: Double?
        public var thickness_cm: Double?
        /// 1 or 2 (default: 2 for a symmetric or unknown cell, 1 otherwise).
        public var interfacesPerCell: Int?
        public var classes: CapacitanceTable

        public init(interfaces: [String] = [], bulk: String? = nil, area_cm2: Double? = nil, thickness_cm: Double? = nil,
                    interfacesPerCell: Int? = nil, classes: CapacitanceTable = .standard) {
            (self.interfaces, self.bulk, self.area_cm2, self.thickness_cm) = (interfaces, bulk, area_cm2, thickness_cm)
            (self.interfacesPerCell, self.classes) = (interfacesPerCell, classes)
        }

        /// Checks what does not depend on the cell: the names are resistors of `circuit`, the interface
        /// count is 1 or 2, the sizes are positive.
        public func validate(for circuit: Circuit) throws(AnalysisError) {
            for name in interfaces + [bulk].compactMap({ $0 }) {
                guard let p = circuit.parameters.first(where: { $0.name == name }), circuit.elements[p.element].kind == .R else {
                    throw AnalysisError("'\(name)' is not a resistor of \(circuit.text) (its resistors: "
                                        + circuit.elements.filter { $0.kind == .R }.map(\.label).joined(separator: ", ") + ")")
                }
            }
            if let count = interfacesPerCell, !(1...2).contains(count) {
                throw AnalysisError("a cell has 1 or 2 identical interfaces, not \(count)")
            }
            try AnalysisError.requirePositive(area_cm2, "the electrode area (cm²)")
            try AnalysisError.requirePositive(thickness_cm, "the electrolyte thickness (cm)")
        }
    }

    /// One arc's derived values in one fit.
    public struct ArcValues: Sendable, Equatable {
        /// The arc's resistance parameter, e.g. `R1`.
        public var resistance: String
        public var timeConstant_s: Double
        /// Hsu–Mansfeld's effective capacitance, F.
        public var effectiveCapacitance_F: Double
        /// Brug's, F, for an interface arc (nil otherwise, or without a series resistance).
        public var brugCapacitance_F: Double?
        /// The capacitance class, e.g. `grain_boundary`.
        public var assignment: String
    }

    public let circuit: Circuit
    public let area_cm2: Double?
    public let thickness_cm: Double?
    public let interfaceResistances: [String]
    public let bulkResistance: String?
    public let interfacesPerCell: Int
    /// The interface count came from no statement about the cell.
    public let interfacesAssumed: Bool
    public let classes: CapacitanceTable

    /// Checks the request against the circuit and the cell.
    ///
    /// - Throws: `AnalysisError` for a name that is no resistor of the circuit, an interface count other
    ///   than 1 or 2, a non-positive size, or ASR/σ asked for without an area.
    public init(circuit: Circuit, cell: Cell, request: Request = Request()) throws(AnalysisError) {
        try request.validate(for: circuit)
        let area = request.area_cm2 ?? cell.area_cm2
        let thickness = request.thickness_cm ?? cell.seThickness_cm
        try AnalysisError.requirePositive(area, "the electrode area (cm²)")
        try AnalysisError.requirePositive(thickness, "the electrolyte thickness (cm)")
        if area == nil, !request.interfaces.isEmpty || request.thickness_cm != nil {
            throw AnalysisError("ASR and conductivity need the electrode area, and the cell states none", remedy: .fact(.area))
        }
        self.circuit = circuit
        (area_cm2, thickness_cm, interfaceResistances) = (area, thickness, request.interfaces)
        bulkResistance = request.bulk ?? (circuit.parameterNames.contains("R0") ? "R0" : nil)
        interfacesPerCell = request.interfacesPerCell ?? (cell.type == nil || cell.type == .symmetric ? 2 : 1)
        interfacesAssumed = request.interfacesPerCell == nil && cell.type == nil
        classes = request.classes
    }

    /// The convention of the ASR in words.
    public var asrConvention: String {
        interfacesPerCell == 2
            ? "per interface = R*A/2 (symmetric cell, two identical interfaces" + (interfacesAssumed ? "; assumed: the file gives no cell type)" : ")")
            : "R*A (one interface)"
    }

    /// Whether σ is computed: a bulk resistance, a thickness and an area.
    public var hasConductivity: Bool { bulkResistance != nil && thickness_cm != nil && area_cm2 != nil }

    /// The ASR of each interface resistance, Ω·cm², in request order (empty without an area).
    public func asr_ohm_cm2(_ values: [Double]) -> [(name: String, value: Double)] {
        guard let area = area_cm2 else { return [] }
        return interfaceResistances.map { name in
            (name, values[circuit.parameterNames.firstIndex(of: name)!] * area / Double(interfacesPerCell))
        }
    }

    /// σ = d/(R·A) of a bulk resistance, S/cm; nil without a thickness and an area.
    public func conductivity_S_cm(resistance_ohm: Double) -> Double? {
        guard let thickness = thickness_cm, let area = area_cm2 else { return nil }
        return thickness / (resistance_ohm * area)
    }

    /// σ of the bulk resistance of one fit, S/cm.
    public func conductivity_S_cm(_ values: [Double]) -> Double? {
        guard let bulk = bulkResistance else { return nil }
        return conductivity_S_cm(resistance_ohm: values[circuit.parameterNames.firstIndex(of: bulk)!])
    }

    /// Each arc's time constant, capacitances and class in one fit, in circuit order.
    public func arcs(_ values: [Double]) -> [ArcValues] {
        circuit.arcs.map { arc in
            let name = circuit.parameters[arc.resistance].name
            let capacitance = arc.effectiveCapacitance_F(values)
            let normalised = capacitance * (cellConstant_per_cm(thickness_cm: thickness_cm, area_cm2: area_cm2) ?? 1)
            let assignment = classes.classify(normalised)
            let isInterface = assignment == "interface" || interfaceResistances.contains(name)
            let brug = isInterface
                ? arc.brugCapacitance_F(values, seriesResistance_ohm: circuit.seriesResistance_ohm(before: arc, values)) : nil
            return ArcValues(resistance: name, timeConstant_s: arc.timeConstant_s(values), effectiveCapacitance_F: capacitance,
                             brugCapacitance_F: brug, assignment: assignment)
        }
    }

    /// Activation energies across spectra: each resistor's Arrhenius fit over the converged fits of
    /// spectra with a temperature; resistors with fewer than two temperatures are left out.
    public func arrhenius(_ spectra: [ImpedanceSpectrum], fits: [Result<CircuitFitResult, AnalysisError>])
        -> [(name: String, fit: ArrheniusFit)] {
        circuit.parameters.indices.compactMap { k in
            guard circuit.elements[circuit.parameters[k].element].kind == .R,
                  let points = try? arrhenius(spectra, fits: fits, parameter: k) else { return nil }
            return (circuit.parameters[k].name, points.fit)
        }
    }

    /// One resistance against temperature: the points (σ when `asConductivity` and the geometry is known,
    /// else R) and their fit.
    ///
    /// - Throws: `AnalysisError` with fewer than two temperatures among the converged fits.
    public func arrhenius(_ spectra: [ImpedanceSpectrum], fits: [Result<CircuitFitResult, AnalysisError>], parameter: Int,
                          asConductivity: Bool = false) throws(AnalysisError)
        -> (temperature_C: [Double], values: [Double], areConductivities: Bool, fit: ArrheniusFit) {
        var (temperatures, values) = ArrheniusFit.points(spectra, fits: fits, parameter: parameter)
        let conductivities = asConductivity && thickness_cm != nil && area_cm2 != nil
        if conductivities { values = values.map { conductivity_S_cm(resistance_ohm: $0)! } }
        let fit = try ArrheniusFit(temperature_C: temperatures, values: values, areConductivities: conductivities)
        return (temperatures, values, conductivities, fit)
    }
}
