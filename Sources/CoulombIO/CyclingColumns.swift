import CoulombCore

/// Cycling columns as read from a file, before validation, with the file's name for each.
///
/// Both readers fill one of these, so validation, clock-restart repair and error wording are the same
/// whatever the layout.
struct CyclingColumns {
    var time_s: [Double] = []
    var voltage_V: [Double] = []
    var current_A: [Double] = []
    var cycleIndex: [Int]?
    var stepIndex: [Int]?
    var temperature_C: [Double]?
    var chargeCapacity_Ah: [Double]?
    var dischargeCapacity_Ah: [Double]?
    /// The model's column name → the file's, so errors name what the user sees in the file.
    var sourceNames: [String: String] = [:]
    /// Where each row sits in the file (`line 63` of a text export), for errors and warnings; without it,
    /// they name the object and the row.
    var rowLocations: ((Int) -> String)?

    /// Validates into ``CyclingData``, repairing clock restarts with a warning each.
    func makeData(file: String, object: String) throws -> (data: CyclingData, warnings: [String]) {
        var time = time_s
        var warnings: [String] = []
        if time.allSatisfy(\.isFinite), let repaired = TimeReset.repair(time), !repaired.resets.isEmpty {
            time = repaired.time_s
            let name = sourceNames["time_s"] ?? "time_s"
            warnings = repaired.resets.map { reset in
                "\(file): \(rowLocations?(reset.row) ?? object): column '\(name)': \(reset)"
            }
        }
        do {
            let data = try CyclingData(
                time_s: time, voltage_V: voltage_V, current_A: current_A, cycleIndex: cycleIndex,
                stepIndex: stepIndex, temperature_C: temperature_C, chargeCapacity_Ah: chargeCapacity_Ah,
                dischargeCapacity_Ah: dischargeCapacity_Ah)
            return (data, warnings)
        } catch {
            if let rowLocations, let row = error.row {
                var error = error
                error.row = nil
                throw error.inFile(file, object: rowLocations(row), columnNames: sourceNames)
            }
            throw error.inFile(file, object: object, columnNames: sourceNames)
        }
    }
}
