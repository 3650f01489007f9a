@testable import CoulombPlot
import Testing

@Suite struct PaletteTests {
    /// Okabe & Ito (2008), "Color Universal Design", Table 1 (the RGB values as published).
    @Test func categoriesAreOkabeIto() {
        let published: Set<String> = ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"]
        #expect(Set(Palette.categories.map(\.hex)) == published)
        #expect(Palette.category(0).hex == "#0072b2")
        #expect(Palette.category(8) == Palette.category(0))
    }

    /// matplotlib 3.x `viridis(f)` × 255, rounded (its 256-entry table): the 17-point interpolation is
    /// within 5/255 per component, and the scale is used up to 0.9 of the map.
    @Test func sequentialIsViridis() {
        let reference: [(fraction: Double, rgb: [Int])] = [
            (0.1, [72, 36, 117]), (0.37, [45, 113, 142]), (0.63, [41, 175, 127]), (0.85, [155, 217, 60]),
        ]
        for (fraction, rgb) in reference {
            let colour = Palette.sequential(fraction / Palette.sequentialEnd)
            let found = [Int(colour.red), Int(colour.green), Int(colour.blue)]
            #expect(zip(found, rgb).allSatisfy { abs($0 - $1) <= 5 }, "viridis(\(fraction)): \(found) vs \(rgb)")
        }
        #expect(Palette.sequential(0).hex == "#440154")
        // Lightness (here the green channel, which dominates it in viridis) rises along the scale.
        let greens = (0...10).map { Int(Palette.sequential(Double($0) / 10).green) }
        #expect(greens == greens.sorted())
    }
}
