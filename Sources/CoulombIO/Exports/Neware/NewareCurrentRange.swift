/// The unit of current, capacity and energy in Neware's integer records (`.nda` version 29, `.ndc`
/// versions 2 and 5), set by the channel's current range, which each record carries.
///
/// A record stores current as an integer count of `milliampsPerCount(range)` mA, capacity in the same
/// counts times seconds (so mAh = count · unit / 3600) and energy in count · V · s. The table lists the
/// ranges Neware's hardware uses (in mA; negative for the µA-resolution ranges); a range not in it is an
/// error rather than a guessed scale.
enum NewareCurrentRange {
    private static let units: [Int32: Double] = {
        var table: [Int32: Double] = [-100_000_000: 10, 0: 0]
        for range: Int32 in [-200_000, -100_000, -60_000, -50_000, -40_000, -30_000, -20_000, -12_000, -10_000,
                             -6_000, -5_000, -3_000, -2_000, -1_000] { table[range] = 1e-2 }
        for range: Int32 in [-500, -100] { table[range] = 1e-3 }
        for range: Int32 in [-50, -25, -20, -10] { table[range] = 1e-4 }
        for range: Int32 in [-5, -2, -1] { table[range] = 1e-5 }
        for range: Int32 in [1, 2, 5] { table[range] = 1e-4 }
        for range: Int32 in [10, 20, 25, 50] { table[range] = 1e-3 }
        for range: Int32 in [100, 200, 250, 500] { table[range] = 1e-2 }
        for range: Int32 in [1_000, 6_000, 10_000, 12_000, 20_000, 30_000, 40_000, 50_000, 60_000, 100_000, 200_000] {
            table[range] = 1e-1
        }
        return table
    }()

    /// mA per count for `range`, or `nil` for a range Coulomb does not know.
    static func milliampsPerCount(_ range: Int32) -> Double? { units[range] }
}
