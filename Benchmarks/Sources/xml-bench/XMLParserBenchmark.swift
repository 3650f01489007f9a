// Foundation's XMLParser over one sheet's XML: the floor under any .xlsx reader built on it, to set beside
// Coulomb's own byte scanner (Sources/CoulombIO/Spreadsheet/XMLScanner.swift), which `coulomb info` uses.
//
//     xml-bench SHEET.xml [repeats]
//
// The delegate does the least a reader must: count rows and cells and parse each `<v>` as a Double. Prints
// one JSON line: best and median seconds, rows, cells; or the parser's error, when it gives up.
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

final class CellCounter: NSObject, XMLParserDelegate {
    var rows = 0, cells = 0, sum = 0.0
    private var inValue = false
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row": rows += 1
        case "c": cells += 1
        case "v": inValue = true; text = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "v" { inValue = false; sum += Double(text) ?? 0 }
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: xml-bench SHEET.xml [repeats]\n".utf8))
    exit(2)
}
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
var times: [Double] = []
var counter = CellCounter()
for _ in 0..<repeats {
    counter = CellCounter()
    let start = DispatchTime.now().uptimeNanoseconds
    let parser = XMLParser(data: data)
    parser.delegate = counter
    guard parser.parse() else {
        let error = parser.parserError.map { "\(($0 as NSError).domain) code \(($0 as NSError).code)" } ?? "unknown error"
        print("{\"error\": \"\(error)\", \"rows\": \(counter.rows)}")
        exit(0)
    }
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
let sorted = times.sorted()
print("{\"best_s\": \(sorted[0]), \"median_s\": \(sorted[sorted.count / 2]), \"rows\": \(counter.rows), \"cells\": \(counter.cells)}")
