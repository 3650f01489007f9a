/// The auxiliary channels `TestInfo.xml` describes in an `.ndax` archive: `<AuxN AuxID="1"
/// ChlType="103" …/>` elements, in the order the channels' tables sort in.
///
/// Only the attributes are needed, so the elements are found by scanning the bytes, not by an XML
/// parser: the file declares GB2312 but real ones carry bytes valid in no encoding (one of the sample
/// files has a UTF-8 emoji in it), which an XML parser refuses as a whole.
struct NewareTestInfo {
    struct Channel: Equatable {
        var auxID: Int
        var channelType: Int
    }

    /// `ChlType` of a temperature channel.
    static let temperatureType = 103

    var channels: [Channel] = []

    init(xml bytes: [UInt8]) {
        let open = Array("<Aux".utf8)
        var at = 0
        while let start = Self.find(open, in: bytes, from: at) {
            at = start + open.count
            guard at < bytes.count, (0x30...0x39).contains(bytes[at]) else { continue }
            let end = Self.find([UInt8(ascii: ">")], in: bytes, from: at) ?? bytes.count
            let tag = bytes[at..<end]
            if let id = Self.attribute("AuxID", in: tag), let type = Self.attribute("ChlType", in: tag) {
                channels.append(Channel(auxID: id, channelType: type))
            }
            at = end
        }
    }

    /// The integer value of `name="…"` in a tag's bytes.
    private static func attribute(_ name: String, in tag: ArraySlice<UInt8>) -> Int? {
        let key = Array(" \(name)=\"".utf8)
        let bytes = Array(tag)
        guard let start = find(key, in: bytes, from: 0) else { return nil }
        let digits = bytes[(start + key.count)...].prefix { $0 != UInt8(ascii: "\"") }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        for at in from...(bytes.count - needle.count) where bytes[at] == needle[0] {
            if bytes[at..<(at + needle.count)].elementsEqual(needle) { return at }
        }
        return nil
    }
}
