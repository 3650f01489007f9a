import ComplexModule
import CoulombCore
import Testing

@Suite struct ImpedanceSpectrumTests {
    @Test func validSpectrumKeepsItsPoints() throws {
        let spectrum = try ImpedanceSpectrum(frequency_Hz: [1e5, 1e3, 10],
                                             impedance_ohm: [Complex(10, -1), Complex(50, -40), Complex(100, -5)],
                                             testID: 3, temperature_C: 25)
        #expect(spectrum.count == 3)
        #expect(spectrum.testID == 3)
    }

    @Test func zeroOrNaNFrequencyIsRejectedAtItsRow() {
        let zero = #expect(throws: DataValidationError.self) {
            try ImpedanceSpectrum(frequency_Hz: [1e3, 0, 10], impedance_ohm: [Complex(1, 1), Complex(1, 1), Complex(1, 1)])
        }
        #expect(zero?.row == 1)
        let nan = #expect(throws: DataValidationError.self) {
            try ImpedanceSpectrum(frequency_Hz: [1e3, 10], impedance_ohm: [Complex(1, 1), Complex(.nan, 1)])
        }
        #expect(nan?.column == "impedance_ohm")
        #expect(throws: DataValidationError.self) { try ImpedanceSpectrum(frequency_Hz: [], impedance_ohm: []) }
        #expect(throws: DataValidationError.self) {
            try ImpedanceSpectrum(frequency_Hz: [1, 2], impedance_ohm: [Complex(1, 1)])
        }
    }
}

@Suite struct CellTypeAndMetadataTests {
    @Test(arguments: [("anode_half", CellType.anodeHalf), ("Half-Cathode", .cathodeHalf), ("symmetric", .symmetric),
                      ("full cell", .full), ("anodeHalf", .anodeHalf)])
    func cellTypeSpellings(text: String, type: CellType) {
        #expect(CellType(loosely: text) == type)
    }

    @Test func unknownCellTypeIsNil() {
        #expect(CellType(loosely: "pouch") == nil)
    }

    @Test func dottedPathsReachNestedMembers() {
        let document = JSONValue.object(["battery": .object(["anode": .object(["area": .number(1.5)])])])
        #expect(document[path: "battery.anode.area"]?.number == 1.5)
        #expect(document[path: "battery.cathode.area"] == nil)
        #expect(JSONValue.string("2.5").number == 2.5)
    }
}
