/// Calendar dates as seconds since 1970-01-01, for exports that write wall-clock dates.
enum CivilDate {
    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let year = year - (month <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Seconds since 1970-01-01 of an ISO 8601 date or date-time without zone (`2024-03-01`,
    /// `2024-03-01T10:20:30.5`), as spreadsheets write them; `nil` when it is not one.
    static func seconds(iso text: Substring) -> Double? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let datePart = parts.first else { return nil }
        let date = datePart.split(separator: "-").compactMap { Int($0) }
        guard date.count == 3, (1...12).contains(date[1]), (1...31).contains(date[2]) else { return nil }
        var seconds = Double(days(year: date[0], month: date[1], day: date[2])) * 86_400
        if parts.count == 2 {
            let clock = parts[1].prefix { $0 != "Z" && $0 != "+" }.split(separator: ":").compactMap { Double($0) }
            guard clock.count == 3 else { return nil }
            seconds += clock[0] * 3600 + clock[1] * 60 + clock[2]
        }
        return seconds
    }
}
