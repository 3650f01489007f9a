#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of one text field into a number without making a `String`.
///
/// Most fields have at most 19 significant digits and a small exponent; their value is then an exact
/// integer times or over an exact power of ten, and one IEEE multiplication or division rounds it
/// correctly (Clinger's fast path). Anything else goes through the C library's `strtod`, which is also
/// correctly rounded, so every field reads exactly as Python's `float()` reads it.
enum NumberScanner {
    /// 10^0 … 10^22, every one exact in a Double.
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The number in `bytes[range]` (surrounding spaces allowed), or `nil` when it is not one.
    ///
    /// - Parameter decimalComma: accept `,` as the decimal separator (European-locale exports; only
    ///   where `,` cannot be the field separator). `nan` and `inf` (any case, optionally signed) read
    ///   as NaN and ±∞, as Python reads them; validation later decides whether a column may hold them.
    @inline(__always)
    static func double(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, decimalComma: Bool) -> Double? {
        var start = range.lowerBound, end = range.upperBound
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return nil }
        var index = start
        var negative = false
        if bytes[index] == 0x2D || bytes[index] == 0x2B {
            negative = bytes[index] == 0x2D
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, exponent = 0
        var sawPoint = false
        while index < end {
            let byte = bytes[index]
            if byte &- 0x30 < 10 {
                digits += 1
                if significant > 0 || byte != 0x30 { significant += 1 }
                if significant > 19 { return slowPath(bytes, start..<end, decimalComma: decimalComma) }
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                if sawPoint { exponent -= 1 }
            } else if !sawPoint, byte == 0x2E || (decimalComma && byte == 0x2C) {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard digits > 0 else { return special(bytes, start..<end) }
        if index < end {
            guard bytes[index] | 0x20 == 0x65 else { return nil }  // e or E
            index += 1
            var exponentNegative = false
            if index < end, bytes[index] == 0x2D || bytes[index] == 0x2B {
                exponentNegative = bytes[index] == 0x2D
                index += 1
            }
            guard index < end else { return nil }
            var written = 0
            while index < end {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                written = min(written * 10 + Int(digit), 100_000)
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        guard mantissa <= 1 << 53, abs(exponent) <= 22 else {
            return slowPath(bytes, start..<end, decimalComma: decimalComma)
        }
        let magnitude = exponent >= 0 ? Double(mantissa) * powersOfTen[exponent] : Double(mantissa) / powersOfTen[-exponent]
        return negative ? -magnitude : magnitude
    }

    /// A whole number in `bytes[range]`: digits with an optional sign, or a number with no fraction
    /// (`1.000000000000000E+000`, as EC-Lab writes cycle numbers).
    @inline(__always)
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, decimalComma: Bool) -> Int? {
        guard let value = double(bytes, range, decimalComma: decimalComma), let whole = Int(exactly: value) else {
            return nil
        }
        return whole
    }

    /// `nan`, `inf`, `infinity`, signed or not, in any case.
    private static func special(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).lowercased()
        var sign = 1.0
        if text.hasPrefix("-") || text.hasPrefix("+") {
            sign = text.hasPrefix("-") ? -1 : 1
            text.removeFirst()
        }
        switch text {
        case "nan": return .nan
        case "inf", "infinity": return sign * .infinity
        default: return nil
        }
    }

    /// Long mantissas and large exponents: the C library's correctly rounded conversion, with a decimal
    /// comma turned into a point first.
    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, decimalComma: Bool) -> Double? {
        var text = [CChar](repeating: 0, count: range.count + 1)
        for (offset, byte) in bytes[range].enumerated() {
            text[offset] = CChar(bitPattern: decimalComma && byte == 0x2C ? 0x2E : byte)
        }
        return text.withUnsafeBufferPointer { buffer -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: buffer.baseAddress!) == range.count else { return nil }
            return value
        }
    }
}
