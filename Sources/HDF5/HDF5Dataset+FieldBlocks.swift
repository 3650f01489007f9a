import _CHDF5

extension HDF5Dataset {
    /// Reads one member of a compound dataset whose rows hold several values (an array member), as a
    /// row-major block: `values[row * width + column]`.
    ///
    /// pandas' "table" format stores the columns of one dtype this way; a scalar member reads as width 1.
    public func readFieldBlock(_ name: String, asInteger: Bool) throws -> (width: Int, values: HDF5Values) {
        guard isTable else { throw failure("expected a table (compound dataset), found a plain dataset") }
        guard let field = fields.first(where: { $0.name == name }) else {
            throw failure("the table has no member '\(name)' (members: \(fields.map(\.name).joined(separator: ", ")))")
        }
        guard field.kind.isNumeric else {
            throw failure("member '\(name)' holds \(field.kind.rawValue) values, expected numbers")
        }
        let rows = try vectorLength()
        let element = asInteger ? coulomb_H5T_NATIVE_INT64() : coulomb_H5T_NATIVE_DOUBLE()
        var dims = [hsize_t(field.width)]
        let array = HDF5Handle.datatype(!field.isArray ? H5Tcopy(element) : H5Tarray_create2(element, 1, &dims))
        let memory = HDF5Handle.datatype(H5Tcreate(H5T_COMPOUND, field.width * 8))
        H5Tinsert(memory.id, name, 0, array.id)
        let count = rows * field.width
        let read = { (pointer: UnsafeMutableRawPointer) throws in
            guard count > 0 else { return }
            try HDF5Library.status(self.file.path, self.path, "cannot read member '\(name)' (truncated or damaged file?)") {
                H5Dread(self.handle.id, memory.id, coulomb_H5S_ALL(), coulomb_H5S_ALL(), HDF5Library.defaultProperties, pointer)
            }
        }
        if asInteger { return (field.width, .integers(try HDF5Buffer.array(count: count, fill: read))) }
        return (field.width, .doubles(try HDF5Buffer.array(count: count, fill: read)))
    }
}
