import Foundation

/// Reads the sheets of an Office Open XML workbook (.xlsx, ECMA-376): `xl/workbook.xml` names the sheets
/// and, through `xl/_rels/workbook.xml.rels`, their parts; `xl/sharedStrings.xml` holds the text of cells of
/// type `s`; `xl/styles.xml` gives each cell style's number format, which says whether a number is a date,
/// a time or a plain number (``NumberFormat``).
///
/// Cell types: `n` (or none) a number, `s` a shared string, `str` a formula's text, `inlineStr` text in the
/// cell (`<is><t>`), `b` a boolean, `e` an error (kept as its text, `#DIV/0!`), `d` an ISO 8601 date.
/// A formula's cached value is read; the formula is not evaluated. An error cell is empty (pandas reads it
/// as NaN). Shared strings have Excel's `_xHHHH_` escapes decoded, as openpyxl does.
enum XLSXReader {
    static func isWorkbook(_ zip: ZipContainer) -> Bool { zip.contains("xl/workbook.xml") }

    static func read(_ zip: ZipContainer) throws -> Workbook {
        let workbookPart = "xl/workbook.xml"
        let (sheets, date1904) = try parse(zip, workbookPart) { scanner in try sheetList(&scanner) }
        let targets = try parse(zip, "xl/_rels/workbook.xml.rels") { scanner in try relationships(&scanner) }
        let strings = zip.contains("xl/sharedStrings.xml")
            ? try parse(zip, "xl/sharedStrings.xml") { scanner in try sharedStrings(&scanner) } : []
        let formats = zip.contains("xl/styles.xml")
            ? try parse(zip, "xl/styles.xml") { scanner in try styleMeanings(&scanner) } : []
        var workbook = Workbook(kind: .xlsx, sheets: [])
        for (name, id) in sheets {
            guard let target = targets[id] else {
                throw CoulombIOError(file: zip.path, object: "member '\(workbookPart)'", problem: """
                    sheet '\(name)' points to relationship '\(id)', which xl/_rels/workbook.xml.rels does not hold
                    """)
            }
            let member = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            var sheet = Sheet(name: name)
            sheet.rows = try parse(zip, member) { scanner in
                try rows(&scanner, strings: strings, formats: formats, date1904: date1904, sheet: name)
            }
            workbook.sheets.append(sheet)
        }
        return workbook
    }

    /// Parses one member's XML, an error naming the member and the byte where it went wrong.
    private static func parse<T>(_ zip: ZipContainer, _ member: String, _ body: (inout XMLScanner) throws -> T) throws -> T {
        try parse(try zip.bytes(of: member), file: zip.path, member: member, body)
    }

