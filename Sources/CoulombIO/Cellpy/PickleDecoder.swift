import Foundation

/// A strict decoder for the pickles pandas and PyTables leave in HDF5 attributes and object columns.
///
/// It reads protocols 0 to 4 but only the data opcodes: marks, the memo, `None`, booleans, integers,
/// floats, strings, bytes, lists, tuples and dicts. Calls are never made. The one construct with code
/// in it that cellpy's files need — a numpy array of Python objects, which pickles as
/// `numpy.core.multiarray._reconstruct(numpy.ndarray, …)` followed by a `BUILD` of its state — is
/// recognised by those exact names and read as data (its items), never run; so is protocol 0–2's way of
/// writing bytes, `_codecs.encode(text, 'latin1')`, which numpy's array pickles contain; and so are dates and
/// times — `datetime.datetime`, `date`, `timedelta`, `timezone` and numpy's `datetime64`/`timedelta64`
/// scalars (`numpy.core.multiarray.scalar`) — whose state is plain bytes and integers (``PickleTime``). Any other global, a
/// persistent id, an extension code, `NEWOBJ`, `INST`, `OBJ` or an unknown opcode is an error naming the
/// opcode and its offset.
struct PickleDecoder {
    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var problem: String
        var description: String { "pickle byte \(offset): \(problem)" }
    }

    /// What the stack and the memo hold: indices into ``nodes``, so that a list appended to after it was
    /// memoised is the same list wherever it is referred to (as in Python).
    private enum Node {
        case value(PickleValue)
        case list([Int])
        case tuple([Int])
        case dict([(Int, Int)])
        case global(module: String, name: String)
        case call(function: Int, arguments: Int, state: Int?)
    }

    private static let reconstructors: Set<String> = ["numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct"]
    private static let scalars: Set<String> = ["numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar"]
    private static let times: Set<String> = ["datetime", "date", "timedelta", "timezone"]
    private static let allowedGlobals: Set<String> = reconstructors.union(scalars).union(times.map { "datetime.\($0)" })
        .union(["numpy.ndarray", "numpy.dtype", "_codecs.encode"])
    /// A pickle of column names is a few hundred bytes; this bounds what a hostile one can make us build.
    private static let maxNodes = 1 << 20

    private let bytes: [UInt8]
    private var position = 0
    private var nodes: [Node] = []
    private var stack: [Int] = []
    private var marks: [Int] = []
    private var memo: [Int: Int] = [:]

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes one pickle.
    static func decode(_ bytes: [UInt8]) throws -> PickleValue {
        var decoder = PickleDecoder(bytes)
        let root = try decoder.run()
        return try decoder.value(root, depth: 0)
    }

    private mutating func run() throws -> Int {
        while position < bytes.count {
            let start = position
            let opcode = bytes[position]
            position += 1
            guard nodes.count < Self.maxNodes else { throw Failure(offset: start, problem: "too many objects") }
            switch opcode {
            case 0x2E:  // STOP
                guard stack.count == 1 else { throw Failure(offset: start, problem: "STOP with \(stack.count) values on the stack") }
                return stack[0]
            case 0x80: _ = try take(1)  // PROTO
            case 0x95: _ = try take(8)  // FRAME: a length hint
            case 0x28: marks.append(stack.count)  // MARK
            case 0x30: _ = try pop(start)  // POP
            case 0x31: _ = try popMark(start)  // POP_MARK
            case 0x32: stack.append(try top(start))  // DUP
            case 0x4E: push(.value(.none))
            case 0x88: push(.value(.bool(true)))
            case 0x89: push(.value(.bool(false)))
            case 0x49:  // INT, text; I00 / I01 are False / True
                let text = try line()
                if text == "00" || text == "01" { push(.value(.bool(text == "01"))) }
                else { push(.value(.int(try integer(text, start)))) }
            case 0x4C:  // LONG, text with a trailing L
                push(.value(.int(try integer(text: try line(), dropping: "L", start))))
            case 0x4A: push(.value(.int(Int(Int32(bitPattern: UInt32(try little(4)))))))  // BININT
            case 0x4B: push(.value(.int(Int(try little(1)))))  // BININT1
            case 0x4D: push(.value(.int(Int(try little(2)))))  // BININT2
            case 0x8A: push(.value(.int(try signed(try take(Int(try little(1))), start))))  // LONG1
            case 0x8B: push(.value(.int(try signed(try take(try length(4, start)), start))))  // LONG4
            case 0x46:  // FLOAT, text
                let text = try line()
                guard let number = Double(text) else { throw Failure(offset: start, problem: "bad float '\(text)'") }
                push(.value(.float(number)))
            case 0x47: push(.value(.float(Double(bitPattern: try big(8)))))  // BINFLOAT
            case 0x53: push(.value(.string(try quoted(try line(), start))))  // STRING, a Python 2 str literal
            case 0x54: push(.value(.string(try utf8(try take(try length(4, start)), start))))  // BINSTRING
            case 0x55: push(.value(.string(try utf8(try take(Int(try little(1))), start))))  // SHORT_BINSTRING
            case 0x56: push(.value(.string(try rawUnicodeEscape(try lineBytes(), start))))  // UNICODE
            case 0x58: push(.value(.string(try utf8(try take(try length(4, start)), start))))  // BINUNICODE
            case 0x8C: push(.value(.string(try utf8(try take(Int(try little(1))), start))))  // SHORT_BINUNICODE
            case 0x8D: push(.value(.string(try utf8(try take(try length(8, start)), start))))  // BINUNICODE8
            case 0x42: push(.value(.bytes(Array(try take(try length(4, start))))))  // BINBYTES
            case 0x43: push(.value(.bytes(Array(try take(Int(try little(1)))))))  // SHORT_BINBYTES
            case 0x8E: push(.value(.bytes(Array(try take(try length(8, start))))))  // BINBYTES8
            case 0x5D: push(.list([]))  // EMPTY_LIST
            case 0x6C: push(.list(try popMark(start)))  // LIST
            case 0x29: push(.tuple([]))  // EMPTY_TUPLE
            case 0x74: push(.tuple(try popMark(start)))  // TUPLE
            case 0x85, 0x86, 0x87:  // TUPLE1, TUPLE2, TUPLE3
                let n = Int(opcode - 0x84)
                guard stack.count >= n else { throw Failure(offset: start, problem: "TUPLE\(n) on a short stack") }
                let items = Array(stack.suffix(n))
                stack.removeLast(n)
                push(.tuple(items))
            case 0x7D: push(.dict([]))  // EMPTY_DICT
            case 0x64: push(.dict(try pairs(try popMark(start), start)))  // DICT
            case 0x61:  // APPEND
                let item = try pop(start)
                try extendList(try top(start), with: [item], start)
            case 0x65:  // APPENDS
                let items = try popMark(start)
                try extendList(try top(start), with: items, start)
            case 0x73:  // SETITEM
                let value = try pop(start), key = try pop(start)
                try extendDict(try top(start), with: [(key, value)], start)
            case 0x75:  // SETITEMS
                let items = try popMark(start)
                try extendDict(try top(start), with: try pairs(items, start), start)
            case 0x70: memo[try integer(try line(), start)] = try top(start)  // PUT
            case 0x71: memo[Int(try little(1))] = try top(start)  // BINPUT
            case 0x72: memo[Int(try little(4))] = try top(start)  // LONG_BINPUT
            case 0x94: memo[memo.count] = try top(start)  // MEMOIZE
            case 0x67: stack.append(try recall(try integer(try line(), start), start))  // GET
            case 0x68: stack.append(try recall(Int(try little(1)), start))  // BINGET
            case 0x6A: stack.append(try recall(Int(try little(4)), start))  // LONG_BINGET
            case 0x63:  // GLOBAL, text: module and name lines
                let module = try line(), name = try line()
                try pushGlobal(module, name, start)
            case 0x93:  // STACK_GLOBAL
                let name = try pop(start), module = try pop(start)
                guard case .value(.string(let n)) = nodes[name], case .value(.string(let m)) = nodes[module] else {
                    throw Failure(offset: start, problem: "STACK_GLOBAL without two strings")
                }
                try pushGlobal(m, n, start)
            case 0x52:  // REDUCE: only an allowed global is ever the callee, and nothing is called
                let arguments = try pop(start), function = try pop(start)
                guard case .global = nodes[function], case .tuple = nodes[arguments] else {
                    throw Failure(offset: start, problem: "REDUCE of something other than an allowed global")
                }
                push(.call(function: function, arguments: arguments, state: nil))
            case 0x62:  // BUILD: records the state on the object it belongs to
                let state = try pop(start), target = try top(start)
                guard case .call(let function, let arguments, nil) = nodes[target] else {
                    throw Failure(offset: start, problem: "BUILD on something other than a reconstructed array")
                }
                nodes[target] = .call(function: function, arguments: arguments, state: state)
            default:
                throw Failure(offset: start, problem: String(format: "opcode 0x%02X (%@) is outside the data-only subset Coulomb reads",
                                                             Int(opcode), Self.describe(opcode)))
            }
        }
        throw Failure(offset: position, problem: "ends without STOP (truncated)")
    }

    private static func describe(_ opcode: UInt8) -> String {
        switch opcode {
        case 0x50, 0x51: "persistent id"
        case 0x81, 0x92: "NEWOBJ"
        case 0x69: "INST"
        case 0x6F: "OBJ"
        case 0x82, 0x83, 0x84: "extension code"
        case 0x8F, 0x90, 0x91: "set"
        case 0x96, 0x97, 0x98: "protocol 5 buffer"
        case 0x20...0x7E: "'\(Character(UnicodeScalar(opcode)))'"
        default: "unknown"
        }
    }

    // MARK: stack and memo

    private mutating func push(_ node: Node) {
        nodes.append(node)
        stack.append(nodes.count - 1)
    }

    private mutating func pop(_ at: Int) throws -> Int {
        guard let last = stack.popLast() else { throw Failure(offset: at, problem: "pop from an empty stack") }
        if let mark = marks.last, stack.count < mark { throw Failure(offset: at, problem: "pop past a mark") }
        return last
    }

    private func top(_ at: Int) throws -> Int {
        guard let last = stack.last else { throw Failure(offset: at, problem: "empty stack") }
        return last
    }

    private mutating func popMark(_ at: Int) throws -> [Int] {
        guard let mark = marks.popLast(), mark <= stack.count else { throw Failure(offset: at, problem: "no mark") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private func recall(_ key: Int, _ at: Int) throws -> Int {
        guard let index = memo[key] else { throw Failure(offset: at, problem: "memo \(key) was never stored") }
        return index
    }

    private mutating func pushGlobal(_ module: String, _ name: String, _ at: Int) throws {
        guard Self.allowedGlobals.contains("\(module).\(name)") else {
            throw Failure(offset: at, problem: "global \(module).\(name) is not allowed (only numpy object arrays, dates and times are read)")
        }
        push(.global(module: module, name: name))
    }

    private func pairs(_ items: [Int], _ at: Int) throws -> [(Int, Int)] {
        guard items.count % 2 == 0 else { throw Failure(offset: at, problem: "odd number of dict items") }
        return stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
    }

    private mutating func extendList(_ index: Int, with items: [Int], _ at: Int) throws {
        guard case .list(let existing) = nodes[index] else { throw Failure(offset: at, problem: "append to a non-list") }
        nodes[index] = .list(existing + items)
    }

    private mutating func extendDict(_ index: Int, with items: [(Int, Int)], _ at: Int) throws {
        guard case .dict(let existing) = nodes[index] else { throw Failure(offset: at, problem: "set item on a non-dict") }
        nodes[index] = .dict(existing + items)
    }

    // MARK: operands

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else {
            throw Failure(offset: position, problem: "needs \(count) more bytes, \(bytes.count - position) left (truncated)")
        }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    private mutating func little(_ count: Int) throws -> UInt64 {
        try take(count).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private mutating func big(_ count: Int) throws -> UInt64 {
        try take(count).reduce(0) { $0 << 8 | UInt64($1) }
    }

    private mutating func length(_ width: Int, _ at: Int) throws -> Int {
        let value = try little(width)
        guard value <= UInt64(bytes.count) else { throw Failure(offset: at, problem: "length \(value) past the end (truncated)") }
        return Int(value)
    }

    /// A little-endian two's-complement integer of up to 8 bytes (LONG1/LONG4).
    private func signed(_ raw: ArraySlice<UInt8>, _ at: Int) throws -> Int {
        guard raw.count <= 8 else { throw Failure(offset: at, problem: "integer wider than 64 bits") }
        guard !raw.isEmpty else { return 0 }
        var value = raw.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if raw.last! & 0x80 != 0, raw.count < 8 { value |= ~UInt64(0) << UInt64(raw.count * 8) }
        return Int(bitPattern: UInt(value))
    }

    private mutating func lineBytes() throws -> ArraySlice<UInt8> {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else {
            throw Failure(offset: position, problem: "a text operand without its newline (truncated)")
        }
        defer { position = end + 1 }
        return bytes[position..<end]
    }

    private mutating func line() throws -> String {
        let raw = try lineBytes()
        return try utf8(raw, position)
    }

    private func integer(_ text: String, _ at: Int) throws -> Int {
        guard let value = Int(text) else { throw Failure(offset: at, problem: "bad integer '\(text)'") }
        return value
    }

    private func integer(text: String, dropping suffix: Character, _ at: Int) throws -> Int {
        try integer(text.last == suffix ? String(text.dropLast()) : text, at)
    }

    private func utf8(_ raw: ArraySlice<UInt8>, _ at: Int) throws -> String {
        guard let text = String(validating: raw, as: UTF8.self) else { throw Failure(offset: at, problem: "text is not UTF-8") }
        return text
    }

    /// Protocol 0's UNICODE operand: Latin-1 bytes with `\uXXXX` and `\UXXXXXXXX` escapes.
    private func rawUnicodeEscape(_ raw: ArraySlice<UInt8>, _ at: Int) throws -> String {
        var scalars = String.UnicodeScalarView()
        var i = raw.startIndex
        while i < raw.endIndex {
            if raw[i] == 0x5C, i + 1 < raw.endIndex, raw[i + 1] == 0x75 || raw[i + 1] == 0x55 {
                let digits = raw[i + 1] == 0x75 ? 4 : 8
                guard i + 2 + digits <= raw.endIndex,
                      let code = UInt32(String(decoding: raw[(i + 2)..<(i + 2 + digits)], as: UTF8.self), radix: 16),
                      let scalar = UnicodeScalar(code) else { throw Failure(offset: at, problem: "bad \\u escape") }
                scalars.append(scalar)
                i += 2 + digits
            } else {
                scalars.append(UnicodeScalar(raw[i]))
                i += 1
            }
        }
        return String(scalars)
    }

    /// Protocol 0's STRING operand: a quoted Python 2 literal with backslash escapes.
    private func quoted(_ text: String, _ at: Int) throws -> String {
        guard text.count >= 2, let quote = text.first, quote == "'" || quote == "\"", text.last == quote else {
            throw Failure(offset: at, problem: "STRING operand is not quoted")
        }
        var out = "", escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\\", "'", "\"": out.append(character)
                default: throw Failure(offset: at, problem: "escape \\\(character) in a STRING is outside the subset")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    // MARK: values

    private func value(_ index: Int, depth: Int) throws -> PickleValue {
        guard depth < 64 else { throw Failure(offset: position, problem: "nested too deeply (or refers to itself)") }
        switch nodes[index] {
        case .value(let value): return value
        case .list(let items): return .list(try items.map { try value($0, depth: depth + 1) })
        case .tuple(let items): return .tuple(try items.map { try value($0, depth: depth + 1) })
        case .dict(let items):
            return .dict(try items.map { .init(key: try value($0.0, depth: depth + 1), value: try value($0.1, depth: depth + 1)) })
        case .global(let module, let name):
            throw Failure(offset: position, problem: "a bare reference to \(module).\(name)")
        case .call(let function, let arguments, let state):
            guard case .global(let module, let name) = nodes[function] else {
                throw Failure(offset: position, problem: "a call of something other than an allowed global")
            }
            if module == "_codecs", state == nil { return try latin1(arguments) }
            if module == "datetime", Self.times.contains(name), state == nil {
                guard case .tuple(let parts) = try value(arguments, depth: depth + 1) else {
                    throw Failure(offset: position, problem: "datetime.\(name) without an argument tuple")
                }
                return try timeValue { try PickleTime.call(name, parts) }
            }
            if Self.scalars.contains("\(module).\(name)"), state == nil { return try numpyScalar(arguments, depth: depth) }
            guard Self.reconstructors.contains("\(module).\(name)"), let state else {
                throw Failure(offset: position, problem: "a call that is not a numpy array reconstruction")
            }
            return try objectArray(state, depth: depth)
        }
    }

    /// `numpy…scalar(dtype, data)`: a datetime64 or timedelta64 (``PickleTime``); other scalars are refused.
    private func numpyScalar(_ arguments: Int, depth: Int) throws -> PickleValue {
        guard case .tuple(let parts) = nodes[arguments], parts.count == 2,
              case .call(let dtypeFunction, let dtypeArguments, let dtypeState?) = nodes[parts[0]],
              case .global("numpy", "dtype") = nodes[dtypeFunction] else {
            throw Failure(offset: position, problem: "a numpy scalar whose arguments are not (dtype, data)")
        }
        let dtype = try value(dtypeArguments, depth: depth + 1), state = try value(dtypeState, depth: depth + 1)
        let data = try value(parts[1], depth: depth + 1)
        return try timeValue { try PickleTime.numpyScalar(dtype: dtype, state: state, data: data) }
    }

    private func timeValue(_ make: () throws -> PickleValue) throws -> PickleValue {
        do { return try make() } catch let failure as PickleTime.Failure {
            throw Failure(offset: position, problem: failure.problem)
        }
    }

    /// `_codecs.encode(text, 'latin1')`: the text's code points as bytes.
    private func latin1(_ arguments: Int) throws -> PickleValue {
        guard case .tuple(let parts) = nodes[arguments], parts.count == 2,
              case .value(.string(let text)) = nodes[parts[0]],
              case .value(.string(let encoding)) = nodes[parts[1]], ["latin1", "latin-1"].contains(encoding),
              text.unicodeScalars.allSatisfy({ $0.value < 256 }) else {
            throw Failure(offset: position, problem: "a _codecs.encode call other than encode(text, 'latin1')")
        }
        return .bytes(text.unicodeScalars.map { UInt8($0.value) })
    }

    /// A numpy array's state: `(version, shape, dtype, is_fortran, data)`; only dtype `O` (Python objects,
    /// whose data is a list of them) is read.
    private func objectArray(_ state: Int, depth: Int) throws -> PickleValue {
        guard case .tuple(let parts) = nodes[state], parts.count == 5,
              case .tuple(let shapeItems) = nodes[parts[1]],
              case .call(let dtypeFunction, let dtypeArguments, _) = nodes[parts[2]],
              case .global("numpy", "dtype") = nodes[dtypeFunction],
              case .tuple(let dtypeParts) = nodes[dtypeArguments], let code = dtypeParts.first,
              case .value(.string(let typeCode)) = nodes[code] else {
            throw Failure(offset: position, problem: "a numpy array whose state is not (version, shape, dtype, order, data)")
        }
        guard typeCode.hasPrefix("O") else {
            throw Failure(offset: position, problem: "a numpy array of dtype \(typeCode); only object arrays are read")
        }
        let shape = try shapeItems.map { item -> Int in
            guard case .value(.int(let n)) = nodes[item], n >= 0 else { throw Failure(offset: position, problem: "bad array shape") }
            return n
        }
        guard case .list(let items) = nodes[parts[4]], items.count == shape.reduce(1, *) else {
            throw Failure(offset: position, problem: "an object array whose items do not match its shape \(shape)")
        }
        return .ndarray(shape: shape, items: try items.map { try value($0, depth: depth + 1) })
    }
}
