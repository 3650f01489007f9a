/// The record sheet of a LAND (Wuhan LAND / Landt Instruments, LANDdt or LANHE software) Excel export:
/// `Record`, `Cycle-Index` (or `Cycle`), `Step-Index` (or `Step`), `TestTime/Sec`, `StepTime/Sec`,
/// `Current/mA`, `Capacity/mAh`, `Voltage/V`, … with the unit after a slash.
///
/// Sign: LAND writes discharge currents negative, as in the model. Its single `Capacity` counter (charge
/// and discharge alike) is not read: Coulomb integrates the current.
enum LandSheetReader {
    static let schema = CyclingTableReader.Schema(
        time: ["TestTime", "Test Time"], voltage: ["Voltage"], current: ["Current"],
        cycle: ["Cycle-Index", "Cycle"], step: ["Step-Index", "Step"])

    static func isHeader(_ names: [String]) -> Bool {
        let quantities = Set(names.map { CSVDialect.quantityAndUnit($0).quantity })
        return quantities.isSuperset(of: ["TestTime", "Current", "Voltage"])
            && (quantities.contains("Record") || quantities.contains("Cycle-Index") || quantities.contains("Step-Index"))
    }
}
