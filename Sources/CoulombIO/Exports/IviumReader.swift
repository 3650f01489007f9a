/// Reads Ivium `.ids` (one or several measurements) and `.idf` (one) files: binary framing around text
/// blocks of `key=value` lines. Each measurement gives its `Method=` and `Title=`, then a `primary_data`
/// block: the number of columns (3), the number of points, and one line a point holding Z′, Z″ (ohm) and
/// the frequency (Hz), separated by spaces and tabs. Other data blocks (`osc_data`, the recorded
/// waveforms) follow and are not read.
///
/// Every measurement whose method is `Impedance…` is a spectrum; Z″ is written as is (negative on a
/// capacitive arc). A measurement of another method (a voltammogram) is not read as impedance.
enum IviumReader {
    /// Whether the first lines hold an Ivium method block: `Method=`, `Technique=` and `Title=` keys.
    static func recognises(_ text: ExportText) -> Bool {
        var keys = Set<String>()
        for line in text.lines() {
            let content = text.string(line)
            for key in ["Method=", "Technique=", "Title="] where content.hasPrefix(key) { keys.insert(key) }
            if keys.count == 3 { return true }
        }
        return false
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        var spectra: [ExportSpectrum] = []
        var otherMethods: [String] = []
        var method: String?
        var cursor = text.lines()
        while let line = cursor.next() {
            let content = text.string(line)
            if content.hasPrefix("Method=") { method = String(content.dropFirst("Method=".count)) }
            guard content == "primary_data" else { continue }
            guard let columnsLine = cursor.next(), let pointsLine = cursor.next(),
                  let columns = text.count(columnsLine), let count = text.count(pointsLine) else {
                throw text.error(line: line.number, "'primary_data' is not followed by a column count and a point count (is the file cut short?)")
            }
            guard let method, method.lowercased().hasPrefix("impedance") else {
                otherMethods.append(method ?? "none given")
                continue
            }
            guard columns == 3 else {
                throw text.error(line: columnsLine.number, "an impedance 'primary_data' block of \(columns) columns; Ivium writes 3 (Z', Z'', frequency)")
            }
            var points = ImpedancePoints()
            for point in 0..<count {
                guard let row = cursor.next() else {
                    throw text.error(line: pointsLine.number, """
                        announces \(count) points but the file ends after \(point) (is the file cut short?)
                        """)
                }
                guard let values = text.numbers(row), values.count == 3 else {
                    throw text.error(line: row.number, """
                        point \(point + 1) of \(count): \(text.quoted(row)) is not three numbers (Z', Z'', frequency)
                        """)
                }
                points.append(frequency_Hz: values[2], real_ohm: values[0], imaginary_ohm: values[1], at: "line \(row.number)")
            }
            spectra.append(points.spectrum(frequency: "frequency", real: "Z'", imaginary: "Z''"))
        }
        guard !spectra.isEmpty else {
            throw CoulombIOError(file: text.file, problem: otherMethods.isEmpty
                ? "no 'primary_data' block (the data of an Ivium measurement)"
                : "no impedance measurement: the Ivium file holds \(otherMethods.map { "'\($0)'" }.joined(separator: ", ")) data")
        }
        return ImpedancePoints.content(spectra, frequency: "frequency", real: "Z'", imaginary: "Z''")
    }
}
