import CoulombCore
import HDF5

/// battdat's description of one column (its `ColumnInfo`), written into each table's `metadata`.
struct ColumnSchema {
    var description: String
    var units: String?
    var type: String
    var required = false
    var monotonic = false
    /// Not one of battdat's own columns: described under the schema's `extra_columns`.
    var extra = false

    var json: JSONValue {
        .object(["description": .string(description), "units": units.map(JSONValue.string) ?? .null,
                 "type": .string(type), "required": .bool(required), "monotonic": .bool(monotonic)])
    }
}

/// A column about to be written, with its schema.
struct TableColumn {
    var name: String
    var values: HDF5Values
    var schema: ColumnSchema

    init(_ name: String, _ values: HDF5Values, _ schema: ColumnSchema) {
        self.name = name
        self.values = values
        self.schema = schema
    }
}

/// The `raw_data` columns Coulomb writes, described as battdat describes them.
enum RawColumn {
    static let testTime = ColumnSchema(description: "Time from the beginning of measurements", units: "s",
                                       type: "float", required: true, monotonic: true)
    static let voltage = ColumnSchema(description: "Measured voltage of the system", units: "V", type: "float", required: true)
    static let current = ColumnSchema(
        description: "Measured current of the system. Positive current represents the battery charging.",
        units: "A", type: "float", required: true)
    static let cycle = ColumnSchema(description: "Index of the testing cycle, starting at 0.", units: nil,
                                    type: "integer", monotonic: true)
    static let step = ColumnSchema(description: "Index of the step number within a testing cycle.", units: nil,
                                   type: "integer")
    static let temperature = ColumnSchema(description: "Temperature of the battery", units: "C", type: "float")
    static let chargeCapacity = ColumnSchema(description: "Cycle capacity computed only during the 'charging' phase of a cycle",
                                             units: "A-hr", type: "float")
    static let dischargeCapacity = ColumnSchema(
        description: "Cycle capacity computed only during the 'discharging' phase of a cycle", units: "A-hr", type: "float")
}

/// The `eis_data` columns Coulomb writes.
enum EISColumn {
    static let testID = ColumnSchema(description: "Integer used to identify rows belonging to the same experiment.",
                                     units: nil, type: "integer", required: true)
    static let frequency = ColumnSchema(description: "Applied frequency", units: "Hz", type: "float", required: true)
    static let real = ColumnSchema(description: "Real component of impedance", units: "Ohm", type: "float", required: true)
    static let imaginary = ColumnSchema(description: "Imaginary component of impedance", units: "Ohm", type: "float",
                                        required: true)
    static let magnitude = ColumnSchema(description: "Magnitude of impedance", units: "Ohm", type: "float", required: true)
    static let phase = ColumnSchema(description: "Phase angle of the impedance", units: "Degree", type: "float",
                                    required: true)
    static let time = ColumnSchema(description: "Time from the beginning of measurements.", units: "s", type: "float")
    static let temperature = ColumnSchema(description: "Temperature of the cell during the measurement", units: "C",
                                          type: "float")
    static let potential = ColumnSchema(description: "DC potential at which the spectrum was measured", units: "V",
                                        type: "float")
    static let cycle = ColumnSchema(description: "Cycle after which the spectrum was measured, starting at 0.",
                                    units: nil, type: "integer")
}

/// The `cycle_stats` columns Coulomb writes: battdat's own, then Coulomb's extras.
enum CycleStatsColumn {
    static let cycle = ColumnSchema(description: "Index of the cycle", units: nil, type: "integer", required: true)
    static let start = ColumnSchema(description: "Time since the first data point recorded for this battery for the start of this cycle",
                                    units: "s", type: "float")
    static let duration = ColumnSchema(description: "Duration of this cycle", units: "s", type: "float")
    static let chargeCapacity = ColumnSchema(description: "Total amount of electrons stored during charge", units: "A-hr", type: "float")
    static let dischargeCapacity = ColumnSchema(description: "Total amount of electrons released during discharge",
                                                units: "A-hr", type: "float")
    static let efficiency = ColumnSchema(
        description: "Coulombic efficiency, capacity out over capacity in, under the convention in the metadata (coulomb.cycle_stats); NaN for an incomplete cycle",
        units: "%", type: "float")
    static let chargeEnergy = ColumnSchema(description: "Total amount of energy stored during charge", units: "W-hr", type: "float")
    static let dischargeEnergy = ColumnSchema(description: "Total amount of energy released during discharge", units: "W-hr",
                                              type: "float")
    static let chargeVoltage = ColumnSchema(description: "Average voltage during charge", units: "V", type: "float")
    static let dischargeVoltage = ColumnSchema(description: "Average voltage during discharging", units: "V", type: "float")
    static let maximumVoltage = ColumnSchema(description: "Maximum voltage during cycle", units: "V", type: "float")
    static let minimumVoltage = ColumnSchema(description: "Minimum voltage during cycle", units: "V", type: "float")
    static let complete = ColumnSchema(description: "1 when the cycle has both half-cycles, 0 when it is incomplete", units: nil,
                                       type: "integer", extra: true)
    static let retention = ColumnSchema(description: "Capacity out relative to the first complete cycle's", units: "%",
                                        type: "float", extra: true)
    static let cumulativeIrreversible = ColumnSchema(description: "Running sum of capacity in minus capacity out over complete cycles",
                                                     units: "A-hr", type: "float", extra: true)
}
