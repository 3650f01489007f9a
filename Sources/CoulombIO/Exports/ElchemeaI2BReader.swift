/// Reads Elchemea Analytical `.i2b` impedance files: free text lines (metadata), a line holding the number
/// of points, then one line a point: frequency (Hz), Z′ and Z″ (ohm) separated by spaces.
///
/// Z″ is written as is (negative on a capacitive arc).
enum ElchemeaI2BReader {
    /// The count line: the first line holding one whole number whose next line holds three numbers, with
    /// no line of numbers before it.
    static func countLine(_ lines: [ExportText.Line], in text: ExportText) -> Int? {
        for index in lines.indices.dropLast() {
            if text.count(lines[index]) != nil, text.numbers(lines[index + 1])?.count == 3 { return index }
            if text.numbers(lines[index]) != nil { return nil }
        }
        return nil
    }

    static func recognises(_ text: ExportText) -> Bool {
        countLine(text.nonBlankLines(limit: 40), in: text) != nil
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let lines = text.nonBlankLines()
        guard let countIndex = countLine(lines, in: text), let count = text.count(lines[countIndex]) else {
            throw CoulombIOError(file: text.file, problem: "no point count followed by rows of frequency, Z', Z'' (an Elchemea .i2b layout)")
        }
        var points = ImpedancePoints()
        for line in lines[(countIndex + 1)...] {
            guard let values = text.numbers(line), values.count == 3 else {
                throw text.error(line: line.number, "\(text.quoted(line)) is not three numbers (frequency, Z', Z'')")
            }
            points.append(frequency_Hz: values[0], real_ohm: values[1], imaginary_ohm: values[2], at: "line \(line.number)")
        }
        guard points.count == count else {
            throw text.error(line: lines[countIndex].number, """
                announces \(count) points but \(points.count) follow\(points.count < count ? " (is the file cut short?)" : "")
                """)
        }
        return ImpedancePoints.content([points.spectrum(frequency: "frequency", real: "Z'", imaginary: "Z''")],
                                       frequency: "frequency", real: "Z'", imaginary: "Z''")
    }
}
