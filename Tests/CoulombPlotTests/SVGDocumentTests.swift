@testable import CoulombPlot
import TestFixtures
import Testing

@Suite struct SVGDocumentTests {
    @Test func markupAndControlCharactersInTextStayWellFormed() throws {
        var document = SVGDocument(width: 100, height: 50)
        let nasty = "R&D <cell> \"A\" 'B' \u{7}bell\u{0}"
        document.element("text", ["class": "label", "data-note": nasty], text: nasty)
        let svg = document.render(title: nasty)
        let root = try SVGElement.parse(svg)
        let text = root.elements(classed: "label")[0]
        // The markup characters come back as they were; the two control characters XML forbids are gone.
        #expect(text.text == "R&D <cell> \"A\" 'B' bell")
        #expect(text.attributes["data-note"] == "R&D <cell> \"A\" 'B' bell")
        #expect(root.elements(named: "title")[0].text == "R&D <cell> \"A\" 'B' bell")
    }

    @Test func numbersAreShortWithoutTrailingZeros() {
        #expect(SVGDocument.number(12.345678901234567) == "12.3")
        #expect(SVGDocument.number(12.96) == "13")
        #expect(SVGDocument.number(-0.04) == "0")
        #expect(SVGDocument.number(-3.25, decimals: 2) == "-3.25")
        #expect(SVGDocument.number(.nan) == "0")
        #expect(SVGDocument.number(1e300) == "1000000")
    }

    /// Two different figures in one HTML page must not share clip-path or gradient ids.
    @Test func identifiersDifferBetweenFiguresAndRepeatForTheSameOne() throws {
        func figure(_ title: String) -> String {
            var document = SVGDocument(width: 10, height: 10)
            document.element("clipPath", ["id": document.id("plot")])
            return document.render(title: title)
        }
        func id(_ svg: String) throws -> String { try SVGElement.parse(svg).elements(named: "clipPath")[0].attributes["id"]! }
        #expect(try id(figure("a")) != id(figure("b")))
        #expect(try id(figure("a")) == id(figure("a")))
        #expect(try id(figure("a")).hasSuffix("-plot"))
    }
}
