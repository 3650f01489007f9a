/// Python's and numpy's dates and times as they arrive in a pickle, turned into ``PickleValue`` data
/// without running anything.
///
/// - `datetime.datetime(state[, tzinfo])`: the state is 10 bytes — year (2, big-endian), month (its top
///   bit is `fold`), day, hour, minute, second, microsecond (3, big-endian); `tzinfo` may be a
///   `datetime.timezone`, read as its UTC offset.
/// - `datetime.date(state)`: 4 bytes — year (2, big-endian), month, day.
/// - `datetime.timedelta(days, seconds, microseconds)` and `datetime.timezone(offset[, name])`: the
///   duration (a time zone as its offset from UTC).
/// - numpy's `scalar(dtype('M8' | 'm8'), data)`: a `datetime64` / `timedelta64` — a little-endian int64
///   count of the dtype's unit (`D`, `h`, `m`, `s`, `ms`, `us`, `ns`; numpy's NaT is `None`) since
///   1970-01-01T00:00 for a datetime64.
enum PickleTime {
    struct Failure: Error {
        var problem: String
    }

    /// The value of a call to `datetime.<name>` with these (already decoded) arguments.
    static func call(_ name: String, _ arguments: [PickleValue]) throws -> PickleValue {
        switch (name, arguments.first) {
        case ("datetime", .bytes(let state)?) where state.count == 10 && arguments.count <= 2:
            let year = Int(state[0]) << 8 | Int(state[1]), month = Int(state[2] & 0x7F)
            let microsecond = Int(state[7]) << 16 | Int(state[8]) << 8 | Int(state[9])
            var offset: Int?
            if arguments.count == 2 {
                switch arguments[1] {
                case .none: offset = nil
                case .timedelta(let seconds, 0): offset = seconds
                default: throw Failure(problem: "a datetime whose tzinfo is not a datetime.timezone")
                }
            }
            return .datetime(try checked(PickleDateTime(
                year: year, month: month, day: Int(state[3]), hour: Int(state[4]), minute: Int(state[5]),
                second: Int(state[6]), nanosecond: microsecond * 1000, utcOffset_s: offset)))
        case ("date", .bytes(let state)?) where state.count == 4 && arguments.count == 1:
            let date = try checked(PickleDateTime(year: Int(state[0]) << 8 | Int(state[1]), month: Int(state[2]),
                                                  day: Int(state[3])))
            return .date(year: date.year, month: date.month, day: date.day)
        case ("timedelta", _):
            let parts = try arguments.map { item -> Int in
                guard case .int(let n) = item else { throw Failure(problem: "a timedelta whose arguments are not integers") }
                return n
            }
            guard (1...3).contains(parts.count) else { throw Failure(problem: "a timedelta of \(parts.count) arguments") }
            let padded = parts + [Int](repeating: 0, count: 3 - parts.count)
            let (seconds, overflow) = padded[0].multipliedReportingOverflow(by: 86_400)
            guard !overflow, abs(padded[1]) < 1 << 40, abs(padded[2]) < 1 << 40 else {
                throw Failure(problem: "a timedelta out of range")
            }
            return duration(seconds: seconds + padded[1] + padded[2].floorDivided(1_000_000),
                            nanoseconds: padded[2].floorModulo(1_000_000) * 1000)
        case ("timezone", .timedelta(let seconds, 0)?) where arguments.count <= 2:
            return .timedelta(seconds: seconds, nanoseconds: 0)
        default:
            throw Failure(problem: "a call of datetime.\(name) with arguments other than the ones Python pickles")
        }
    }

