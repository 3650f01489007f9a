import CoulombCore
@testable import CoulombIO
import Foundation
import TestFixtures
import Testing

/// The pickle decoder against Python's own pickles (`Fixtures/formats/pickles.json`, made by
/// `pickle.dumps` at protocols 0–4 in `make_format_fixtures.py`): every value comes back equal — dates and
/// times (`datetime`, `date`, `timedelta`, `timezone`, numpy `datetime64`/`timedelta64`) field by field to the
/// nanosecond, as Python's calendar splits them —, and every
/// pickle outside the data-only subset is refused with the reason, never run.
@Suite struct PickleDecoderTests {
    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        var protocol_: Int?
        var what: String?
        var hex: String
        var value: JSONValue?
        var problem: String?

        enum CodingKeys: String, CodingKey {
            case protocol_ = "protocol", what, hex, value, problem
        }

        var bytes: [UInt8] {
            stride(from: 0, to: hex.count, by: 2).map {
                let start = hex.index(hex.startIndex, offsetBy: $0)
                return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
            }
        }

        var testDescription: String { what ?? "protocol \(protocol_ ?? -1): \(hex.prefix(24))…" }
    }

    struct Document: Decodable {
        var good: [Case]
        var bad: [Case]
    }

    static let document: Document = try! JSONDecoder().decode(
        Document.self, from: Data(contentsOf: URL(fileURLWithPath: Fixture.path("formats/pickles.json"))))

    @Test(arguments: document.good)
    func decodesPythonsPickles(_ item: Case) throws {
        let decoded = try PickleDecoder.decode(item.bytes)
        #expect(Self.json(decoded) == item.value)
    }

    @Test(arguments: document.bad)
    func refusesWhatIsNotData(_ item: Case) {
        let error = #expect(throws: PickleDecoder.Failure.self) { try PickleDecoder.decode(item.bytes) }
        #expect(error?.description.contains(item.problem!) == true, "\(error?.description ?? "no error")")
    }

    /// The fixture's JSON form: tuples as arrays, bytes as hex, dicts as `{"dict": [[key, value]…]}`, object
    /// arrays as `{"ndarray": shape, "items": […]}`.
    static func json(_ value: PickleValue) -> JSONValue {
        switch value {
        case .none: .null
        case .bool(let b): .bool(b)
        case .int(let n): .number(Double(n))
        case .float(let x): .number(x)
        case .string(let s): .string(s)
        case .bytes(let b): .string(b.map { String(format: "%02x", $0) }.joined())
        case .list(let items), .tuple(let items): .array(items.map(json))
        case .dict(let pairs): .object(["dict": .array(pairs.map { .array([json($0.key), json($0.value)]) })])
        case .ndarray(let shape, let items):
            .object(["ndarray": .array(shape.map { .number(Double($0)) }), "items": .array(items.map(json))])
        case .datetime(let t):
            .object(["datetime": .array([t.year, t.month, t.day, t.hour, t.minute, t.second, t.nanosecond].map { .number(Double($0)) }),
                     "utcoffset_s": t.utcOffset_s.map { .number(Double($0)) } ?? .null])
        case .date(let year, let month, let day): .object(["date": .array([year, month, day].map { .number(Double($0)) })])
        case .timedelta(let seconds, let nanoseconds): .object(["timedelta": .array([seconds, nanoseconds].map { .number(Double($0)) })])
        }
    }
}
