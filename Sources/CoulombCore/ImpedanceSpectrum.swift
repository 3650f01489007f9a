public import ComplexModule
import RealModule

/// One impedance spectrum: complex impedance at a set of frequencies, with what is known of when and how
/// it was measured.
///
/// Z = Z′ + jZ″ in ohm; a capacitive arc has Z″ < 0 (plotted as −Z″ upward in a Nyquist plot).
/// Construction validates: equal lengths, at least one point, frequencies finite and positive,
/// impedance finite.
public struct ImpedanceSpectrum: Sendable, Equatable {
    public let frequency_Hz: [Double]
    public let impedance_ohm: [Complex<Double>]
    /// The test id that groups this spectrum's rows in a battdat `eis_data` table.
    public var testID: Int?
    /// Test time at which the spectrum was taken.
    public var time_s: Double?
    public var temperature_C: Double?
    /// The cycle after which the spectrum was taken.
    public var cycle: Int?
    /// The DC potential it was measured at.
    public var potential_V: Double?

    public init(
        frequency_Hz: [Double], impedance_ohm: [Complex<Double>], testID: Int? = nil, time_s: Double? = nil,
        temperature_C: Double? = nil, cycle: Int? = nil, potential_V: Double? = nil
    ) throws(DataValidationError) {
        guard !frequency_Hz.isEmpty else {
            throw DataValidationError(column: "frequency_Hz", problem: "the spectrum has no points")
        }
        try ColumnCheck.length("impedance_ohm", impedance_ohm.count, expected: frequency_Hz.count,
                               reference: "frequency_Hz")
        if let row = frequency_Hz.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw DataValidationError(column: "frequency_Hz", row: row,
                                      problem: "frequency \(frequency_Hz[row]) Hz is not a finite positive number")
        }
        if let row = impedance_ohm.firstIndex(where: { !$0.isFinite }) {
            throw DataValidationError(column: "impedance_ohm", row: row,
                                      problem: "impedance \(impedance_ohm[row]) Ω is not finite")
        }
        self.frequency_Hz = frequency_Hz
        self.impedance_ohm = impedance_ohm
        self.testID = testID
        self.time_s = time_s
        self.temperature_C = temperature_C
        self.cycle = cycle
        self.potential_V = potential_V
    }

    /// The number of frequencies.
    public var count: Int { frequency_Hz.count }
}
