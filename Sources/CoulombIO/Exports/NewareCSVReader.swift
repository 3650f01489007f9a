/// Reads Neware (BTSDA) CSV exports with one row per record: `Cycle Index`, `Step Index`, `Step Type`,
/// `Total Time` or `Cumulative Time` (h:mm:ss, hours past 24 allowed), `Current(A)`, `Voltage(V)`,
/// `Chg. Cap.(Ah)`, `DChg. Cap.(Ah)`. Auxiliary temperatures (`T1(℃)`, often written `T1(?)` when the
/// exporter loses the degree sign) are not read.
///
/// Sign: Neware writes discharge currents negative (`CC DChg` rows), as in the model. The nested
/// "regular" export (cycle, step and record tables in one file) goes to ``NewareNestedCSVReader``.
enum NewareCSVReader {
    static let schema = CyclingTableReader.Schema(
        time: ["Total Time", "Cumulative Time"], voltage: ["Voltage"], current: ["Current"],
        cycle: ["Cycle Index", "Cycle ID"], step: ["Step Index", "Step ID"],
        chargeCapacity: ["Chg. Cap."], dischargeCapacity: ["DChg. Cap."], timeIsDuration: true)

    static func isHeader(_ names: [String]) -> Bool {
        let quantities = Set(names.map { CSVDialect.quantityAndUnit($0).quantity })
        return quantities.contains("Step Type") && quantities.contains("Current") && quantities.contains("Voltage")
            && (quantities.contains("Cumulative Time") || quantities.contains("Total Time"))
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        if NewareNestedCSVReader.recognises(text) { return try NewareNestedCSVReader.read(text) }
        return try CyclingTableReader.content(of: text, schema: schema)
    }
}
