extension Cell {
    /// The cell with a card's facts set over its own, each recorded as coming from the card's source.
    ///
    /// A loading (mg cm⁻²) gives the active mass when the card sets no mass: mass = loading × area / 1000,
    /// with the area the cell has once the card is applied.
    public func applying(_ card: CellCard) -> Cell {
        let card = card.card(forCell: id)
        var cell = self
        for fact in card.facts { cell.factSources[fact] = card.source }
        cell.type = card.cellType ?? cell.type
        cell.counterElectrode = card.counterElectrode ?? cell.counterElectrode
        cell.area_cm2 = card.area_cm2 ?? cell.area_cm2
        cell.seThickness_cm = card.seThickness_cm ?? cell.seThickness_cm
        cell.stackPressure_MPa = card.stackPressure_MPa ?? cell.stackPressure_MPa
        cell.temperature_C = card.temperature_C ?? cell.temperature_C
        if let mass = card.activeMass_g {
            cell.activeMass_g = mass
        } else if let loading = card.loading_mg_cm2, let area = cell.area_cm2 {
            cell.activeMass_g = loading * area / 1000
            cell.factSources[.activeMass] = "\(card.source) (loading × area)"
        }
        // A counter electrode of "none" says the cell is a full cell, unless the card says otherwise.
        if card.cellType == nil, card.counterElectrode == CounterElectrode.none, cell.type != .symmetric {
            cell.type = .full
            cell.factSources[.cellType] = "\(card.source) (counter_electrode none)"
        }
        return cell
    }

    /// Each fact the cell holds, its value as the outputs write it and where it came from.
    ///
    /// `"file"` for facts read from the data file, else the card's or option's source.
    public var provenance: [(fact: CellCard.Fact, value: JSONValue, source: String)] {
        var facts: [(CellCard.Fact, JSONValue)] = []
        if let type { facts.append((.cellType, .string(type.cardName))) }
        if let counterElectrode { facts.append((.counterElectrode, .string(counterElectrode.name))) }
        if let area_cm2 { facts.append((.area, .number(area_cm2))) }
        if let seThickness_cm { facts.append((.seThickness, .number(seThickness_cm))) }
        if let activeMass_g { facts.append((.activeMass, .number(activeMass_g))) }
        if let stackPressure_MPa { facts.append((.stackPressure, .number(stackPressure_MPa))) }
        if let temperature_C { facts.append((.temperature, .number(temperature_C))) }
        return facts.map { ($0.0, $0.1, factSources[$0.0] ?? "file") }
    }

    /// The provenance as one JSON object: `{fact: {"value": …, "source": …}}`.
    public var cardDocument: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: provenance.map {
            ($0.fact.rawValue, JSONValue.object(["value": $0.value, "source": .string($0.source)]))
        }))
    }
}
