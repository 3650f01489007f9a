/// A value decoded from a Python pickle by ``PickleDecoder``: plain data only.
///
/// pandas and PyTables keep a table's column names, dtypes and (for `info`) object columns as pickles.
/// What they hold is lists, tuples and dicts of strings, numbers and `None`, plus numpy object arrays,
/// which come back as ``ndarray`` with their items, and dates and times (cellpy's `info` holds the
/// test's start as a `datetime`).
indirect enum PickleValue: Equatable, Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case list([PickleValue])
    case tuple([PickleValue])
    case dict([Pair])
    /// A numpy array of Python objects (dtype `O`): its shape and its items in C order.
    case ndarray(shape: [Int], items: [PickleValue])
    /// `datetime.datetime` or numpy `datetime64` (``PickleTime``).
    case datetime(PickleDateTime)
    case date(year: Int, month: Int, day: Int)
    /// `datetime.timedelta` or numpy `timedelta64` (and a `datetime.timezone`, as its UTC offset): whole
    /// seconds (any sign) plus 0 ≤ nanoseconds < 10⁹.
    case timedelta(seconds: Int, nanoseconds: Int)

    struct Pair: Equatable, Sendable {
        var key: PickleValue
        var value: PickleValue
    }

    /// The items of a list, a tuple or an object array.
    var elements: [PickleValue]? {
        switch self {
        case .list(let items), .tuple(let items), .ndarray(_, let items): items
        default: nil
        }
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
