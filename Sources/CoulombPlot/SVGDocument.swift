/// A small SVG writer: elements are appended as text, every text node and attribute value escaped.
///
/// The result is one self-contained `<svg>` element (no external fonts, images, styles or scripts) that
/// opens in a browser, an editor such as Inkscape, or inline in an HTML page. Identifiers it defines
/// (clip paths, gradients) carry a prefix derived from the drawing itself, so several figures embedded in
/// one page never capture each other's references.
struct SVGDocument {
    let width: Double
    let height: Double
    private var body = ""

    /// Stands for the document's identifier prefix until ``render(title:)`` knows the content. Control
    /// characters never survive ``escape(_:)``, so it cannot collide with text.
    private static let idPlaceholder = "\u{1}"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// An identifier unique to this drawing, for `id="…"` and `url(#…)`.
    func id(_ name: String) -> String { Self.idPlaceholder + name }

    /// `<name attributes/>`, or `<name attributes>text</name>` with a text.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil) {
        body += "<" + name + Self.attributes(attributes)
        if let text {
            body += ">" + Self.escape(text) + "</" + name + ">\n"
        } else {
            body += "/>\n"
        }
    }

    /// `<name attributes/>` from an ordered list built at run time, with a tooltip (`<title>`) if given.
    mutating func element(_ name: String, _ attributes: [(String, String)], title: String?) {
        body += "<" + name
        for (key, value) in attributes { body += " " + key + "=\"" + Self.escape(value) + "\"" }
        if let title {
            body += "><title>" + Self.escape(title) + "</title></" + name + ">\n"
        } else {
            body += "/>\n"
        }
    }

    /// Opens `<name …>`; every ``open(_:_:)`` needs its ``close(_:)``.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
        body += "<" + name + Self.attributes(attributes) + ">\n"
    }

    mutating func close(_ name: String) {
        body += "</" + name + ">\n"
    }

    /// The finished document: the drawing on a white background, with an accessible title.
    func render(title: String) -> String {
        var text = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(Self.number(width))\" "
            + "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
            + "role=\"img\" aria-label=\"\(Self.escape(title))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n"
        text += "<title>" + Self.escape(title) + "</title>\n"
        text += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        text += body
        text += "</svg>\n"
        let prefix = "cp" + Self.hash(text) + "-"
        var result = ""
        result.reserveCapacity(text.utf8.count + 64)
        for scalar in text.unicodeScalars {
            if scalar == "\u{1}" { result += prefix } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    private static func attributes(_ attributes: KeyValuePairs<String, String>) -> String {
        var text = ""
        for (key, value) in attributes {
            text += " " + key + "=\"" + escape(value) + "\""
        }
        return text
    }

    /// Text safe in XML content and in double- or single-quoted attributes: the five markup characters
    /// become entities, and characters XML 1.0 forbids (C0 controls other than tab, newline and carriage
    /// return) are dropped. The identifier placeholder passes, as ``render(title:)`` replaces it.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            case "\u{1}": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// A coordinate or length with at most `decimals` fraction digits and no trailing zeros: 0.1 px is
    /// below what any screen or printer resolves, and 17-digit coordinates would only bloat the file.
    /// Magnitudes are capped at 10⁶ (far outside any drawing; clipping hides them).
    static func number(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "0" }
        return Decimal.fixed(min(max(value, -1e6), 1e6), decimals: decimals, trimmingZeros: true, minus: "-")
    }

    /// FNV-1a of the text, eight hex digits: deterministic, so the same figure always gets the same ids.
    private static func hash(_ text: String) -> String {
        var h: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            h = (h ^ UInt32(byte)) &* 16_777_619
        }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
