import _CHDF5

extension HDF5Dataset {
    /// Reads a dataset of variable-length byte sequences (PyTables stores a pickled Python object this way,
    /// one sequence per row), in storage order.
    public func readVariableLengthBytes() throws -> [[UInt8]] {
        let type = HDF5Handle.datatype(H5Dget_type(handle.id))
        guard H5Tget_class(type.id) == H5T_VLEN else { throw failure("expected variable-length sequences") }
        let base = HDF5Handle.datatype(H5Tget_super(type.id))
        guard H5Tget_class(base.id) == H5T_INTEGER, H5Tget_size(base.id) == 1 else {
            throw failure("expected variable-length sequences of bytes")
        }
        let memory = HDF5Handle.datatype(H5Tvlen_create(coulomb_H5T_NATIVE_UINT8()))
        guard count > 0 else { return [] }
        var sequences = [hvl_t](repeating: hvl_t(len: 0, p: nil), count: count)
        try HDF5Library.status(file.path, path, "cannot read the sequences (truncated or damaged file?)") {
            H5Dread(handle.id, memory.id, coulomb_H5S_ALL(), coulomb_H5S_ALL(), HDF5Library.defaultProperties, &sequences)
        }
        let space = HDF5Handle.dataspace(H5Dget_space(handle.id))
        defer { _ = coulomb_vlen_reclaim(memory.id, space.id, &sequences) }
        return sequences.map { sequence in
            guard let pointer = sequence.p, sequence.len > 0 else { return [] }
            return Array(UnsafeRawBufferPointer(start: pointer, count: sequence.len))
        }
    }
}