    /// numpy's datetime64 / timedelta64 scalar, from its dtype's arguments and state and its data bytes.
    static func numpyScalar(dtype: PickleValue, state: PickleValue, data: PickleValue) throws -> PickleValue {
        guard case .tuple(let dtypeArguments) = dtype, case .string(let code)? = dtypeArguments.first,
              ["M8", "m8"].contains(code), case .tuple(let stateItems) = state,
              case .bytes(let raw) = data, raw.count == 8 else {
            throw Failure(problem: "a numpy scalar other than a datetime64 or timedelta64")
        }
        guard stateItems.count > 1, stateItems[1] == .string("<") || stateItems[1] == .string("|") else {
            throw Failure(problem: "a big-endian numpy \(code) scalar")
        }
        // numpy 1 puts (unit, count, …) last in the dtype's state; numpy 2 puts (metadata, (unit, count, …)).
        func unitTuple(_ value: PickleValue?) -> [PickleValue]? {
            guard case .tuple(let items)? = value else { return nil }
            if case .bytes? = items.first { return items }
            return items.count == 2 ? unitTuple(items[1]) : nil
        }
        guard let info = unitTuple(stateItems.last), case .bytes(let unitBytes) = info[0],
              info.count > 1, case .int(1) = info[1] else {
            throw Failure(problem: "a numpy \(code) scalar without a unit (or with a multiple of one)")
        }
        let unit = String(decoding: unitBytes, as: UTF8.self)
        let units: [String: (seconds: Int, nanoseconds: Int)] = [
            "D": (86_400, 0), "h": (3600, 0), "m": (60, 0), "s": (1, 0), "ms": (0, 1_000_000), "us": (0, 1000), "ns": (0, 1),
        ]
        guard let scale = units[unit] else { throw Failure(problem: "a numpy \(code) scalar in unit '\(unit)'") }
        let count = raw.reversed().reduce(0) { $0 << 8 | Int($1) }
        if count == Int.min { return .none }  // NaT
        let time: PickleValue
        if scale.seconds > 0 {
            let (seconds, overflow) = count.multipliedReportingOverflow(by: scale.seconds)
            guard !overflow else { throw Failure(problem: "a numpy \(code) scalar out of range") }
            time = duration(seconds: seconds, nanoseconds: 0)
        } else {
            let perSecond = 1_000_000_000 / scale.nanoseconds
            time = duration(seconds: count.floorDivided(perSecond), nanoseconds: count.floorModulo(perSecond) * scale.nanoseconds)
        }
        guard code == "M8", case .timedelta(let seconds, let nanoseconds) = time else { return time }
        return .datetime(try checked(PickleDateTime(sinceEpoch_s: seconds, nanoseconds: nanoseconds)))
    }

    private static func duration(seconds: Int, nanoseconds: Int) -> PickleValue {
        .timedelta(seconds: seconds, nanoseconds: nanoseconds)
    }

    private static func checked(_ value: PickleDateTime) throws -> PickleDateTime {
        guard (1...12).contains(value.month), (1...PickleDateTime.days(inMonth: value.month, year: value.year)).contains(value.day),
              value.hour < 24, value.minute < 60, value.second < 60, value.nanosecond < 1_000_000_000 else {
            throw Failure(problem: "a date or time whose fields are out of range")
        }
        return value
    }
}

/// A calendar date and time of day as Python's `datetime` (or numpy's `datetime64`) holds it: naive
/// (no zone) unless `utcOffset_s` is set.
struct PickleDateTime: Equatable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var nanosecond = 0
    var utcOffset_s: Int?

    /// From seconds since 1970-01-01T00:00 (proleptic Gregorian calendar, as numpy counts).
    init(sinceEpoch_s seconds: Int, nanoseconds: Int) {
        let days = seconds.floorDivided(86_400), time = seconds.floorModulo(86_400)
        // Days to a civil date: eras of 400 years (146,097 days) starting on 0000-03-01.
        let shifted = days + 719_468
        let era = shifted.floorDivided(146_097), dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = time / 3600
        minute = time % 3600 / 60
        second = time % 60
        nanosecond = nanoseconds
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0,
         utcOffset_s: Int? = nil) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        self.nanosecond = nanosecond
        self.utcOffset_s = utcOffset_s
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// ISO 8601: `2016-08-05T16:16:23`, with a fraction when there is one and the offset when aware.
    var iso8601: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))"
        if nanosecond > 0 {
            var digits = String(nanosecond)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        if let offset = utcOffset_s {
            let magnitude = abs(offset)
            text += (offset < 0 ? "-" : "+") + two(magnitude / 3600) + ":" + two(magnitude % 3600 / 60)
        }
        return text
    }
}

extension Int {
    /// ⌊self / divisor⌋ for a positive divisor (Swift's `/` rounds towards zero).
    fileprivate func floorDivided(_ divisor: Int) -> Int {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int) -> Int { self - floorDivided(divisor) * divisor }
}
