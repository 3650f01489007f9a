/// Where a cycle's capacities come from.
///
/// - `integrated`: ∫|I|dt on the recorded time stamps (the default: it needs nothing but the current, and
///   treats every instrument alike);
/// - `counters`: the instrument's own charge and discharge capacity columns, which some instruments
///   integrate at a higher rate than they log.
public enum CapacitySource: String, Sendable, CaseIterable {
    case integrated, counters
}
