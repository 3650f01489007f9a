import CoulombCore
import CoulombIO
import Foundation

/// `--initial-from FILE.csv`: per-spectrum starting values, as `coulomb fit` writes them (a `spectrum`
/// column of test ids, one column per parameter; `#` lines and other columns are ignored).
enum InitialValuesFile {
    static func read(_ path: String, spectra: [ImpedanceSpectrum], circuit: Circuit)
        throws -> [[(name: String, spec: ParameterSpec)]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CoulombIOError(file: path, problem: "cannot be read as UTF-8 text")
        }
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        guard let header = lines.first.map({ $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }),
              let spectrumColumn = header.firstIndex(of: "spectrum") else {
            throw CoulombIOError(file: path, problem: "has no header with a 'spectrum' column")
        }
        let columns = circuit.parameterNames.compactMap { name in header.firstIndex(of: name).map { (name, $0) } }
        guard !columns.isEmpty else {
            throw CoulombIOError(file: path, problem: "has none of the parameters of \(circuit.text) "
                                 + "(\(circuit.parameterNames.joined(separator: ", ")))")
        }
        var byID: [Int: [(name: String, spec: ParameterSpec)]] = [:]
        for (number, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == header.count, let id = Int(cells[spectrumColumn]) else {
                throw CoulombIOError(file: path, problem: "data line \(number + 1) does not match the header")
            }
            byID[id] = columns.compactMap { name, column in
                Double(cells[column]).flatMap { $0.isFinite ? (name, ParameterSpec(initial: $0)) : nil }
            }
        }
        return spectra.enumerated().map { index, spectrum in byID[spectrum.testID ?? index] ?? [] }
    }
}
