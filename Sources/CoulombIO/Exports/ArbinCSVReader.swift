/// Reads Arbin CSV exports (MITS Pro / MitsPro data export): `Test_Time`, `Current`, `Voltage`,
/// `Cycle_Index`, `Step_Index`, `Charge_Capacity`, `Discharge_Capacity`, `Temperature`, with units either
/// in the name (`Test_Time(s)`, `Current(A)`) or implied (s, A, V, Ah).
///
/// Sign: Arbin's current is positive on charge, as in the model (in the example file the voltage rises
/// in every step with positive current).
enum ArbinCSVReader {
    static let schema = CyclingTableReader.Schema(
        time: ["Test_Time", "Test Time"], voltage: ["Voltage"], current: ["Current"],
        cycle: ["Cycle_Index", "Cycle Index"], step: ["Step_Index", "Step Index"],
        temperature: ["Temperature", "Aux_Temperature_1"], chargeCapacity: ["Charge_Capacity", "Charge Capacity"],
        dischargeCapacity: ["Discharge_Capacity", "Discharge Capacity"])

    static func isHeader(_ names: [String]) -> Bool {
        let quantities = Set(names.map { CSVDialect.quantityAndUnit($0).quantity.lowercased() })
        return (quantities.contains("test_time") || quantities.contains("data_point"))
            && (quantities.contains("cycle_index") || quantities.contains("step_index"))
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        try CyclingTableReader.content(of: text, schema: schema)
    }
}
