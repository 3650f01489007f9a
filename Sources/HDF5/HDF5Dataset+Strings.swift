import _CHDF5

extension HDF5Dataset {
    /// Reads a string dataset of any shape, in storage order: fixed-length strings lose their padding,
    /// variable-length ones are read whole. Bytes that are not valid UTF-8 are an error.
    public func readStrings() throws -> [String] {
        guard kind == .string else { throw failure("expected strings, found \(isTable ? "a table" : kind.rawValue + " values")") }
        let type = HDF5Handle.datatype(H5Dget_type(handle.id))
        let memory = HDF5Handle.datatype(H5Tcopy(coulomb_H5T_C_S1()))
        H5Tset_cset(memory.id, H5Tget_cset(type.id))
        guard count > 0 else { return [] }
        if H5Tis_variable_str(type.id) > 0 {
            H5Tset_size(memory.id, coulomb_H5T_VARIABLE())
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            try HDF5Library.status(file.path, path, "cannot read the strings") {
                H5Dread(handle.id, memory.id, coulomb_H5S_ALL(), coulomb_H5S_ALL(), HDF5Library.defaultProperties, &pointers)
            }
            let space = HDF5Handle.dataspace(H5Dget_space(handle.id))
            defer { _ = coulomb_vlen_reclaim(memory.id, space.id, &pointers) }
            return try pointers.enumerated().map { index, pointer in
                guard let pointer else { return "" }
                let bytes = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
                return try decodeUTF8(Array(bytes), what: "string \(index)")
            }
        }
        let size = H5Tget_size(type.id)
        let padding = H5Tget_strpad(type.id)
        H5Tset_size(memory.id, size)
        H5Tset_strpad(memory.id, padding)
        var raw = [UInt8](repeating: 0, count: size * count)
        try HDF5Library.status(file.path, path, "cannot read the strings") {
            H5Dread(handle.id, memory.id, coulomb_H5S_ALL(), coulomb_H5S_ALL(), HDF5Library.defaultProperties, &raw)
        }
        return try (0..<count).map { index in
            try decodeUTF8(Array(Self.unpadded(raw[(index * size)..<((index + 1) * size)], padding)), what: "string \(index)")
        }
    }
}
