import _CHDF5

/// Owns one libhdf5 identifier and closes it exactly once, when the last reference goes.
final class HDF5Handle {
    let id: hid_t
    private let close: (hid_t) -> herr_t

    init(_ id: hid_t, close: @escaping (hid_t) -> herr_t) {
        self.id = id
        self.close = close
    }

    deinit {
        HDF5Library.silence()
        _ = close(id)
    }

    static func file(_ id: hid_t) -> HDF5Handle { HDF5Handle(id) { H5Fclose($0) } }
    static func group(_ id: hid_t) -> HDF5Handle { HDF5Handle(id) { H5Gclose($0) } }
    static func dataset(_ id: hid_t) -> HDF5Handle { HDF5Handle(id) { H5Dclose($0) } }
    static func attribute(_ id: hid_t) -> HDF5Handle { HDF5Handle(id) { H5Aclose($0) } }
    static func datatype(_ id: hid_t) -> HDF5Handle { HDF5Handle(id) { H5Tclose($0) } }
    static func dataspace(_ id: hid_t) -> HDF5Handle { HDF5Handle(id) { H5Sclose($0) } }
    static func propertyList(_ id: hid_t) -> HDF5Handle { HDF5Handle(id) { H5Pclose($0) } }

    /// A creation property list of `kind` (file, group or dataset) that records no access, modification,
    /// change or birth times in the objects' headers: a file written twice from the same values is the same
    /// bytes, so a resumed or re-run batch can be compared with `cmp`.
    static func untimedCreation(_ kind: hid_t) -> HDF5Handle {
        let properties = propertyList(H5Pcreate(kind))
        H5Pset_obj_track_times(properties.id, false)
        return properties
    }
}
