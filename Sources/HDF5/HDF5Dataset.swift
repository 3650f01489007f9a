import _CHDF5

/// A dataset: an n-dimensional array of one type, possibly a compound (table) type.
public final class HDF5Dataset: HDF5Node {
    /// The extent in each dimension.
    public let shape: [Int]
    /// The kind of each element; `.other` for compound tables (see ``fields``).
    public let kind: HDF5ScalarKind
    /// For a compound dataset, its members in file order; empty otherwise.
    public let fields: [HDF5Field]

    init(dataset file: HDF5File, path: String, handle: HDF5Handle) throws {
        let space = HDF5Handle.dataspace(try HDF5Library.id(file.path, path, "cannot read the dataset's shape") {
            H5Dget_space(handle.id)
        })
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        var dims = [hsize_t](repeating: 0, count: max(rank, 0))
        if rank > 0 { H5Sget_simple_extent_dims(space.id, &dims, nil) }
        shape = dims.map { Int($0) }
        let type = HDF5Handle.datatype(try HDF5Library.id(file.path, path, "cannot read the dataset's type") {
            H5Dget_type(handle.id)
        })
        kind = HDF5ScalarKind(typeID: type.id)
        var fields: [HDF5Field] = []
        if H5Tget_class(type.id) == H5T_COMPOUND {
            for index in 0..<max(H5Tget_nmembers(type.id), 0) {
                guard let cName = H5Tget_member_name(type.id, UInt32(index)) else { continue }
                let name = String(cString: cName)
                H5free_memory(cName)
                let memberType = HDF5Handle.datatype(H5Tget_member_type(type.id, UInt32(index)))
                fields.append(HDF5Field(name: name, memberType: memberType.id))
            }
        }
        self.fields = fields
        super.init(file: file, path: path, handle: handle)
    }

    /// Whether the dataset is a compound table (one row per element).
    public var isTable: Bool { !fields.isEmpty }

    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }

    /// The length of a 1-D dataset, also accepting an `n×1` or `1×n` matrix as MATLAB writes vectors.
    public func vectorLength() throws -> Int {
        if shape.count == 1 { return shape[0] }
        if shape.count == 2, shape.contains(1) { return count }
        throw failure("expected a 1-D dataset, found shape \(shape)")
    }

    /// Reads a 1-D numeric dataset of any integer or float type as `Double`s.
    public func readDoubles() throws -> [Double] {
        try readNumbers(memoryType: coulomb_H5T_NATIVE_DOUBLE())
    }

    /// Reads a 1-D numeric dataset as `Int`s; floats must hold whole numbers.
    public func readIntegers() throws -> [Int] {
        if kind == .float {
            let values = try readDoubles()
            return try values.enumerated().map { (index, value) in
                guard let whole = Int(exactly: value) else {
                    throw failure("row \(index) holds \(value), expected a whole number")
                }
                return whole
            }
        }
        return try readNumbers(memoryType: coulomb_H5T_NATIVE_INT64())
    }

    /// Reads a 1-D numeric dataset into a caller-owned buffer, resized as needed; reusing the buffer
    /// across reads avoids paying page faults again.
    public func read(into buffer: inout [Double]) throws {
        let length = try numericLength()
        if buffer.count != length { buffer = [Double](repeating: 0, count: length) }
        try buffer.withUnsafeMutableBytes { (bytes) in
            try read(memoryType: coulomb_H5T_NATIVE_DOUBLE(), into: bytes.baseAddress)
        }
    }

    /// Reads named fields of a compound (table) dataset into columns, one pass over the file.
    ///
    /// Each request names a field and whether it is wanted as integers; libhdf5 matches the members by
    /// name and converts their types. A missing field or a non-numeric one is an error naming it.
    public func readFields(_ requests: [(name: String, asInteger: Bool)]) throws -> [HDF5Values] {
        guard isTable else { throw failure("expected a table (compound dataset), found a plain dataset") }
        let rows = try vectorLength()
        for request in requests {
            guard let field = fields.first(where: { $0.name == request.name }) else {
                throw failure("the table has no column '\(request.name)' (columns: \(fields.map(\.name).joined(separator: ", ")))")
            }
            guard field.kind.isNumeric else {
                throw failure("column '\(request.name)' holds \(field.kind.rawValue) values, expected numbers")
            }
            guard !field.isArray else {
                throw failure("column '\(request.name)' holds \(field.width) values per row, expected one")
            }
        }
        guard !requests.isEmpty else { return [] }
        let width = requests.count * 8
        let memory = HDF5Handle.datatype(H5Tcreate(H5T_COMPOUND, width))
        for (index, request) in requests.enumerated() {
            let type = request.asInteger ? coulomb_H5T_NATIVE_INT64() : coulomb_H5T_NATIVE_DOUBLE()
            H5Tinsert(memory.id, request.name, index * 8, type)
        }
        if requests.count == 1 {
            let request = requests[0]
            if request.asInteger {
                return [.integers(try HDF5Buffer.array(count: rows) { (p) in try rawRead(memoryType: memory.id, into: p) })]
            }
            return [.doubles(try HDF5Buffer.array(count: rows) { (p) in try rawRead(memoryType: memory.id, into: p) })]
        }
        let interleaved: [UInt64] = try HDF5Buffer.array(count: rows * requests.count) { (p) in
            try rawRead(memoryType: memory.id, into: p)
        }
        let stride = requests.count
        return interleaved.withUnsafeBytes { raw in
            requests.enumerated().map { column, request in
                if request.asInteger {
                    let values = raw.bindMemory(to: Int.self)
                    return .integers([Int](unsafeUninitializedCapacity: rows) { out, n in
                        for row in 0..<rows { out[row] = values[row * stride + column] }
                        n = rows
                    })
                }
                let values = raw.bindMemory(to: Double.self)
                return .doubles([Double](unsafeUninitializedCapacity: rows) { out, n in
                    for row in 0..<rows { out[row] = values[row * stride + column] }
                    n = rows
                })
            }
        }
    }

    private func numericLength() throws -> Int {
        guard kind.isNumeric else {
            let found = isTable ? "a table (compound dataset)" : "\(kind.rawValue) values"
            throw failure("expected numbers, found \(found)")
        }
        return try vectorLength()
    }

    private func readNumbers<Element: BitwiseCopyable>(memoryType: hid_t) throws -> [Element] {
        let length = try numericLength()
        return try HDF5Buffer.array(count: length) { (pointer) in
            try read(memoryType: memoryType, into: pointer)
        }
    }

    /// The whole dataset into `pointer`: directly when the bytes on disk are the values wanted, else by `H5Dread`.
    private func read(memoryType: hid_t, into pointer: UnsafeMutableRawPointer?) throws {
        if let pointer, try directRead(memoryType: memoryType, into: pointer) { return }
        try rawRead(memoryType: memoryType, into: pointer)
    }

    private func rawRead(memoryType: hid_t, into pointer: UnsafeMutableRawPointer?) throws {
        guard count > 0 else { return }
        try HDF5Library.status(file.path, path, "cannot read the data (truncated or damaged file?)") {
            H5Dread(handle.id, memoryType, coulomb_H5S_ALL(), coulomb_H5S_ALL(), HDF5Library.defaultProperties, pointer)
        }
    }
}
