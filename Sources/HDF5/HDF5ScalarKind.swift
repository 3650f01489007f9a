import _CHDF5

/// The kind of the scalar values a dataset or a compound field holds.
public enum HDF5ScalarKind: String, Sendable, Equatable {
    case integer, float, string, reference, other

    init(typeID: hid_t) {
        switch H5Tget_class(typeID) {
        case H5T_INTEGER: self = .integer
        case H5T_FLOAT: self = .float
        case H5T_STRING: self = .string
        case H5T_REFERENCE: self = .reference
        default: self = .other
        }
    }

    public var isNumeric: Bool { self == .integer || self == .float }
}

/// Numbers read from a dataset or a table column, in the type the caller asked for.
public enum HDF5Values: Sendable, Equatable {
    case doubles([Double])
    case integers([Int])

    public var count: Int {
        switch self {
        case .doubles(let values): values.count
        case .integers(let values): values.count
        }
    }
}
