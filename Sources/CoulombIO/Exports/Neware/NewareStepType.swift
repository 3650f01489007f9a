/// Neware's step types, as the status code its binary files write for each record.
///
/// The names are BTSDA's (`CC_Chg`, `CCCV_DChg`, …). Codes Neware adds later keep their number
/// (`unknown (31)`), so a file of a newer software version still reads; the step type is reported,
/// not used to decide the sign of the current (the current carries its own sign).
enum NewareStepType {
    static let names: [UInt8: String] = [
        1: "CC_Chg", 2: "CC_DChg", 3: "CV_Chg", 4: "Rest", 5: "Cycle", 7: "CCCV_Chg", 8: "CP_DChg",
        9: "CP_Chg", 10: "CR_DChg", 13: "Pause", 16: "Pulse", 17: "SIM", 19: "CV_DChg", 20: "CCCV_DChg",
        21: "Control", 22: "OCV", 26: "CPCV_DChg", 27: "CPCV_Chg",
    ]

    static func name(_ code: UInt8) -> String { names[code] ?? "unknown (\(code))" }
}
