import _CHDF5

extension HDF5Node {
    /// The names of the object's attributes, in creation order as libhdf5 reports them.
    public func attributeNames() throws -> [String] {
        final class Names { var list: [String] = [] }
        let names = Names()
        let box = Unmanaged.passRetained(names)
        defer { box.release() }
        var index: hsize_t = 0
        try HDF5Library.status(file.path, path, "cannot list the attributes") {
            H5Aiterate2(handle.id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, data in
                guard let name, let data else { return -1 }
                Unmanaged<Names>.fromOpaque(data).takeUnretainedValue().list.append(String(cString: name))
                return 0
            }, box.toOpaque())
        }
        return names.list
    }

    /// Whether the object has an attribute with this name.
    public func hasAttribute(_ name: String) -> Bool {
        HDF5Library.silence()
        let exists = H5Aexists(handle.id, name) > 0
        _ = HDF5Library.takeErrorStack()
        return exists
    }

    /// Reads a string attribute, fixed- or variable-length, ASCII or UTF-8.
    ///
    /// A scalar or a one-element array is accepted. Fixed-length strings lose their padding (NUL or
    /// space, as the type declares). Bytes that are not valid UTF-8 are an error, not replaced.
    public func stringAttribute(_ name: String) throws -> String {
        try decodeUTF8(try stringAttributeBytes(name), what: "attribute '\(name)'")
    }

    /// The bytes of a string attribute, fixed- or variable-length, without decoding them (PyTables keeps
    /// pickles in string attributes).
    public func stringAttributeBytes(_ name: String) throws -> [UInt8] {
        let where_ = "attribute '\(name)'"
        let (attribute, type, space) = try singleValueAttribute(name, kind: .string)
        let cset = H5Tget_cset(type.id)
        let memory = HDF5Handle.datatype(H5Tcopy(coulomb_H5T_C_S1()))
        H5Tset_cset(memory.id, cset)
        let bytes: [UInt8]
        if H5Tis_variable_str(type.id) > 0 {
            H5Tset_size(memory.id, coulomb_H5T_VARIABLE())
            var pointer: UnsafeMutablePointer<CChar>? = nil
            try HDF5Library.status(file.path, path, "cannot read \(where_)") {
                H5Aread(attribute.id, memory.id, &pointer)
            }
            defer { _ = coulomb_vlen_reclaim(memory.id, space.id, &pointer) }
            guard let pointer else { return [] }
            bytes = Array(UnsafeBufferPointer(start: pointer, count: strlen(pointer))).map { UInt8(bitPattern: $0) }
        } else {
            let size = H5Tget_size(type.id)
            let padding = H5Tget_strpad(type.id)
            H5Tset_size(memory.id, size)
            H5Tset_strpad(memory.id, padding)
            var raw = [UInt8](repeating: 0, count: max(size, 1))
            try HDF5Library.status(file.path, path, "cannot read \(where_)") { H5Aread(attribute.id, memory.id, &raw) }
            bytes = Array(Self.unpadded(raw[...], padding))
        }
        return bytes
    }

    /// Reads a numeric attribute holding one value (scalar or one-element array) as a `Double`.
    public func numberAttribute(_ name: String) throws -> Double {
        let (attribute, _, _) = try singleValueAttribute(name, kind: .float)
        var value = 0.0
        try HDF5Library.status(file.path, path, "cannot read attribute '\(name)'") {
            H5Aread(attribute.id, coulomb_H5T_NATIVE_DOUBLE(), &value)
        }
        return value
    }

    /// Opens an attribute that must hold one value (scalar or one-element array) of a kind: `.string`, or
    /// `.float` for any number.
    private func singleValueAttribute(
        _ name: String, kind: HDF5ScalarKind
    ) throws -> (attribute: HDF5Handle, type: HDF5Handle, space: HDF5Handle) {
        let where_ = "attribute '\(name)'"
        let attribute = HDF5Handle.attribute(try HDF5Library.id(file.path, path, "no \(where_)") {
            H5Aopen(handle.id, name, HDF5Library.defaultProperties)
        })
        let type = HDF5Handle.datatype(try HDF5Library.id(file.path, path, "cannot read the type of \(where_)") {
            H5Aget_type(attribute.id)
        })
        let found = HDF5ScalarKind(typeID: type.id)
        guard kind == .string ? found == .string : found.isNumeric else {
            throw failure("\(where_) is not \(kind == .string ? "a string" : "a number")")
        }
        let space = HDF5Handle.dataspace(try HDF5Library.id(file.path, path, "cannot read \(where_)") {
            H5Aget_space(attribute.id)
        })
        let values = H5Sget_simple_extent_npoints(space.id)
        guard values == 1 else { throw failure("\(where_) holds \(values) values, expected one") }
        return (attribute, type, space)
    }

    /// Writes (or replaces) a scalar string attribute.
    ///
    /// Variable-length UTF-8 is what h5py writes by default; `fixedLength` gives the NUL-terminated ASCII
    /// strings PyTables writes for its own bookkeeping attributes (`CLASS`, `VERSION`, …).
    public func setStringAttribute(_ name: String, _ value: String, fixedLength: Bool = false) throws {
        let type = HDF5Handle.datatype(H5Tcopy(coulomb_H5T_C_S1()))
        var utf8 = Array(value.utf8)
        if fixedLength {
            H5Tset_size(type.id, max(utf8.count, 1))
            H5Tset_strpad(type.id, H5T_STR_NULLPAD)
            H5Tset_cset(type.id, H5T_CSET_ASCII)
            if utf8.isEmpty { utf8 = [0] }
        } else {
            H5Tset_size(type.id, coulomb_H5T_VARIABLE())
            H5Tset_cset(type.id, H5T_CSET_UTF8)
        }
        try writeScalarAttribute(name, type: type) { attribute in
            if fixedLength {
                try HDF5Library.status(file.path, path, "cannot write attribute '\(name)'") {
                    H5Awrite(attribute, type.id, utf8)
                }
            } else {
                utf8.append(0)
                try utf8.withUnsafeBufferPointer { (bytes) in
                    var pointer: UnsafePointer<UInt8>? = bytes.baseAddress
                    try HDF5Library.status(file.path, path, "cannot write attribute '\(name)'") {
                        H5Awrite(attribute, type.id, &pointer)
                    }
                }
            }
        }
    }

    /// Writes (or replaces) a scalar 64-bit integer attribute.
    public func setIntegerAttribute(_ name: String, _ value: Int64) throws {
        let type = HDF5Handle.datatype(H5Tcopy(coulomb_H5T_STD_I64LE()))
        var value = value
        try writeScalarAttribute(name, type: type) { attribute in
            try HDF5Library.status(file.path, path, "cannot write attribute '\(name)'") {
                H5Awrite(attribute, coulomb_H5T_NATIVE_INT64(), &value)
            }
        }
    }

    private func writeScalarAttribute(
        _ name: String, type: HDF5Handle, write: (hid_t) throws -> Void
    ) throws {
        if hasAttribute(name) {
            try HDF5Library.status(file.path, path, "cannot replace attribute '\(name)'") {
                H5Adelete(handle.id, name)
            }
        }
        let space = HDF5Handle.dataspace(H5Screate(H5S_SCALAR))
        let attribute = HDF5Handle.attribute(try HDF5Library.id(file.path, path, "cannot create attribute '\(name)'") {
            H5Acreate2(handle.id, name, type.id, space.id, HDF5Library.defaultProperties, HDF5Library.defaultProperties)
        })
        try write(attribute.id)
    }
}
