import _CHDF5

/// Filters applied to a chunked dataset as it is written.
public struct HDF5Compression: Sendable, Equatable {
    /// Byte-shuffle before compressing: groups the bytes of equal significance, which deflates far better
    /// for floating-point columns.
    public var shuffle: Bool
    /// zlib level 1–9.
    public var deflateLevel: Int

    public init(shuffle: Bool = true, deflateLevel: Int = 4) {
        self.shuffle = shuffle
        self.deflateLevel = deflateLevel
    }
}

/// One named column of a table to be written.
public struct HDF5TableColumn: Sendable {
    public var name: String
    public var values: HDF5Values

    public init(name: String, values: HDF5Values) {
        self.name = name
        self.values = values
    }
}

extension HDF5Group {
    /// Writes a 1-D dataset: chunked and extendible (as h5py and PyTables make them), or contiguous.
    ///
    /// `chunkLength` defaults to 128 Ki elements (1 MiB of float64): large enough to amortise per-chunk
    /// costs, small enough to decompress in cache. A contiguous dataset cannot be compressed.
    @discardableResult
    public func createDataset(
        _ name: String, values: HDF5Values, chunkLength: Int? = nil, compression: HDF5Compression? = nil,
        contiguous: Bool = false
    ) throws -> HDF5Dataset {
        let count = values.count
        let (fileType, memoryType) = values.isInteger
            ? (coulomb_H5T_STD_I64LE(), coulomb_H5T_NATIVE_INT64())
            : (coulomb_H5T_IEEE_F64LE(), coulomb_H5T_NATIVE_DOUBLE())
        let dataset: HDF5Dataset
        if contiguous {
            guard compression == nil else { throw failure("a contiguous dataset cannot be compressed") }
            var dims = [hsize_t(count)]
            let space = HDF5Handle.dataspace(H5Screate_simple(1, &dims, nil))
            let path = childPath(name)
            let properties = HDF5Handle.untimedCreation(coulomb_H5P_DATASET_CREATE())
            let id = try HDF5Library.id(file.path, path, "cannot create the dataset") {
                H5Dcreate2(handle.id, name, fileType, space.id, HDF5Library.defaultProperties,
                           properties.id, HDF5Library.defaultProperties)
            }
            dataset = try HDF5Dataset(dataset: file, path: path, handle: .dataset(id))
        } else {
            let chunk = chunkLength ?? min(max(count, 1), 1 << 17)
            dataset = try makeChunked(name, count: count, fileType: fileType, chunk: chunk, compression: compression)
        }
        try values.withUnsafeRawPointer { (pointer) in
            try dataset.write(memoryType: memoryType, from: pointer)
        }
        return dataset
    }

    /// Writes a table: a 1-D chunked dataset of a compound type with one member per column, the layout
    /// PyTables, pandas (`generic_table`) and battdat read. Integer columns are stored as little-endian
    /// int64, the others as float64. All columns must have the same length.
    @discardableResult
    public func createTable(
        _ name: String, columns: [HDF5TableColumn], chunkRows: Int? = nil, compression: HDF5Compression? = nil
    ) throws -> HDF5Dataset {
        let path = childPath(name)
        guard let rows = columns.first?.values.count else {
            throw HDF5Error(file: file.path, object: path, reason: "a table needs at least one column")
        }
        if let odd = columns.first(where: { $0.values.count != rows }) {
            throw HDF5Error(file: file.path, object: path,
                            reason: "column '\(odd.name)' has \(odd.values.count) rows, expected \(rows)")
        }
        let width = columns.count * 8
        let fileType = HDF5Handle.datatype(H5Tcreate(H5T_COMPOUND, width))
        let memoryType = HDF5Handle.datatype(H5Tcreate(H5T_COMPOUND, width))
        for (index, column) in columns.enumerated() {
            let integer = column.values.isInteger
            try HDF5Library.status(file.path, path, "cannot describe column '\(column.name)'") {
                H5Tinsert(fileType.id, column.name, index * 8, integer ? coulomb_H5T_STD_I64LE() : coulomb_H5T_IEEE_F64LE())
            }
            H5Tinsert(memoryType.id, column.name, index * 8, integer ? coulomb_H5T_NATIVE_INT64() : coulomb_H5T_NATIVE_DOUBLE())
        }
        // Interleave the columns into rows: every member is 8 bytes, so a row is `columns.count` words.
        var rowsBuffer = [UInt64](repeating: 0, count: rows * columns.count)
        rowsBuffer.withUnsafeMutableBufferPointer { out in
            for (index, column) in columns.enumerated() {
                switch column.values {
                case .doubles(let values):
                    for row in 0..<rows { out[row * columns.count + index] = values[row].bitPattern }
                case .integers(let values):
                    for row in 0..<rows { out[row * columns.count + index] = UInt64(bitPattern: Int64(values[row])) }
                }
            }
        }
        let chunk = chunkRows ?? min(max(rows, 1), max(1, (512 << 10) / width))
        let dataset = try makeChunked(name, count: rows, fileType: fileType.id, chunk: chunk, compression: compression)
        try rowsBuffer.withUnsafeBytes { (bytes) in
            try dataset.write(memoryType: memoryType.id, from: bytes.baseAddress)
        }
        return dataset
    }

    private func makeChunked(
        _ name: String, count: Int, fileType: hid_t, chunk: Int, compression: HDF5Compression?
    ) throws -> HDF5Dataset {
        let path = childPath(name)
        var dims = [hsize_t(count)]
        var maxDims = [coulomb_H5S_UNLIMITED()]
        let space = HDF5Handle.dataspace(H5Screate_simple(1, &dims, &maxDims))
        let properties = HDF5Handle.untimedCreation(coulomb_H5P_DATASET_CREATE())
        var chunkDims = [hsize_t(max(chunk, 1))]
        try HDF5Library.status(file.path, path, "cannot set the chunk size") { H5Pset_chunk(properties.id, 1, &chunkDims) }
        if let compression {
            if compression.shuffle {
                try HDF5Library.status(file.path, path, "cannot add the shuffle filter") { H5Pset_shuffle(properties.id) }
            }
            try HDF5Library.status(file.path, path, "cannot add the deflate filter") {
                H5Pset_deflate(properties.id, UInt32(min(max(compression.deflateLevel, 1), 9)))
            }
        }
        let id = try HDF5Library.id(file.path, path, "cannot create the dataset") {
            H5Dcreate2(handle.id, name, fileType, space.id, HDF5Library.defaultProperties, properties.id,
                       HDF5Library.defaultProperties)
        }
        return try HDF5Dataset(dataset: file, path: path, handle: .dataset(id))
    }
}

extension HDF5Dataset {
    func write(memoryType: hid_t, from pointer: UnsafeRawPointer?) throws {
        guard count > 0 else { return }
        try HDF5Library.status(file.path, path, "cannot write the data") {
            H5Dwrite(handle.id, memoryType, coulomb_H5S_ALL(), coulomb_H5S_ALL(), HDF5Library.defaultProperties, pointer)
        }
    }
}

extension HDF5Values {
    var isInteger: Bool {
        if case .integers = self { return true }
        return false
    }

    func withUnsafeRawPointer<R>(_ body: (UnsafeRawPointer?) throws -> R) throws -> R {
        switch self {
        case .doubles(let values): return try values.withUnsafeBytes { (b) in try body(b.baseAddress) }
        case .integers(let values): return try values.withUnsafeBytes { (b) in try body(b.baseAddress) }
        }
    }
}
