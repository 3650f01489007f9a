import CoulombCore
import HDF5

extension BattdatWriter {
    /// A column of an analysis result: numbers (NaN where missing) or integers, with its unit.
    public struct ResultColumn: Sendable {
        public var name: String
        public var values: HDF5Values
        public var units: String?

        public init(name: String, doubles: [Double], units: String? = nil) {
            (self.name, values, self.units) = (name, .doubles(doubles), units)
        }

        public init(name: String, integers: [Int], units: String? = nil) {
            (self.name, values, self.units) = (name, .integers(integers), units)
        }
    }

    /// Writes an analysis result as one battdat-style table at the root of a new file (pandas reads it
    /// with `pd.read_hdf(path, name)`), with `metadata` — what the numbers mean, and any text the table
    /// cannot hold — under `coulomb.<name>` in the root's metadata attribute.
    public static func writeResultTable(_ name: String, _ columns: [ResultColumn], metadata: JSONValue,
                                        to path: String) throws {
        try mappingErrors {
            let file = try HDF5File.create(path)
            let root = try file.root()
            try markGroup(root, isRoot: true)
            try root.setStringAttribute("metadata", CellMetadata.text(.object([CellMetadata.namespace: .object([name: metadata])])))
            try writeTable(name, columns.map { column in
                let kind: String
                switch column.values {
                case .doubles: kind = "float"
                case .integers: kind = "integer"
                }
                return TableColumn(column.name, column.values,
                                   ColumnSchema(description: column.name, units: column.units, type: kind, extra: true))
            }, in: root, compression: nil)
            try root.setStringAttribute("battdat_version", battdatVersion, fixedLength: true)
            try file.flush()
        }
    }
}
