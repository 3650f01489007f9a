/// Reads BioLogic EC-Lab binary files (`.mpr`), following the structure galvani's reader documents:
///
/// - a 52-byte signature (`BIO-LOGIC MODULAR FILE`, 0x1A, spaces to 48 bytes, four zero bytes);
/// - modules, each `MODULE` + a header: short name (10 bytes), long name (25), then either length and
///   version (u32 each) and a date (8) — or, from EC-Lab 11.50 on, marked by 0xFFFFFFFF where the length
///   was, a maximum length, length, version, an unknown u32 and the date — followed by `length` bytes;
/// - the `VMP data` module: the number of records (u32), the number of columns (u8), the column ids (version
///   0: u8 each, or u8 padded to two bytes, data from byte 100 or 1007; versions 2 and 3: u16 each, data from
///   byte 405 or 406), then packed little-endian records, one field per column id in that order; the
///   one-bit and two-bit flag columns share a single byte.
///
/// A column id Coulomb does not know (newer EC-Lab versions add them) is skipped with a warning when its
/// width can be inferred: it is the only unknown id, and the record size — the module's length after the
/// header over the number of records — less the known columns leaves 1, 2, 4 or 8 bytes for it. Any other
/// data-module version, or unknown ids whose widths cannot be inferred, is an error: the record layout
/// would be guessed. Columns, units and signs as in ``BiologicColumns``; errors name the record (from 1).
enum BiologicMPRReader {
    static let magic: [UInt8] = Array("BIO-LOGIC MODULAR FILE\u{1A}".utf8) + [UInt8](repeating: 0x20, count: 25) + [0, 0, 0, 0]

