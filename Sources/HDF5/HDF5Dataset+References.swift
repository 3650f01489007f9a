import _CHDF5

/// An object reference read from a dataset (MATLAB v7.3 keeps every struct field and cell this way).
public struct HDF5ObjectReference: Sendable, Hashable {
    let raw: hobj_ref_t
}

/// The object a reference points to.
public enum HDF5Object {
    case group(HDF5Group)
    case dataset(HDF5Dataset)

    public var path: String {
        switch self {
        case .group(let group): group.path
        case .dataset(let dataset): dataset.path
        }
    }
}

extension HDF5Dataset {
    /// Reads a dataset of object references, in storage order.
    public func readObjectReferences() throws -> [HDF5ObjectReference] {
        guard kind == .reference else { throw failure("expected object references, found \(kind.rawValue) values") }
        guard count > 0 else { return [] }
        var raw = [hobj_ref_t](repeating: 0, count: count)
        try HDF5Library.status(file.path, path, "cannot read the references") {
            H5Dread(handle.id, coulomb_H5T_STD_REF_OBJ(), coulomb_H5S_ALL(), coulomb_H5S_ALL(), HDF5Library.defaultProperties, &raw)
        }
        return raw.map(HDF5ObjectReference.init)
    }
}

extension HDF5File {
    /// Opens the group or dataset a reference points to; `from` names the dataset that held it, for errors.
    public func object(_ reference: HDF5ObjectReference, from: String) throws -> HDF5Object {
        var raw = reference.raw
        let id = try HDF5Library.id(path, from, "holds a reference that cannot be followed") {
            coulomb_dereference_object(handle.id, &raw)
        }
        let size = H5Iget_name(id, nil, 0)
        var name = [CChar](repeating: 0, count: max(Int(size) + 1, 1))
        if size > 0 { H5Iget_name(id, &name, size + 1) }
        let target = size > 0 ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : from + "→?"
        switch H5Iget_type(id) {
        case H5I_GROUP: return .group(HDF5Group(file: self, path: target, handle: .group(id)))
        case H5I_DATASET: return .dataset(try HDF5Dataset(dataset: self, path: target, handle: .dataset(id)))
        default:
            H5Oclose(id)
            throw HDF5Error(file: path, object: from, reason: "holds a reference to \(target), which is neither a group nor a dataset")
        }
    }
}