    /// Parses the XML `bytes` of `member` of `file` (an .xlsx or .ods part) with `body`; malformed XML and what
    /// `body` finds wrong become errors naming the member.
    static func parse<T>(_ bytes: [UInt8], file: String, member: String, _ body: (inout XMLScanner) throws -> T) throws -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            do {
                return try body(&scanner)
            } catch let malformed as XMLScanner.Malformed {
                throw CoulombIOError(file: file, object: "member '\(member)'",
                                     problem: "is not well-formed XML at byte \(malformed.offset): \(malformed.problem)")
            } catch let problem as SheetProblem {
                throw CoulombIOError(file: file, object: "member '\(member)'", problem: problem.text)
            }
        }
    }

    struct SheetProblem: Error { var text: String }

    /// The sheets in workbook order (name, relationship id) and whether dates count from 1904.
    private static func sheetList(_ scanner: inout XMLScanner) throws -> ([(String, String)], Bool) {
        var sheets: [(String, String)] = []
        var date1904 = false
        while let token = try scanner.next() {
            guard case .start(let name, let attributes, _) = token else { continue }
            if scanner.isName(name, "sheet") {
                guard let sheetName = scanner.attribute("name", in: attributes),
                      let id = scanner.attribute("r:id", in: attributes) ?? scanner.attribute("id", in: attributes) else {
                    throw SheetProblem(text: "a <sheet> without a name or relationship id")
                }
                sheets.append((scanner.text(sheetName), scanner.text(id)))
            } else if scanner.isName(name, "workbookPr"), let value = scanner.attribute("date1904", in: attributes) {
                date1904 = ["1", "true"].contains(scanner.text(value))
            }
        }
        return (sheets, date1904)
    }

    /// Relationship id → target part.
    private static func relationships(_ scanner: inout XMLScanner) throws -> [String: String] {
        var targets: [String: String] = [:]
        while let token = try scanner.next() {
            guard case .start(let name, let attributes, _) = token, scanner.isName(name, "Relationship"),
                  let id = scanner.attribute("Id", in: attributes), let target = scanner.attribute("Target", in: attributes)
            else { continue }
            targets[scanner.text(id)] = scanner.text(target)
        }
        return targets
    }

    /// The shared strings, each the text of its `<t>` elements (rich-text runs joined; phonetic runs left out).
    private static func sharedStrings(_ scanner: inout XMLScanner) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        while let token = try scanner.next() {
            switch token {
            case .start(let name, _, let selfClosing):
                if scanner.isName(name, "si") { current = ""; if selfClosing { strings.append("") } }
                else if scanner.isName(name, "rPh") { inPhonetic = !selfClosing }
                else if scanner.isName(name, "t") { inText = !selfClosing && !inPhonetic }
            case .end(let name):
                if scanner.isName(name, "si") { strings.append(unescape(current)) }
                else if scanner.isName(name, "rPh") { inPhonetic = false }
                else if scanner.isName(name, "t") { inText = false }
            case .text(let range):
                if inText { current += scanner.text(range) }
            }
        }
        return strings
    }

    /// What each cell style (`cellXfs`, by index) makes of a number.
    private static func styleMeanings(_ scanner: inout XMLScanner) throws -> [NumberFormat.Meaning] {
        var custom: [Int: NumberFormat.Meaning] = [:]
        var meanings: [NumberFormat.Meaning] = []
        var inCellFormats = false
        while let token = try scanner.next() {
            switch token {
            case .start(let name, let attributes, let selfClosing):
                if scanner.isName(name, "numFmt"), let id = scanner.attribute("numFmtId", in: attributes).flatMap(scanner.integer),
                   let code = scanner.attribute("formatCode", in: attributes) {
                    custom[id] = NumberFormat.meaning(ofCode: scanner.text(code))
                } else if scanner.isName(name, "cellXfs") {
                    inCellFormats = !selfClosing
                } else if inCellFormats, scanner.isName(name, "xf") {
                    let id = scanner.attribute("numFmtId", in: attributes).flatMap(scanner.integer) ?? 0
                    meanings.append(custom[id] ?? NumberFormat.builtIn(id))
                }
            case .end(let name):
                if scanner.isName(name, "cellXfs") { inCellFormats = false }
            case .text: continue
            }
        }
        return meanings
    }

    /// The sheet's rows that hold a value.
    static func rows(
        _ scanner: inout XMLScanner, strings: [String], formats: [NumberFormat.Meaning], date1904: Bool, sheet: String
    ) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        var row = SheetRow(number: 0, cells: [])
        var column = 0
        while let token = try scanner.next() {
            switch token {
            case .start(let name, let attributes, let selfClosing):
                if scanner.isName(name, "row") {
                    let number = scanner.attribute("r", in: attributes).flatMap(scanner.integer) ?? (row.number + 1)
                    guard number <= Sheet.rowLimit else {
                        throw SheetProblem(text: "sheet '\(sheet)': row \(number) is past the last row a sheet can have (\(Sheet.rowLimit))")
                    }
                    guard number > row.number else {
                        throw SheetProblem(text: "sheet '\(sheet)': row \(number) comes after row \(row.number)")
                    }
                    row = SheetRow(number: number, cells: [])
                    column = 0
                    if selfClosing { continue }
                } else if scanner.isName(name, "c") {
                    // A cell's reference, type and style, in one pass over its attributes.
                    var reference: Range<Int>?, type: Range<Int>?, style: Range<Int>?
                    scanner.forEachAttribute(in: attributes) { name, value in
                        guard name.count == 1 else { return }
                        switch scanner.bytes[name.lowerBound] {
                        case 0x72: reference = value  // r
                        case 0x74: type = value       // t
                        case 0x73: style = value      // s
                        default: break
                        }
                    }
                    if let reference { column = try columnIndex(scanner, reference, sheet: sheet) }
                    let rowNumber = row.number
                    let cell = selfClosing ? SheetCell.empty : try cellValue(
                        &scanner, type: type, style: style, strings: strings, formats: formats, date1904: date1904,
                        place: "sheet '\(sheet)' cell \(Sheet.columnLetters(column))\(rowNumber)")
                    if case .empty = cell {} else {
                        guard column < 1 << 14 else { throw SheetProblem(text: "sheet '\(sheet)': column \(column + 1) is past XFD") }
                        while row.cells.count < column { row.cells.append(.empty) }
                        if row.cells.count == column { row.cells.append(cell) } else { row.cells[column] = cell }
                    }
                    column += 1
                }
            case .end(let name):
                if scanner.isName(name, "row"), !row.cells.isEmpty { rows.append(row) }
            case .text: continue
            }
        }
        return rows
    }

    /// The zero-based column of a cell reference (`B12` → 1).
    private static func columnIndex(_ scanner: XMLScanner, _ reference: Range<Int>, sheet: String) throws -> Int {
        var index = 0
        var letters = 0
        for byte in scanner.bytes[reference] {
            guard byte >= 0x41, byte <= 0x5A else { break }
            index = index * 26 + Int(byte - 0x40)
            letters += 1
        }
        guard letters > 0, letters <= 3 else {
            throw SheetProblem(text: "sheet '\(sheet)': '\(scanner.text(reference))' is not a cell reference")
        }
        return index - 1
    }

    /// The value of a `<c>` element whose start tag was just read, reading through its end tag.
    private static func cellValue(
        _ scanner: inout XMLScanner, type: Range<Int>?, style: Range<Int>?, strings: [String], formats: [NumberFormat.Meaning],
        date1904: Bool, place: @autoclosure () -> String
    ) throws -> SheetCell {
        var value: Range<Int>?
        var inline = ""
        var inValue = false, inInline = false
        while let token = try scanner.next() {
            switch token {
            case .start(let name, _, let selfClosing):
                if scanner.isName(name, "v") { inValue = !selfClosing }
                else if scanner.isName(name, "t") { inInline = !selfClosing }
                else if scanner.isName(name, "f"), !selfClosing { try scanner.skipElement() }
                else if scanner.isName(name, "rPh"), !selfClosing { try scanner.skipElement() }
            case .end(let name):
                if scanner.isName(name, "c") { return try cell(scanner, type, style, value, inline, strings, formats, date1904, place()) }
                if scanner.isName(name, "v") { inValue = false }
                if scanner.isName(name, "t") { inInline = false }
            case .text(let range):
                if inValue { value = range }
                if inInline { inline += scanner.text(range) }
            }
        }
        throw XMLScanner.Malformed(offset: scanner.offset, problem: "the file ends inside a cell")
    }

    private static func cell(
        _ scanner: XMLScanner, _ typeRange: Range<Int>?, _ style: Range<Int>?, _ value: Range<Int>?, _ inline: String,
        _ strings: [String], _ formats: [NumberFormat.Meaning], _ date1904: Bool, _ place: @autoclosure () -> String
    ) throws -> SheetCell {
        // The type's first byte tells them apart (`s`, `str`, `inlineStr`, `b`, `e`, `d`, `n`); `str` by its length.
        let type: UInt8 = typeRange.flatMap { $0.isEmpty ? nil : scanner.bytes[$0.lowerBound] } ?? 0x6E
        if type == 0x69 { return .text(inline) }  // inlineStr
        guard let value else { return .empty }
        switch type {
        case 0x73 where typeRange?.count == 1:  // s
            guard let index = scanner.integer(value), index < strings.count else {
                throw SheetProblem(text: "\(place()): shared string '\(scanner.text(value))' is not one of the \(strings.count) the workbook holds")
            }
            return .text(strings[index])
        case 0x73: return .text(scanner.text(value))  // str
        case 0x65: return .empty                       // e
        case 0x62: return .boolean(scanner.text(value) == "1")
        case 0x64:                                     // d
            guard let seconds = CivilDate.seconds(iso: Substring(scanner.text(value))) else {
                throw SheetProblem(text: "\(place()): '\(scanner.text(value))' is not an ISO 8601 date")
            }
            return .seconds(seconds)
        default:
            guard let number = NumberScanner.double(scanner.bytes, value, decimalComma: false) else {
                throw SheetProblem(text: "\(place()): '\(scanner.text(value))' is not a number")
            }
            let styleIndex = style.flatMap(scanner.integer) ?? 0
            let meaning = styleIndex < formats.count ? formats[styleIndex] : .number
            return meaning == .number ? .number(number)
                : .seconds(NumberFormat.seconds(days: number, meaning: meaning, date1904: date1904))
        }
    }

    /// Text with Excel's `_xHHHH_` escapes (characters XML cannot hold, such as `_x000D_`) decoded.
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "_x") {
            out += rest[..<start.lowerBound]
            let hex = rest[start.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let code = UInt32(hex.prefix(4), radix: 16), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return out + rest
    }
}