    private struct Module {
        var shortName: String
        var version: UInt32
        var data: Range<Int>
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        let bytes = text.bytes
        func fail(_ problem: String, _ object: String? = nil) -> CoulombIOError {
            CoulombIOError(file: text.file, object: object, problem: problem)
        }
        guard bytes.starts(with: magic) else { throw fail("not a BioLogic .mpr file (signature missing)") }
        var modules: [Module] = []
        var offset = magic.count
        while offset < bytes.count {
            guard bytes[offset..<min(offset + 6, bytes.count)].elementsEqual("MODULE".utf8) else {
                throw fail("expected 'MODULE' at byte \(offset) (is the file cut short or damaged?)")
            }
            offset += 6
            guard offset + 51 <= bytes.count else { throw fail("module header at byte \(offset) is cut short") }
            let shortName = String(decoding: bytes[offset..<offset + 10], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let isV2 = bytes[(offset + 35)..<(offset + 39)].allSatisfy { $0 == 0xFF }
            let headerSize = isV2 ? 59 : 51
            guard offset + headerSize <= bytes.count else { throw fail("module header at byte \(offset) is cut short") }
            let length = Int(bytes.u32(at: offset + (isV2 ? 39 : 35)))
            let version = bytes.u32(at: offset + (isV2 ? 43 : 39))
            let start = offset + headerSize
            guard start + length <= bytes.count else {
                throw fail("module '\(shortName)' claims \(length) bytes but only \(bytes.count - start) remain (is the file cut short?)")
            }
            modules.append(Module(shortName: shortName, version: version, data: start..<(start + length)))
            offset = start + length
        }
        guard let data = modules.first(where: { $0.shortName == "VMP data" }) else {
            throw fail("no 'VMP data' module; modules: \(modules.map(\.shortName).joined(separator: ", "))")
        }
        let module = "module 'VMP data'"
        guard data.data.count >= 5 else { throw fail("is cut short", module) }
        let base = data.data.lowerBound
        let records = Int(bytes.u32(at: base))
        let columnCount = Int(bytes[base + 4])
        // Where the column ids sit (first byte, stride, width) and where the records start.
        let idStart: Int, idStride: Int, idWidth: Int, recordsStart: Int
        switch data.version {
        case 0 where data.data.count > 5 && bytes[base + 5] != 0:
            (idStart, idStride, idWidth, recordsStart) = (5, 1, 1, 100)
        case 0:
            (idStart, idStride, idWidth, recordsStart) = (6, 2, 1, 1007)
        case 2, 3:
            (idStart, idStride, idWidth, recordsStart) = (5, 2, 2, data.version == 2 ? 405 : 406)
        default:
            throw fail("data module version \(data.version) is not one Coulomb knows (0, 2, 3)", module)
        }
        guard idStart + idStride * columnCount <= recordsStart else {
            throw fail("\(columnCount) column ids do not fit before the records (byte \(recordsStart))", module)
        }
        guard data.data.count >= recordsStart else { throw fail("is cut short before its records", module) }
        let ids = (0..<columnCount).map { column -> UInt16 in
            let at = base + idStart + idStride * column
            return idWidth == 1 ? UInt16(bytes[at]) : bytes.u16(at: at)
        }
        // The record layout: each column's byte offset; the flag columns share one byte. An id Coulomb does not
        // know takes the bytes the record size leaves over, when it is the only one: it is skipped, with a warning.
        let available = data.data.count - recordsStart
        let inferredSize = records > 0 && available % records == 0 ? available / records : nil
        let knownSize = ids.reduce(into: (size: 0, flags: false)) { sum, id in
            if BiologicColumnID.flags.contains(id) {
                if !sum.flags { sum = (sum.size + 1, true) }
            } else if let column = BiologicColumnID.columns[id] {
                sum.size += column.storage.size
            }
        }.size
        let unknown = ids.enumerated().filter { !BiologicColumnID.flags.contains($0.element) && BiologicColumnID.columns[$0.element] == nil }
        let leftOver = inferredSize.map { $0 - knownSize } ?? -1
        if !unknown.isEmpty, unknown.count > 1 || ![1, 2, 4, 8].contains(leftOver) {
            let described = unknown.map { "\($0.element) (column \($0.offset + 1) of \(columnCount))" }.joined(separator: ", ")
            let problem = unknown.count > 1
                ? "column ids \(described) are not ones Coulomb knows, and their widths cannot be inferred (the record size gives only their sum)"
                : "column id \(described) is not one Coulomb knows, and its width cannot be inferred ("
                    + (inferredSize == nil ? "the record size cannot be worked out from the module's length"
                        : "the \(leftOver) bytes the record size leaves for it are no column width") + ")"
            throw fail("""
                \(problem), so the record layout cannot be worked out; ids in this file: \
                \(ids.map(String.init).joined(separator: ", "))
                """, module)
        }
        var layout: [(id: UInt16, offset: Int, type: BiologicColumnID.Storage)] = []
        var position = 0
        var hasFlagsByte = false
        var warnings: [String] = []
        for (index, id) in ids.enumerated() {
            if BiologicColumnID.flags.contains(id) {
                if !hasFlagsByte {
                    hasFlagsByte = true
                    position += 1
                }
                continue
            }
            guard let column = BiologicColumnID.columns[id] else {
                warnings.append("\(text.file): \(module): column id \(id) (column \(index + 1) of \(columnCount)) is not one "
                                + "Coulomb knows: skipped (\(leftOver) bytes, the record size less the known columns)")
                position += leftOver
                continue
            }
            layout.append((id, position, column.storage))
            position += column.storage.size
        }
        let recordSize = position
        guard available >= records * recordSize else {
            throw fail("""
                claims \(records) records of \(recordSize) bytes but holds \(max(0, available / max(recordSize, 1))) \
                (is the file cut short?)
                """, module)
        }
        var values: [String: [Double]] = [:]
        var names: [String] = []
        for column in layout {
            let name = BiologicColumnID.columns[column.id]!.name
            names.append(name)
            guard values[name] == nil, BiologicColumns.all.contains(name) else { continue }
            let start = base + recordsStart + column.offset
            values[name] = bytes.withUnsafeBytes { raw in
                (0..<records).map { row in column.type.load(raw, at: start + row * recordSize) }
            }
        }
        guard records > 0 else { throw fail("holds no records", module) }
        var content = try BiologicColumns.content(values, file: text.file, headerNames: names, rowLocations: { "record \($0 + 1)" })
        content.warnings = warnings + content.warnings
        return content
    }
}

extension Array where Element == UInt8 {
    /// A little-endian integer at a byte offset.
    fileprivate func u32(at offset: Int) -> UInt32 {
        withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian }
    }

    fileprivate func u16(at offset: Int) -> UInt16 {
        withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian }
    }
}
