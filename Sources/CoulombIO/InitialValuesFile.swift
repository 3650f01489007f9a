import CoulombCore

/// Per-spectrum starting values for a fit from a CSV, as a fit's own output gives them: a `spectrum`
/// column of test ids and one column per parameter; `#` comment lines above the header and other columns
/// are passed over. Read with the exports' `DelimitedTable`, so quoted fields (a warning with a comma)
/// are fields like any other.
public enum InitialValuesFile {
    /// Starting values for each of `spectra` (none for a spectrum the file does not list), by parameter
    /// name; a missing or non-finite value is no start.
    public static func read(_ path: String, spectra: [ImpedanceSpectrum], circuit: Circuit)
        throws -> [[(name: String, spec: ParameterSpec)]] {
        let text = try ExportText(contentsOf: path)
        guard let header = text.lines().first(where: { line in
            let content = text.string(line)
            return !content.hasPrefix("#") && !content.allSatisfy(\.isWhitespace)
        }) else {
            throw CoulombIOError(file: path, problem: "is empty: no header with a 'spectrum' column")
        }
        let table = DelimitedTable(text: text, header: header, delimiter: UInt8(ascii: ","))
        let spectrumColumn = try table.requiredIndex(of: ["spectrum"], what: "spectrum")
        let columns = circuit.parameterNames.compactMap { name in table.index(of: [name]).map { (name: name, index: $0) } }
        guard !columns.isEmpty else {
            throw CoulombIOError(file: path, problem: "has none of the parameters of \(circuit.text) "
                                 + "(\(circuit.parameterNames.joined(separator: ", ")))")
        }
        let read = try table.read([(spectrumColumn, .integer)] + columns.map { ($0.index, .number) }).values
        var byID: [Int: [(name: String, spec: ParameterSpec)]] = [:]
        for (row, id) in read[0].integers.enumerated() {
            byID[id] = columns.indices.compactMap { k in
                let value = read[k + 1].numbers[row]
                return value.isFinite ? (columns[k].name, ParameterSpec(initial: value)) : nil
            }
        }
        return spectra.enumerated().map { index, spectrum in byID[spectrum.testID ?? index] ?? [] }
    }
}
