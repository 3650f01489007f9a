import CoulombCore

extension CellFile {
    /// The cell with id `id`; its absence is an error naming the file and the cells it has.
    public func cell(named id: String) throws -> LoadedCell {
        guard let found = cells.first(where: { $0.cell.id == id }) else {
            throw CoulombIOError(file: path, problem: "no cell '\(id)' (cells: \(cells.map(\.cell.id).joined(separator: ", ")))")
        }
        return found
    }

    /// The cell named `id`, or without a name the one cell that `holds` what the analysis needs.
    ///
    /// - Parameters:
    ///   - id: the cell asked for by name, if one was.
    ///   - what: what the cells are looked for, in words (`"impedance spectra"`), for the errors.
    ///   - holds: whether a cell holds it.
    /// - Throws: ``CoulombIOError`` naming the file when the named cell is missing, when no cell holds
    ///   `what`, or when several do (with `Remedy.chooseCell`).
    public func cell(named id: String?, holding what: String, _ holds: (LoadedCell) -> Bool) throws -> LoadedCell {
        if let id { return try cell(named: id) }
        let candidates = cells.filter(holds)
        guard candidates.count <= 1 else {
            let ids = candidates.map(\.cell.id).joined(separator: ", ")
            let problem = candidates.count == cells.count
                ? "holds \(cells.count) cells (\(ids))" : "\(candidates.count) cells hold \(what) (\(ids))"
            throw CoulombIOError(file: path, problem: problem, remedy: .chooseCell)
        }
        guard let only = candidates.first else { throw CoulombIOError(file: path, problem: "holds no \(what)") }
        return only
    }
}
