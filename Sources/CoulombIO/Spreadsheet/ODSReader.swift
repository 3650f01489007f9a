import Foundation

/// Reads the sheets of an OpenDocument spreadsheet (.ods, OASIS ODF 1.2+): `content.xml` holds every
/// `table:table` (a sheet), its `table:table-row`s and their `table:table-cell`s.
///
/// A cell's value comes from its `office:value-type`: `float`, `percentage` and `currency` from
/// `office:value`; `date` from `office:date-value` (ISO 8601, → seconds since 1970-01-01); `time` from
/// `office:time-value` (an ISO 8601 duration such as `PT12H30M15S`, → seconds); `boolean` from
/// `office:boolean-value`; `string` from `office:string-value` or the cell's paragraphs. Repeated cells and
/// rows (`table:number-columns-repeated`, `table:number-rows-repeated`) are expanded when they hold a value;
/// the empty runs that pad a sheet to its full size are stepped over.
enum ODSReader {
    /// The most copies of a repeated non-empty row or cell that are made (a sheet's full width, 16,384).
    static let repeatLimit = 1 << 14

    static func isSpreadsheet(_ zip: ZipContainer) throws -> Bool {
        guard zip.contains("mimetype"), zip.contains("content.xml") else { return false }
        return String(decoding: try zip.bytes(of: "mimetype"), as: UTF8.self) == "application/vnd.oasis.opendocument.spreadsheet"
    }

    static func read(_ zip: ZipContainer) throws -> Workbook {
        let member = "content.xml"
        return Workbook(kind: .ods, sheets: try XLSXReader.parse(try zip.bytes(of: member), file: zip.path, member: member) {
            try sheets(&$0)
        })
    }

    /// Every `table:table` of `content.xml`.
    static func sheets(_ scanner: inout XMLScanner) throws -> [Sheet] {
        var sheets: [Sheet] = []
        var row = SheetRow(number: 0, cells: [])
        var rowRepeats = 1
        var nextRow = 1
        var column = 0
        while let token = try scanner.next() {
            switch token {
            case .start(let name, let attributes, let selfClosing):
                if scanner.isName(name, "table:table") {
                    let sheetName = scanner.attribute("table:name", in: attributes).map { scanner.text($0) } ?? "Sheet\(sheets.count + 1)"
                    sheets.append(Sheet(name: sheetName))
                    nextRow = 1
                } else if scanner.isName(name, "table:table-row"), !sheets.isEmpty {
                    row = SheetRow(number: nextRow, cells: [])
                    column = 0
                    rowRepeats = try repeats(scanner, "table:number-rows-repeated", attributes, limit: 1 << 24)
                    if selfClosing { nextRow += rowRepeats }
                } else if scanner.isName(name, "table:table-cell") || scanner.isName(name, "table:covered-table-cell"), !sheets.isEmpty {
                    let count = try repeats(scanner, "table:number-columns-repeated", attributes, limit: 1 << 24)
                    let (sheetName, rowNumber, columnNow) = (sheets[sheets.count - 1].name, row.number, column)
                    func place() -> String { "sheet '\(sheetName)' cell \(Sheet.columnLetters(columnNow))\(rowNumber)" }
                    let cell = try cellValue(&scanner, attributes: attributes, selfClosing: selfClosing, place: place())
                    // Empty cells (often a run padding the row to the sheet's width) are only counted.
                    if cell != .empty {
                        guard column + count <= repeatLimit else {
                            throw XLSXReader.SheetProblem(text: "\(place()): the row is wider than \(repeatLimit) columns")
                        }
                        row.cells += Array(repeating: .empty, count: column - row.cells.count)
                        row.cells += Array(repeating: cell, count: count)
                    }
                    column += count
                }
            case .end(let name):
                if scanner.isName(name, "table:table-row"), !sheets.isEmpty {
                    if !row.cells.isEmpty {
                        let copies = min(rowRepeats, repeatLimit)
                        guard sheets[sheets.count - 1].rows.count + copies <= Sheet.rowLimit else {
                            throw XLSXReader.SheetProblem(text: """
                                sheet '\(sheets[sheets.count - 1].name)': more than \(Sheet.rowLimit) rows hold values
                                """)
                        }
                        for copy in 0..<copies {
                            sheets[sheets.count - 1].rows.append(SheetRow(number: row.number + copy, cells: row.cells))
                        }
                    }
                    nextRow += rowRepeats
                }
            case .text: continue
            }
        }
        return sheets
    }

