/// Reads PEC cycler CSV exports (cellpy's `pec_csv`): `Name:,value` settings lines (`Request Year:`,
/// `Test:`, `Start Time:`, …), a `#RESULTS CHECK` … `#END RESULTS CHECK` block, then the column names
/// (`Test`, `Cell`, `Rack`, …, `Step`, `Cycle`, `Total Time (Seconds)`, `Voltage (mV)`, `Current (mA)`,
/// `Charge Capacity (mAh)`, `Discharge Capacity (mAh)`, …) and one row per record.
///
/// - Units come from the names: time in `(Seconds)`, `(Minutes)`, `(Decimal Hours)` or
///   `(Hours in hh:mm:ss.xxx)`; voltage, current and capacity with their prefix (mV, mA, mAh).
/// - Sign: PEC writes discharge currents negative (the voltage falls under them), as in the model.
/// - `Cycle` is kept as written (PEC counts from 0, as battdat does; cellpy adds 1).
/// - The temperatures (`Ambient temperature (°C)`, `Cell surface temperature (°C)`) are blank in most rows
///   and are not read.
enum PECCSVReader {
    static let schema = CyclingTableReader.Schema(
        time: ["Total Time"], voltage: ["Voltage"], current: ["Current"], cycle: ["Cycle"], step: ["Step"],
        chargeCapacity: ["Charge Capacity"], dischargeCapacity: ["Discharge Capacity"])

    /// The column names line among the first 100 lines (the settings block's length varies).
    static func header(in text: ExportText) -> ExportText.Line? {
        text.firstLines(100).first { line in
            let quantities = Set(text.fields(line, delimiter: 0x2C).map { CSVDialect.quantityAndUnit($0).quantity })
            return quantities.isSuperset(of: ["Test", "Cell", "Rack", "Step", "Cycle", "Total Time", "Voltage", "Current"])
        }
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        guard let header = header(in: text) else {
            throw CoulombIOError(file: text.file, problem: """
                no PEC column names line ('Test,Cell,Rack,…,Step,Cycle,Total Time (Seconds),…') in the first 100 lines
                """)
        }
        let table = DelimitedTable(text: text, header: header, delimiter: 0x2C)
        var schema = schema
        schema.timeIsDuration = table.columns.contains { $0.hasPrefix("Total Time") && $0.hasSuffix("(Hours in hh:mm:ss.xxx)") }
        return try CyclingTableReader.read(table, schema: schema).content
    }
}
