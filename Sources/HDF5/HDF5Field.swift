import _CHDF5

/// One member of a compound (table) dataset.
///
/// pandas' "table" format packs columns of one dtype into a single array member per row
/// (`values_block_0` holding, say, 11 float64 columns), so a member has a width as well as a kind.
public struct HDF5Field: Sendable, Equatable {
    public var name: String
    /// The kind of each value; for an array member, the kind of its elements.
    public var kind: HDF5ScalarKind
    /// Values per row: 1 for a scalar member, the element count of an array member.
    public var width: Int
    /// Whether the member is an array type (possibly of one element).
    public var isArray: Bool

    init(name: String, memberType: hid_t) {
        self.name = name
        if H5Tget_class(memberType) == H5T_ARRAY {
            let rank = Int(H5Tget_array_ndims(memberType))
            var dims = [hsize_t](repeating: 0, count: max(rank, 0))
            if rank > 0 { H5Tget_array_dims2(memberType, &dims) }
            let base = HDF5Handle.datatype(H5Tget_super(memberType))
            kind = HDF5ScalarKind(typeID: base.id)
            width = dims.reduce(1) { $0 * Int($1) }
            isArray = true
        } else {
            kind = HDF5ScalarKind(typeID: memberType)
            width = 1
            isArray = false
        }
    }
}
