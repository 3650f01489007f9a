/// The dataset names the hand-written HDF5 layout accepts for each quantity, with the factor that turns
/// the stored unit into the model's unit.
enum ColumnAliases {
    struct Alias {
        var name: String
        var scale: Double
        var units: String
    }

    static let time = [Alias(name: "time_s", scale: 1, units: "s"), Alias(name: "test_time", scale: 1, units: "s"),
                       Alias(name: "time", scale: 1, units: "s")]
    static let voltage = [Alias(name: "voltage_V", scale: 1, units: "V"), Alias(name: "voltage", scale: 1, units: "V")]
    static let current = [Alias(name: "current_A", scale: 1, units: "A"), Alias(name: "current", scale: 1, units: "A"),
                          Alias(name: "current_mA", scale: 1e-3, units: "mA")]
    static let cycle = [Alias(name: "cycle_index", scale: 1, units: ""), Alias(name: "cycle_number", scale: 1, units: ""),
                        Alias(name: "cycle", scale: 1, units: "")]
    static let step = [Alias(name: "step_index", scale: 1, units: ""), Alias(name: "step", scale: 1, units: "")]
    static let temperature = [Alias(name: "temperature_C", scale: 1, units: "C"),
                              Alias(name: "temperature", scale: 1, units: "C")]
    static let chargeCapacity = [Alias(name: "charge_capacity_Ah", scale: 1, units: "Ah")]
    static let dischargeCapacity = [Alias(name: "discharge_capacity_Ah", scale: 1, units: "Ah")]

    static let frequency = [Alias(name: "frequency_Hz", scale: 1, units: "Hz"),
                            Alias(name: "frequency", scale: 1, units: "Hz")]
    static let zReal = [Alias(name: "z_real_ohm", scale: 1, units: "ohm"), Alias(name: "z_real", scale: 1, units: "ohm")]
    static let zImag = [Alias(name: "z_imag_ohm", scale: 1, units: "ohm"), Alias(name: "z_imag", scale: 1, units: "ohm")]

    /// The first alias present among `names`.
    static func find(_ aliases: [Alias], in names: Set<String>) -> Alias? {
        aliases.first { names.contains($0.name) }
    }

    static func spelled(_ aliases: [Alias]) -> String {
        aliases.map(\.name).joined(separator: "|")
    }
}
