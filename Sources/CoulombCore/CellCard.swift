/// The facts about a cell that its verdicts need, each with where it came from.
///
/// A cycler file rarely says what cell it measured. The card says it explicitly: cell type, counter
/// electrode, electrode area, solid-electrolyte thickness, active mass or loading, stack pressure and
/// temperature. Facts come from three places, later ones overriding earlier ones: the data file's own
/// metadata, a sidecar card next to it (``init(json:source:)``), and command-line options. Every output
/// says which fact came from where (``Cell/provenance``), and an analysis that needs a fact the card does
/// not hold withholds its verdict rather than guessing.
///
/// The card's JSON (a sidecar `NAME.cell.json`):
///
///     {
///       "cell_type": "anode_half",          // anode_half | cathode_half | full | symmetric | anode_free
///       "counter_electrode": "In-Li",       // Li | In-Li | none, or a name with its potential
///       "counter_electrode_potential_V": 0.62,   // vs Li/Li⁺; optional for Li and In-Li
///       "area_cm2": 0.785,
///       "se_thickness_cm": 0.06,
///       "active_mass_g": 0.0021,            // or "loading_mg_cm2": 2.7 (times the area)
///       "stack_pressure_MPa": 50,
///       "temperature_C": 25,
///       "cells": { "cell-2": { "area_cm2": 1.0 } }   // per-cell overrides in a file of several cells
///     }
///
/// Unknown keys are an error (a misspelt `area_cm2` must not pass silently), as are numbers that are not
/// positive and finite (temperature may be any finite number).
public struct CellCard: Sendable, Equatable {
    /// The names of the facts, as the card and every output spell them.
    public enum Fact: String, Sendable, CaseIterable {
        case cellType = "cell_type"
        case counterElectrode = "counter_electrode"
        case area = "area_cm2"
        case seThickness = "se_thickness_cm"
        case activeMass = "active_mass_g"
        case loading = "loading_mg_cm2"
        case stackPressure = "stack_pressure_MPa"
        case temperature = "temperature_C"
    }

    /// Where the card's facts came from, in words (`"sidecar cell7.cell.json"`, `"option --area-cm2"`).
    public var source: String
    public var cellType: CellType?
    public var counterElectrode: CounterElectrode?
    public var area_cm2: Double?
    public var seThickness_cm: Double?
    public var activeMass_g: Double?
    public var loading_mg_cm2: Double?
    public var stackPressure_MPa: Double?
    public var temperature_C: Double?
    /// Overrides for single cells of a multi-cell file, by cell id.
    public var cells: [String: CellCard] = [:]

    public init(source: String) {
        self.source = source
    }

    /// The facts this card sets.
    public var facts: [Fact] {
        Fact.allCases.filter { fact in
            switch fact {
            case .cellType: cellType != nil
            case .counterElectrode: counterElectrode != nil
            case .area: area_cm2 != nil
            case .seThickness: seThickness_cm != nil
            case .activeMass: activeMass_g != nil
            case .loading: loading_mg_cm2 != nil
            case .stackPressure: stackPressure_MPa != nil
            case .temperature: temperature_C != nil
            }
        }
    }

    /// Reads and validates a card's JSON document.
    ///
    /// - Throws: ``AnalysisError`` naming the key and the problem.
    public init(json: JSONValue, source: String) throws(AnalysisError) {
        self.init(source: source)
        guard case .object(let members) = json else { throw AnalysisError("a cell card must be a JSON object") }
        let potentialKey = "counter_electrode_potential_V"
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            if key == potentialKey || key == "cells" || key.hasPrefix("_") || key == "$schema" { continue }
            guard let fact = Fact(rawValue: key) else {
                let known = Fact.allCases.map(\.rawValue) + [potentialKey, "cells"]
                throw AnalysisError("unknown key '\(key)' (a card knows \(known.joined(separator: ", ")))")
            }
            switch fact {
            case .cellType:
                guard let text = value.string, let type = CellType(loosely: text) else {
                    throw AnalysisError("cell_type is \(Self.describe(value)); expected one of \(CellType.allCases.map(\.cardName).joined(separator: ", "))")
                }
                cellType = type
            case .counterElectrode:
                let potential = try members[potentialKey].map { value throws(AnalysisError) in try Self.number(value, potentialKey, positive: false) }
                guard let text = value.string, let electrode = CounterElectrode(name: text, potentialVsLithium_V: potential) else {
                    throw AnalysisError("counter_electrode is \(Self.describe(value)); expected Li, In-Li or none, or another name with \(potentialKey)")
                }
                counterElectrode = electrode
            case .area: area_cm2 = try Self.number(value, key)
            case .seThickness: seThickness_cm = try Self.number(value, key)
            case .activeMass: activeMass_g = try Self.number(value, key)
            case .loading: loading_mg_cm2 = try Self.number(value, key)
            case .stackPressure: stackPressure_MPa = try Self.number(value, key)
            case .temperature: temperature_C = try Self.number(value, key, positive: false)
            }
        }
        if members[potentialKey] != nil, counterElectrode == nil {
            throw AnalysisError("\(potentialKey) is given without counter_electrode")
        }
        if case .object(let perCell)? = members["cells"] {
            for (id, document) in perCell {
                do { cells[id] = try CellCard(json: document, source: source) } catch {
                    throw AnalysisError("cells.\(id): \(error.problem)")
                }
            }
        } else if let other = members["cells"] {
            throw AnalysisError("cells is \(Self.describe(other)); expected an object of cards by cell id")
        }
    }

    /// A number that must be finite (and positive, for sizes and masses).
    private static func number(_ value: JSONValue, _ key: String, positive: Bool = true) throws(AnalysisError) -> Double {
        guard case .number(let number) = value else { throw AnalysisError("\(key) is \(Self.describe(value)), not a number") }
        guard number.isFinite, !positive || number > 0 else {
            throw AnalysisError("\(key) must be \(positive ? "a positive" : "a finite") number, not \(number)")
        }
        return number
    }

    /// A value as an error message quotes it.
    private static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "'\(text)'"
        case .number(let number): "\(number)"
        case .bool(let flag): "\(flag)"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The card for one cell: this card with that cell's overrides on top.
    public func card(forCell id: String) -> CellCard {
        guard let own = cells[id] else { return self }
        var merged = self
        merged.cells = [:]
        merged.overlay(own)
        return merged
    }

    /// Sets every fact `other` holds over this card's.
    mutating func overlay(_ other: CellCard) {
        cellType = other.cellType ?? cellType
        counterElectrode = other.counterElectrode ?? counterElectrode
        area_cm2 = other.area_cm2 ?? area_cm2
        seThickness_cm = other.seThickness_cm ?? seThickness_cm
        activeMass_g = other.activeMass_g ?? activeMass_g
        loading_mg_cm2 = other.loading_mg_cm2 ?? loading_mg_cm2
        stackPressure_MPa = other.stackPressure_MPa ?? stackPressure_MPa
        temperature_C = other.temperature_C ?? temperature_C
    }
}

extension CellType {
    /// The spelling a card and the outputs use: `anode_half`, `cathode_half`, `full`, `symmetric`.
    public var cardName: String {
        switch self {
        case .anodeHalf: "anode_half"
        case .cathodeHalf: "cathode_half"
        case .full: "full"
        case .symmetric: "symmetric"
        }
    }
}
