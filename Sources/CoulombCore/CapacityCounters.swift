/// Capacity read from an instrument's running capacity counter instead of integrated from the current.
///
/// Counters differ between instruments: some reset at every step (Neware), some at every cycle (Arbin,
/// battdat's `cycle_capacity_*`), some never. Summing the counter's growth row by row serves all three: a
/// rise adds its size, and a fall is a reset to zero followed by a rise to the new value. Like the
/// integrated capacity, a range owns the growth from the sample before its first row. NaN marks a missing
/// reading and is skipped. Only a fall to less than half the previous reading is a reset; smaller falls
/// are the counter's own jitter (seen in real Arbin exports) and count as negative growth, so they cancel.
enum CapacityCounters {
    static func growth(_ counter: [Double], rows: Range<Int>) -> Double {
        var total = 0.0
        var previous = rows.lowerBound > 0 ? counter[rows.lowerBound - 1] : counter[rows.lowerBound]
        for row in rows {
            let value = counter[row]
            guard !value.isNaN else { continue }
            if previous.isNaN {
                previous = value
                continue
            }
            total += value >= previous / 2 ? value - previous : value
            previous = value
        }
        return total
    }
}
