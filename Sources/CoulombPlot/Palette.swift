/// Colours that people with any common colour-vision deficiency can tell apart.
public enum Palette {
    /// Okabe & Ito's eight colours ("Color Universal Design", 2008), distinguishable under protanopia,
    /// deuteranopia and tritanopia. Ordered for lines on white: the strong ones first, yellow (faint on
    /// white) last.
    public static let categories: [Colour] = [
        Colour(0x0072B2),  // blue
        Colour(0xD55E00),  // vermillion
        Colour(0x009E73),  // bluish green
        Colour(0xCC79A7),  // reddish purple
        Colour(0xE69F00),  // orange
        Colour(0x56B4E9),  // sky blue
        Colour(0x000000),  // black
        Colour(0xF0E442),  // yellow
    ]

    /// The k-th category colour (repeating after eight).
    public static func category(_ k: Int) -> Colour { categories[((k % categories.count) + categories.count) % categories.count] }

    /// viridis (van der Walt & Smith, matplotlib's default map, CC0) at 17 evenly spaced points: perceptually
    /// uniform, ordered in lightness, and readable without colour vision.
    static let viridis: [UInt32] = [
        0x440154, 0x48186a, 0x472d7b, 0x424086, 0x3b528b, 0x33638d, 0x2c728e, 0x26828e, 0x21918c,
        0x1fa088, 0x28ae80, 0x3fbc73, 0x5ec962, 0x84d44b, 0xaddc30, 0xd8e219, 0xfde725,
    ]

    /// The end of viridis used for data on white: its last tenth is too pale to see as a thin line.
    static let sequentialEnd = 0.9

    /// viridis at `fraction` (0 dark violet … 1 the palest green-yellow still visible on white), linearly
    /// interpolated between the 17 points (within 5/255 of each sRGB component of the full 256-entry map).
    public static func sequential(_ fraction: Double) -> Colour {
        let t = min(max(fraction.isFinite ? fraction : 0, 0), 1) * sequentialEnd * Double(viridis.count - 1)
        let k = min(Int(t), viridis.count - 2)
        return Colour(viridis[k]).mixed(with: Colour(viridis[k + 1]), t - Double(k))
    }

    /// The colour of item `index` of `count` on the sequential scale (the first darkest).
    public static func sequential(_ index: Int, of count: Int) -> Colour {
        sequential(count > 1 ? Double(index) / Double(count - 1) : 0)
    }
}
