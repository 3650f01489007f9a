/// Reads Eco Chemie (Autolab FRA) `.dfr` impedance files: a `VERSIONx.y` line, the number of points, one
/// more number, then nine lines a point — frequency (Hz), Z′ and −Z″ (ohm), then six values Coulomb does not
/// use (the DC potential, current and time among them; zero when not recorded). Lines after the last point
/// (dates, settings) are not read. Blank lines are no lines of the layout.
///
/// The file holds −Z″ (positive on a capacitive arc), negated here.
enum EcoChemieDFRReader {
    static let linesPerPoint = 9

    /// Whether the first three non-blank lines are `VERSIONx.y`, a count and a number.
    static func recognises(_ text: ExportText) -> Bool {
        let head = text.nonBlankLines(limit: 3)
        guard head.count == 3, let version = versionNumber(text.string(head[0])) else { return false }
        return version > 0 && text.count(head[1]) != nil && text.numbers(head[2])?.count == 1
    }

    private static func versionNumber(_ line: String) -> Double? {
        guard line.uppercased().hasPrefix("VERSION") else { return nil }
        return Double(line.dropFirst("VERSION".count).trimmingCharacters(in: .whitespaces))
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let lines = text.nonBlankLines()
        guard lines.count >= 3, let count = text.count(lines[1]), count > 0 else {
            throw CoulombIOError(file: text.file, problem: "no point count on the line after 'VERSION' (an Eco Chemie .dfr file gives one)")
        }
        var points = ImpedancePoints()
        for point in 0..<count {
            let start = 3 + point * linesPerPoint
            guard start + linesPerPoint <= lines.count else {
                throw text.error(line: lines.last!.number, """
                    the file ends within point \(point + 1) of the \(count) that line \(lines[1].number) announces \
                    (\(linesPerPoint) lines a point; is the file cut short?)
                    """)
            }
            let what = ["frequency", "Z'", "-Z''", "value 4", "value 5", "value 6", "value 7", "value 8", "value 9"]
            let values = try (0..<linesPerPoint).map { try text.number(lines[start + $0], "\(what[$0]) of point \(point + 1)") }
            points.append(frequency_Hz: values[0], real_ohm: values[1], imaginary_ohm: -values[2], at: "line \(lines[start].number)")
        }
        return ImpedancePoints.content([points.spectrum(frequency: "frequency", real: "Z'", imaginary: "-Z''")],
                                       frequency: "frequency", real: "Z'", imaginary: "-Z''")
    }
}
