import HDF5

/// A one-row DataFrame stored by pandas in its HDF5 "fixed" format (`HDFStore.put(format='fixed')`), as
/// cellpy keeps its cell information: `blockN_items` name the columns of block N and `blockN_values`
/// holds them, numbers as a 1×n array, Python objects as one pickled numpy object array (a PyTables
/// variable-length byte row), read with ``PickleDecoder``.
enum PandasFixedFrame {
    /// The first row of the frame, by column name: numbers as `.float`/`.int`, objects as decoded.
    static func read(_ group: HDF5Group) throws -> [String: PickleValue] {
        let file = group.file.path
        guard group.hasAttribute("nblocks") else {
            throw CoulombIOError(file: file, object: group.path, problem: "not a pandas fixed-format frame (no 'nblocks' attribute)")
        }
        let blocks = Int(try group.numberAttribute("nblocks"))
        var row: [String: PickleValue] = [:]
        for block in 0..<blocks {
            let names = try group.dataset("block\(block)_items").readStrings()
            let values = try group.dataset("block\(block)_values")
            let items: [PickleValue]
            switch values.kind {
            case .float: items = try values.readDoubles().map(PickleValue.float)
            case .integer: items = try values.readIntegers().map(PickleValue.int)
            default:
                guard let bytes = try values.readVariableLengthBytes().first else {
                    throw CoulombIOError(file: file, object: values.path, problem: "an object block without its row")
                }
                do {
                    guard let decoded = try PickleDecoder.decode(bytes).elements else {
                        throw CoulombIOError(file: file, object: values.path, problem: "an object block that is not an array")
                    }
                    items = decoded
                } catch let failure as PickleDecoder.Failure {
                    throw CoulombIOError(file: file, object: values.path, problem: "\(failure)")
                }
            }
            guard items.count >= names.count else {
                throw CoulombIOError(file: file, object: values.path,
                                     problem: "holds \(items.count) values for \(names.count) columns")
            }
            for (name, value) in zip(names, items) { row[name] = value }
        }
        return row
    }
}
