/// Which spreadsheet number formats show a number as a date or a time, and what the number then means.
///
/// A spreadsheet stores dates and times as a count of days (Excel: days since 1899-12-30, or since 1904-01-01
/// in a workbook with `date1904`); only the cell's number format says a number is one. A format holding a
/// year or day (`yyyy-mm-dd hh:mm`) is a date-time; one with an elapsed-time field (`[h]:mm:ss`, `[mm]:ss`)
/// is a duration; one holding only hours, minutes and seconds (`h:mm:ss`, `mm:ss.0`) is a time of day — a
/// number below 1 (a day) is its seconds, a larger one a date-time, as Excel shows it and openpyxl reads it.
/// Text in quotes, escaped characters (`\-`) and bracketed colours or conditions (`[Red]`, `[<0]`) are not
/// part of the date.
enum NumberFormat {
    enum Meaning: Equatable { case number, dateTime, timeOfDay, duration }

    /// Excel's built-in format ids that show dates and times (ECMA-376 §18.8.30): 14–17 and 22 dates,
    /// 18–21, 45 and 47 times of day, 46 (`[h]:mm:ss`) a duration.
    static func builtIn(_ id: Int) -> Meaning {
        switch id {
        case 14...17, 22: .dateTime
        case 18...21, 45, 47: .timeOfDay
        case 46: .duration
        default: .number
        }
    }

    /// What a format code (`yyyy-mm-dd`, `[h]:mm:ss`, `0.00`, `General`) makes of a number.
    static func meaning(ofCode code: String) -> Meaning {
        var kept: [Character] = []
        var inQuote = false, inBracket = false, escaped = false
        var bracket = ""
        for character in code {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    let lowered = bracket.lowercased()
                    if !lowered.isEmpty, lowered.allSatisfy({ "hms".contains($0) }) { kept.append("[") }
                    bracket = ""
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            case ";": return meaningOf(kept)  // the first section (positive numbers) decides
            case "_", "*": escaped = true     // padding: the next character is not a code
            default: kept.append(Character(character.lowercased()))
            }
        }
        return meaningOf(kept)
    }

    private static func meaningOf(_ codes: [Character]) -> Meaning {
        let text = String(codes)
        if text.contains("general") { return .number }
        if text.contains("y") || text.contains("d") { return .dateTime }
        if text.contains("[") { return .duration }
        if text.contains("h") || text.contains("s") { return .timeOfDay }
        // `m` alone is a month (`mmm`), so a date.
        return text.contains("m") ? .dateTime : .number
    }

    /// Seconds from a spreadsheet's day count: a date-time since 1970-01-01, a duration or a time of day as is.
    static func seconds(days: Double, meaning: Meaning, date1904: Bool) -> Double {
        if meaning == .duration || (meaning == .timeOfDay && days < 1) { return days * 86400 }
        // 25,569 days from 1899-12-30 to 1970-01-01; the 1904 system counts 1,462 days fewer.
        return (days + (date1904 ? 1462 : 0) - 25569) * 86400
    }
}
