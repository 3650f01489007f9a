@testable import CoulombIO
import Testing

/// The byte-level number parser against Swift's own `Double(String)` (the C library's correctly rounded
/// `strtod`), which it must match bit for bit.
@Suite struct NumberScannerTests {
    func scan(_ text: String, decimalComma: Bool = false) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { NumberScanner.double($0, 0..<bytes.count, decimalComma: decimalComma) }
    }

    @Test(arguments: ["0", "-0", "1", "0.1", "3.2796359", "-9.63E-05", "1.000000000000000E+000", "7.836904905780102E-001",
                      "1e308", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014e-308", "123456789012345678901234",
                      "0.30000000000000004", "9007199254740993", "1e23", "8.98846567431158e307", "+5.5", " 42 ", "1.", ".5"])
    func matchesStrtod(text: String) throws {
        let expected = try #require(Double(text.trimmingCharacters(in: [" "])))
        let scanned = try #require(scan(text))
        #expect(scanned.bitPattern == expected.bitPattern, "\(text): \(scanned) vs \(expected)")
    }

    /// Random decimals of 1 to 25 digits with exponents from -330 to 310, both fast and slow paths.
    @Test func matchesStrtodOnRandomDecimals() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let digits = String((0..<Int.random(in: 1...25, using: &generator)).map { _ in "0123456789".randomElement()! })
            let point = Int.random(in: 0...digits.count, using: &generator)
            let mantissa = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            let text = (Bool.random() ? "-" : "") + mantissa + "e\(Int.random(in: -330...310, using: &generator))"
            let expected = Double(text)!
            #expect(scan(text)?.bitPattern == expected.bitPattern, "\(text)")
        }
    }

    @Test func decimalCommaOnlyWhenAllowed() {
        #expect(scan("1,234E+000", decimalComma: true) == 1.234)
        #expect(scan("1,234", decimalComma: false) == nil)
        #expect(scan("0,000123456789012345678901", decimalComma: true) == Double("0.000123456789012345678901"))
    }

    @Test(arguments: ["", " ", "-", "1.2.3", "1e", "1e+", "3.4O5", "0x10", "e5", "1 2", "--1"])
    func rejectsWhatIsNoNumber(text: String) {
        #expect(scan(text) == nil, "\(text)")
    }

    @Test func specialValuesReadAsPythonReadsThem() {
        #expect(scan("NaN")?.isNaN == true)
        #expect(scan("nan")?.isNaN == true)
        #expect(scan("-inf") == -.infinity)
        #expect(scan("Infinity") == .infinity)
    }
}
