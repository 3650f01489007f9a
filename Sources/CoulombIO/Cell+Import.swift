import CoulombCore

extension Cell {
    /// Records where the cell's data came from, under `coulomb.sources` in its metadata (kept by battdat
    /// and written into every file Coulomb writes): the file's name, its SHA-256 and the format read.
    public mutating func recordSource(file path: String, sha256: String, format: String) {
        guard case .object(var members) = metadata else {
            metadata = .object([:])
            return recordSource(file: path, sha256: sha256, format: format)
        }
        var own: [String: JSONValue] = [:]
        if case .object(let existing)? = members[CellMetadata.namespace] { own = existing }
        var sources: [JSONValue] = []
        if case .array(let existing)? = own["sources"] { sources = existing }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        sources.append(.object(["file": .string(name), "sha256": .string(sha256), "format": .string(format)]))
        own["sources"] = .array(sources)
        members[CellMetadata.namespace] = .object(own)
        metadata = .object(members)
    }

    /// One cell made of several read from different files (a cycler export and the spectra measured on the
    /// same cell): the cycling record of the one that has it, every spectrum, the first value of each
    /// descriptive field and metadata key that any of them has, and every source. Spectra keep their test ids unless two
    /// collide, in which case the later file's are moved past the largest so far.
    public static func merging(_ cells: [Cell], id: String) throws -> Cell {
        let cycling = cells.filter { $0.cycling != nil }
        guard cycling.count <= 1 else {
            throw CoulombIOError(file: id, problem: "cannot merge: cycling records come from \(cycling.count) cells (\(cycling.map(\.id).joined(separator: ", "))); a cell has one")
        }
        var merged = Cell(id: id, cycling: cycling.first?.cycling)
        var sources: [JSONValue] = []
        var kept: [String: JSONValue] = [:]
        var used = Set<Int>()
        for cell in cells {
            if case .object(let members) = cell.metadata { kept.merge(members) { first, _ in first } }
            merged.type = merged.type ?? cell.type
            merged.area_cm2 = merged.area_cm2 ?? cell.area_cm2
            merged.activeMass_g = merged.activeMass_g ?? cell.activeMass_g
            merged.temperature_C = merged.temperature_C ?? cell.temperature_C
            merged.stackPressure_MPa = merged.stackPressure_MPa ?? cell.stackPressure_MPa
            if case .array(let list)? = cell.metadata[path: "\(CellMetadata.namespace).sources"] { sources += list }
            let ids = cell.spectra.compactMap(\.testID)
            let shift = ids.contains(where: used.contains) ? (used.max() ?? -1) + 1 - (ids.min() ?? 0) : 0
            for var spectrum in cell.spectra {
                spectrum.testID = spectrum.testID.map { $0 + shift }
                if let testID = spectrum.testID { used.insert(testID) }
                merged.spectra.append(spectrum)
            }
        }
        kept[CellMetadata.namespace] = .object(["sources": .array(sources)])
        kept["name"] = nil
        merged.metadata = .object(kept)
        return merged
    }
}
