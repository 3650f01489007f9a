import Foundation

/// The sheets of a spreadsheet file (.xlsx or .ods) as values: what each cell holds, not how it is shown.
struct Workbook {
    enum Kind: String {
        case xlsx, ods

        var name: String { self == .xlsx ? "Excel workbook (.xlsx)" : "OpenDocument spreadsheet (.ods)" }
    }

    var kind: Kind
    var sheets: [Sheet]
}

/// One sheet: its rows that hold anything, each with its row number (from 1) and its cells from column A.
struct Sheet {
    /// The most rows a sheet has in Excel and LibreOffice (2²⁰); a file claiming more is damaged or crafted.
    static let rowLimit = 1 << 20

    var name: String
    var rows: [SheetRow] = []

    /// How an error names a place in this sheet.
    var label: String { "sheet '\(name)'" }
}

struct SheetRow {
    var number: Int
    var cells: [SheetCell]

    subscript(column: Int) -> SheetCell { column < cells.count ? cells[column] : .empty }

    var isBlank: Bool { cells.allSatisfy { if case .empty = $0 { true } else { false } } }
}

/// A cell's value.
enum SheetCell: Equatable {
    case empty
    case number(Double)
    case text(String)
    case boolean(Bool)
    /// A number shown as a date or time: a date-time as seconds since 1970-01-01 (the sheet's wall clock read
    /// as UTC), a time of day or a duration (`h:mm:ss`, `[h]:mm:ss`) as seconds.
    case seconds(Double)

    /// The cell as a column name or label: text as written, a whole number without a decimal point.
    var label: String {
        switch self {
        case .empty: ""
        case .text(let text): text.trimmingCharacters(in: .whitespaces)
        case .number(let value), .seconds(let value):
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .boolean(let value): value ? "TRUE" : "FALSE"
        }
    }
}

extension Sheet {
    /// The column letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA.
    static func columnLetters(_ index: Int) -> String {
        var letters: [Character] = []
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + digit))), at: 0)
            rest = (rest - 1) / 26
        }
        return String(letters)
    }
}
