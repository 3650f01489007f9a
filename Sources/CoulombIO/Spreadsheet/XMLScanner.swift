/// A streaming reader of the XML in spreadsheet files: start tags with their attributes, end tags and
/// text, straight from the bytes.
///
/// Spreadsheet XML is machine-written and regular, and a sheet of a million rows holds tens of millions of
/// tags, so this reads bytes rather than building strings (Foundation's `XMLParser` hands every name and
/// attribute over as a `String`, several times slower on a large sheet). It does not validate: DTDs are not
/// read, so no entity can be declared (and none expanded without bound); comments, processing instructions
/// and CDATA are stepped over (CDATA's text kept). Malformed markup is an error naming the byte offset.
struct XMLScanner {
    enum Token: Equatable {
        /// `<name attributes>` or `<name attributes/>`; `name` and `attributes` are byte ranges.
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        case end(name: Range<Int>)
        /// Character data between tags, entities not yet decoded (see ``XMLScanner/text(_:)``).
        case text(Range<Int>)
    }

    struct Malformed: Error {
        var offset: Int
        var problem: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    mutating func next() throws -> Token? {
        let count = bytes.count
        guard offset < count else { return nil }
        if bytes[offset] != 0x3C {  // text up to the next '<'
            let start = offset
            while offset < count, bytes[offset] != 0x3C { offset += 1 }
            return .text(start..<offset)
        }
        let open = offset
        guard open + 1 < count else { throw Malformed(offset: open, problem: "the file ends inside a tag") }
        switch bytes[open + 1] {
        case 0x2F:  // </name>
            let name = open + 2
            guard let close = find(0x3E, from: name) else { throw Malformed(offset: open, problem: "an end tag is not closed") }
            offset = close + 1
            var end = close
            while end > name, isSpace(bytes[end - 1]) { end -= 1 }
            return .end(name: name..<end)
        case 0x3F:  // <? … ?>
            offset = try skip(past: [0x3F, 0x3E], from: open + 2, what: "a processing instruction")
            return try next()
        case 0x21:  // <!-- … -->, <![CDATA[ … ]]>, <!DOCTYPE …>
            if starts(with: "<!--", at: open) {
                offset = try skip(past: Array("-->".utf8), from: open + 4, what: "a comment")
                return try next()
            }
            if starts(with: "<![CDATA[", at: open) {
                let start = open + 9
                offset = try skip(past: Array("]]>".utf8), from: start, what: "a CDATA section")
                return .text(start..<(offset - 3))
            }
            guard let close = find(0x3E, from: open) else { throw Malformed(offset: open, problem: "a declaration is not closed") }
            offset = close + 1
            return try next()
        default:
            let name = open + 1
            var nameEnd = name
            while nameEnd < count, !isSpace(bytes[nameEnd]), bytes[nameEnd] != 0x3E, bytes[nameEnd] != 0x2F { nameEnd += 1 }
            guard nameEnd > name else { throw Malformed(offset: open, problem: "a tag has no name") }
            // The tag ends at the first '>' outside quoted attribute values.
            var index = nameEnd
            var quote: UInt8 = 0
            while index < count {
                let byte = bytes[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 0x22 || byte == 0x27 {
                    quote = byte
                } else if byte == 0x3E {
                    break
                }
                index += 1
            }
            guard index < count else { throw Malformed(offset: open, problem: "a start tag is not closed") }
            let selfClosing = bytes[index - 1] == 0x2F && index - 1 >= nameEnd
            offset = index + 1
            return .start(name: name..<nameEnd, attributes: nameEnd..<(selfClosing ? index - 1 : index), selfClosing: selfClosing)
        }
    }

    /// Steps to the end tag matching a start tag just read (not self-closing), past any nesting.
    mutating func skipElement() throws {
        var depth = 1
        while let token = try next() {
            switch token {
            case .start(_, _, let selfClosing): if !selfClosing { depth += 1 }
            case .end: depth -= 1; if depth == 0 { return }
            case .text: continue
            }
        }
        throw Malformed(offset: offset, problem: "the file ends inside an element")
    }

    /// Whether the name at `range` is `name`, ignoring any namespace prefix of the name in the file
    /// (`row`, `x:row`). A `name` with a prefix (`table:table-row`) must match whole.
    func isName(_ range: Range<Int>, _ name: StaticString) -> Bool {
        let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        if range.count == wanted.count { return zip(bytes[range], wanted).allSatisfy { $0 == $1 } }
        guard range.count > wanted.count, bytes[range.upperBound - wanted.count - 1] == 0x3A else { return false }
        return zip(bytes[(range.upperBound - wanted.count)..<range.upperBound], wanted).allSatisfy { $0 == $1 }
    }

    /// The value of attribute `name` (compared as ``isName(_:_:)`` does) among `attributes`, as a byte range
    /// with entities not decoded.
    func attribute(_ name: StaticString, in attributes: Range<Int>) -> Range<Int>? {
        var found: Range<Int>?
        forEachAttribute(in: attributes) { nameRange, value in
            if found == nil, isName(nameRange, name) { found = value }
        }
        return found
    }

    /// Calls `visit` with each attribute's name and value (byte ranges, entities not decoded), in one pass.
    func forEachAttribute(in attributes: Range<Int>, _ visit: (Range<Int>, Range<Int>) -> Void) {
        var index = attributes.lowerBound
        let end = attributes.upperBound
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < end, bytes[index] != 0x3D, !isSpace(bytes[index]) { index += 1 }
            let nameRange = nameStart..<index
            while index < end, bytes[index] != 0x22, bytes[index] != 0x27 { index += 1 }
            guard index < end else { return }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < end, bytes[index] != quote { index += 1 }
            let value = valueStart..<min(index, end)
            index += 1
            if !nameRange.isEmpty { visit(nameRange, value) }
        }
    }

    /// The text at `range` with the five predefined entities and character references decoded.
    func text(_ range: Range<Int>) -> String {
        guard bytes[range].contains(0x26) else { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == 0x26, let semicolon = bytes[index..<min(range.upperBound, index + 12)].firstIndex(of: 0x3B) else {
                out.append(byte)
                index += 1
                continue
            }
            let entity = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                out.append(contentsOf: Array(String(scalar).utf8))
                index = semicolon + 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A whole number written in `range` (a row number, a count), or `nil`.
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for byte in bytes[range] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        var index = start
        while index < bytes.count { if bytes[index] == byte { return index }; index += 1 }
        return nil
    }

    private func starts(with prefix: String, at index: Int) -> Bool {
        let utf8 = Array(prefix.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return zip(bytes[index..<(index + utf8.count)], utf8).allSatisfy { $0 == $1 }
    }

    /// The offset just past the first `terminator` at or after `start`.
    private func skip(past terminator: [UInt8], from start: Int, what: String) throws -> Int {
        var index = start
        while index + terminator.count <= bytes.count {
            if bytes[index] == terminator[0], zip(bytes[index..<(index + terminator.count)], terminator).allSatisfy({ $0 == $1 }) {
                return index + terminator.count
            }
            index += 1
        }
        throw Malformed(offset: start, problem: "\(what) is not closed")
    }
}