    private static func repeats(_ scanner: XMLScanner, _ name: StaticString, _ attributes: Range<Int>, limit: Int) throws -> Int {
        guard let range = scanner.attribute(name, in: attributes) else { return 1 }
        guard let count = scanner.integer(range), count >= 1, count <= limit else {
            throw XLSXReader.SheetProblem(text: "'\(scanner.text(range))' is not a repeat count")
        }
        return count
    }

    /// The value of a cell whose start tag was just read, reading through its end tag.
    private static func cellValue(
        _ scanner: inout XMLScanner, attributes: Range<Int>, selfClosing: Bool, place: @autoclosure () -> String
    ) throws -> SheetCell {
        var paragraphs: [String] = []
        if !selfClosing {
            var depth = 1
            var current: String?
            while depth > 0, let token = try scanner.next() {
                switch token {
                case .start(let name, let inner, let closes):
                    if !closes { depth += 1 }
                    if scanner.isName(name, "text:p") { current = closes ? nil : "" ; if closes { paragraphs.append("") } }
                    else if scanner.isName(name, "text:s") {
                        let spaces = scanner.attribute("text:c", in: inner).flatMap(scanner.integer) ?? 1
                        current? += String(repeating: " ", count: min(spaces, 1024))
                    } else if scanner.isName(name, "text:tab") { current? += "\t" }
                    else if scanner.isName(name, "text:line-break") { current? += "\n" }
                case .end(let name):
                    depth -= 1
                    if scanner.isName(name, "text:p"), let text = current { paragraphs.append(text); current = nil }
                case .text(let range):
                    current? += scanner.text(range)
                }
            }
        }
        guard let typeRange = scanner.attribute("office:value-type", in: attributes) else { return .empty }
        func value(_ name: StaticString) throws -> String {
            guard let range = scanner.attribute(name, in: attributes) else {
                throw XLSXReader.SheetProblem(text: "\(place()): a \(scanner.text(typeRange)) cell without its value")
            }
            return scanner.text(range)
        }
        switch scanner.text(typeRange) {
        case "float", "percentage", "currency":
            let text = try value("office:value")
            guard let number = Double(text) else { throw XLSXReader.SheetProblem(text: "\(place()): '\(text)' is not a number") }
            return .number(number)
        case "date":
            let text = try value("office:date-value")
            guard let seconds = CivilDate.seconds(iso: Substring(text)) else {
                throw XLSXReader.SheetProblem(text: "\(place()): '\(text)' is not an ISO 8601 date")
            }
            return .seconds(seconds)
        case "time":
            let text = try value("office:time-value")
            guard let seconds = durationSeconds(text) else {
                throw XLSXReader.SheetProblem(text: "\(place()): '\(text)' is not an ISO 8601 duration")
            }
            return .seconds(seconds)
        case "boolean":
            return .boolean(try value("office:boolean-value") == "true")
        default:
            if let range = scanner.attribute("office:string-value", in: attributes) { return .text(scanner.text(range)) }
            return .text(paragraphs.joined(separator: "\n"))
        }
    }

    /// Seconds of an ISO 8601 duration as ODF writes times: `PT12H30M15.5S`, `P1DT2H`, `-PT5M`.
    static func durationSeconds(_ text: String) -> Double? {
        var rest = Substring(text)
        let sign: Double = rest.hasPrefix("-") ? -1 : 1
        if sign < 0 { rest = rest.dropFirst() }
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var seconds = 0.0
        var number = ""
        var inTime = false
        var any = false
        for character in rest {
            if character == "T" { inTime = true; continue }
            if character.isNumber || character == "." { number.append(character); continue }
            guard let value = Double(number) else { return nil }
            number = ""
            any = true
            switch (character, inTime) {
            case ("D", false): seconds += value * 86_400
            case ("H", true): seconds += value * 3600
            case ("M", true): seconds += value * 60
            case ("S", true): seconds += value
            default: return nil
            }
        }
        return any && number.isEmpty ? sign * seconds : nil
    }
}
