/// Reads Neware BTSDA "regular" CSV exports, which nest three tables in one: line 1 names the cycle
/// columns (`Cycle Index`, …), line 2 the step columns one field in (`,Step Index,Step Number,Step Type,…`),
/// line 3 the record columns two fields in (`,,DataPoint,Time,Total Time,Current(A),Voltage(V),…`); then
/// each cycle row is followed by its step rows, each step row by its record rows.
///
/// Each record becomes a row, with the cycle index of the cycle row and the step index of the step row
/// above it. The exporter writes the first step row on the end of the first cycle row (after the cycle
/// columns), so a cycle row longer than the cycle header also starts a step. Time is `Total Time` (h:mm:ss); current is signed (negative on discharge) as in the model.
enum NewareNestedCSVReader {
    static let schema = CyclingTableReader.Schema(
        time: ["Total Time"], voltage: ["Voltage"], current: ["Current"], timeIsDuration: true)

    /// Whether the first three lines are the three nested headers.
    static func recognises(_ text: ExportText) -> Bool {
        let lines = text.firstLines(3)
        guard lines.count == 3 else { return false }
        let fields = lines.map { text.fields($0, delimiter: 0x2C) }
        return fields[0].first == "Cycle Index" && fields[1].count > 1 && fields[1][0].isEmpty && fields[1][1] == "Step Index"
            && fields[2].count > 2 && fields[2][0].isEmpty && fields[2][1].isEmpty && fields[2][2] == "DataPoint"
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let headers = text.firstLines(3)
        let table = DelimitedTable(text: text, header: headers[2], delimiter: 0x2C)
        let cycleColumns = text.fields(headers[0], delimiter: 0x2C).count
        var cycle: Int?, step: Int?
        var cycles: [Int] = [], steps: [Int] = []
        var problem: CoulombIOError?
        var reading = try CyclingTableReader.read(table, schema: schema) { buffer, range in
            let fields = DelimitedTable.split(buffer, range, delimiter: 0x2C)
            let level = fields.prefix(2).prefix { $0.isEmpty }.count
            guard level < 2 else {
                guard let cycle, let step else {
                    problem = problem ?? text.error(line: lineNumber(text, range), "a record row before any cycle and step row")
                    return .end
                }
                cycles.append(cycle)
                steps.append(step)
                return .row
            }
            // A cycle row's index, and a step's: its own row's second field, or the field after the cycle
            // columns of a cycle row that carries a step.
            let indices = level == 0 ? [0] + (fields.count > cycleColumns ? [cycleColumns] : []) : [1]
            for index in indices {
                guard let value = NumberScanner.integer(buffer, fields[index], decimalComma: false) else {
                    problem = problem ?? text.error(line: lineNumber(text, range), """
                        '\(text.string(fields[index]))' is not a \(index == 0 ? "cycle" : "step") index
                        """)
                    return .end
                }
                if index == 0 { cycle = value } else { step = value }
            }
            return .skip
        }
        if let problem { throw problem }
        reading.columns.cycleIndex = cycles
        reading.columns.stepIndex = steps
        reading.columns.sourceNames["cycleIndex"] = "Cycle Index"
        reading.columns.sourceNames["stepIndex"] = "Step Index"
        var content = ExportContent()
        content.cycling = reading.columns
        content.cyclingColumns = reading.described + [ColumnDescription(name: "Cycle Index", units: nil),
                                                      ColumnDescription(name: "Step Index", units: nil)]
        return content
    }

    /// The number of the line starting at `range` (only for errors, so counted from the start).
    private static func lineNumber(_ text: ExportText, _ range: Range<Int>) -> Int {
        text.lines().first { $0.range.lowerBound == range.lowerBound }?.number ?? 0
    }
}
