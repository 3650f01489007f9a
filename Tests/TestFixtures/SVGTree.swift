import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG (or any XML) document parsed with Foundation's XMLParser, for checking figures in tests.
public final class SVGElement {
    public let name: String
    public let attributes: [String: String]
    public internal(set) var children: [SVGElement] = []
    public internal(set) var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// This element and all below it, in document order.
    public var all: [SVGElement] { [self] + children.flatMap(\.all) }

    public var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

    /// Elements below (and including) this one whose class list holds every class given.
    public func elements(classed names: String...) -> [SVGElement] {
        all.filter { element in names.allSatisfy(element.classes.contains) }
    }

    public func elements(named name: String) -> [SVGElement] { all.filter { $0.name == name } }

    /// A numeric attribute.
    public func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

    /// The points of a `<polyline>`.
    public var points: [(x: Double, y: Double)] {
        (attributes["points"] ?? "").split(separator: " ").map { pair in
            let xy = pair.split(separator: ",").map { Double($0)! }
            return (xy[0], xy[1])
        }
    }

    /// Parses a document; `nil` when it is not well-formed XML, with the parser's error.
    public static func parse(_ text: String) throws -> SVGElement {
        let parser = XMLParser(data: Data(text.utf8))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw SVGParseError(description: parser.parserError.map { String(describing: $0) } ?? "no root element")
        }
        return root
    }

    public struct SVGParseError: Error, CustomStringConvertible {
        public var description: String
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: SVGElement?
        var stack: [SVGElement] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            let element = SVGElement(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// Reads the figure conventions of Coulomb's SVG: axes, their tick labels and positions.
public struct SVGFigure {
    public let root: SVGElement

    public init(_ text: String) throws {
        root = try SVGElement.parse(text)
    }

    /// The `axis` group of a kind (`x`, `y`, `y2`) in a panel (the first by default).
    public func axis(_ kind: String, panel: Int = 0) -> SVGElement? {
        panels[panel].elements(classed: "axis", kind).first
    }

    public var panels: [SVGElement] { root.elements(classed: "panel") }

    /// An axis' ticks: label text, and the position along the axis (x for x axes, y otherwise).
    public func ticks(_ kind: String, panel: Int = 0) -> [(label: String, position: Double)] {
        guard let axis = axis(kind, panel: panel) else { return [] }
        return axis.elements(classed: "tick").map { tick in
            let text = tick.elements(named: "text")[0]
            return (text.text, kind == "x" ? text.number("x")! : text.number("y")!)
        }
    }

    /// The data value at a pixel position along an axis, from its first and last tick labels.
    public func value(at position: Double, on kind: String, panel: Int = 0) -> Double {
        let ticks = ticks(kind, panel: panel)
        let a = ticks.first!, b = ticks.last!
        let va = Self.value(a.label)!, vb = Self.value(b.label)!
        return va + (position - a.position) / (b.position - a.position) * (vb - va)
    }

    /// The data series groups of a role (`cycle`, `measured`, `fit` …).
    public func series(_ role: String, panel: Int = 0) -> [SVGElement] {
        panels[panel].elements(classed: "series", role)
    }

    /// Parses an engineering-notation tick label: "1.5k" → 1500, "−20m" → −0.02, "3µ" → 3e-6.
    public static func value(_ label: String) -> Double? {
        var text = label.replacingOccurrences(of: "−", with: "-")
        let prefixes: [Character: Double] = ["p": 1e-12, "n": 1e-9, "µ": 1e-6, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        var scale = 1.0
        if let last = text.last, let factor = prefixes[last] {
            scale = factor
            text.removeLast()
        }
        return Double(text).map { $0 * scale }
    }
}
