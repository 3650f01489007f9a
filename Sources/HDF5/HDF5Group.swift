import _CHDF5

/// A group: a folder of groups and datasets.
public final class HDF5Group: HDF5Node {
    /// What a link in a group points to.
    public enum ChildKind: Sendable, Equatable {
        case group, dataset, other
    }

    /// The names of the group's members, in name order, with what each one is.
    public func children() throws -> [(name: String, kind: ChildKind)] {
        var info = H5G_info_t()
        try HDF5Library.status(file.path, path, "cannot list the group") { H5Gget_info(handle.id, &info) }
        var result: [(name: String, kind: ChildKind)] = []
        result.reserveCapacity(Int(info.nlinks))
        for index in 0..<info.nlinks {
            let name = try linkName(at: index)
            result.append((name, try kind(of: name)))
        }
        return result
    }

    /// The names of the member groups.
    public func groupNames() throws -> [String] {
        try children().filter { $0.kind == .group }.map(\.name)
    }

    /// The names of the member datasets.
    public func datasetNames() throws -> [String] {
        try children().filter { $0.kind == .dataset }.map(\.name)
    }

    /// Whether a member with this name exists (a link that resolves).
    public func contains(_ name: String) -> Bool {
        HDF5Library.silence()
        let exists = H5Lexists(handle.id, name, HDF5Library.defaultProperties) > 0
            && H5Oexists_by_name(handle.id, name, HDF5Library.defaultProperties) > 0
        _ = HDF5Library.takeErrorStack()
        return exists
    }

    /// The member group `name`.
    public func group(_ name: String) throws -> HDF5Group {
        let path = childPath(name)
        let id = try HDF5Library.id(file.path, path, "no such group") {
            H5Gopen2(handle.id, name, HDF5Library.defaultProperties)
        }
        return HDF5Group(file: file, path: path, handle: .group(id))
    }

    /// The member dataset `name`.
    public func dataset(_ name: String) throws -> HDF5Dataset {
        let path = childPath(name)
        let id = try HDF5Library.id(file.path, path, "no such dataset") {
            H5Dopen2(handle.id, name, HDF5Library.defaultProperties)
        }
        return try HDF5Dataset(dataset: file, path: path, handle: .dataset(id))
    }

    /// Creates a member group.
    public func createGroup(_ name: String) throws -> HDF5Group {
        let path = childPath(name)
        let properties = HDF5Handle.untimedCreation(coulomb_H5P_GROUP_CREATE())
        let id = try HDF5Library.id(file.path, path, "cannot create the group") {
            H5Gcreate2(handle.id, name, HDF5Library.defaultProperties, properties.id, HDF5Library.defaultProperties)
        }
        return HDF5Group(file: file, path: path, handle: .group(id))
    }

    private func linkName(at index: hsize_t) throws -> String {
        let length = try HDF5Library.id(file.path, path, "cannot read a member's name") {
            hid_t(H5Lget_name_by_idx(handle.id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0,
                                     HDF5Library.defaultProperties))
        }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        try HDF5Library.status(file.path, path, "cannot read a member's name") {
            herr_t(truncatingIfNeeded: H5Lget_name_by_idx(handle.id, ".", H5_INDEX_NAME, H5_ITER_INC, index,
                                                         &buffer, buffer.count, HDF5Library.defaultProperties))
        }
        return try decodeUTF8(buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, what: "a member name")
    }

    private func kind(of name: String) throws -> ChildKind {
        HDF5Library.silence()
        // A dangling soft or external link is listed but cannot be opened: it is neither group nor dataset.
        let id = H5Oopen(handle.id, name, HDF5Library.defaultProperties)
        if id < 0 {
            _ = HDF5Library.takeErrorStack()
            return .other
        }
        defer { H5Oclose(id) }
        switch H5Iget_type(id) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .other
        }
    }
}
