extension CycleAssignment {
    /// The cycles whose numbers are in `selected` (all when `nil`), in record order.
    ///
    /// - Throws: ``AnalysisError`` naming the selected cycles the record does not have.
    public func cycles(_ selected: Set<Int>?) throws(AnalysisError) -> [Cycle] {
        let chosen = cycles.filter { selected?.contains($0.number) ?? true }
        if let selected {
            let missing = selected.subtracting(chosen.map(\.number)).sorted()
            if !missing.isEmpty {
                let known = cycles.map(\.number)
                throw AnalysisError("the record has no cycle \(missing.map(String.init).joined(separator: ", ")) (its cycles are \(known.first ?? 0)–\(known.last ?? 0))")
            }
        }
        return chosen
    }
}
