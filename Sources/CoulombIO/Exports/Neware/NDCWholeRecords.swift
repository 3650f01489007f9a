/// The whole-record `.ndc` layouts, versions 2 and 5: each record holds everything about one sample.
///
/// Version 2 writes 94-byte records that begin with the same 8 bytes as the first record (at byte 517),
/// with gaps between groups of them; version 5 writes 87-byte records in 4096-byte pages (from byte 125
/// of a page to 56 bytes before its end), a record's type in its byte 7. Data records (type 0x55) hold,
/// at these offsets from the record's start: record index (u32, 8), cycle from 0 (u32, 12), schedule step
/// (u8, 16), step type (u8, 17), step time ms (u64, 23), voltage 0.1 mV (i32, 31), current (i32, 35),
/// charge and discharge capacity and energy (i64, 43, 51, 59, 67), the current range (i32, 82) which sets
/// the unit of the current and counters (``NewareCurrentRange``). Auxiliary records (type 0x65, or 0x74
/// with a second temperature) hold the channel (u8, 3), record index (u32, 8), voltage (i32, 31, 0.1 mV)
/// and temperature (i16, 41, 0.1 °C).
enum NDCWholeRecords {
    static let versions: Set<UInt8> = [2, 5]

    /// Each record's offset (at its byte 0; byte 7 of a version-5 record is then at offset + 7), in order.
    static func recordOffsets(_ table: NDCFile) throws -> [Int] {
        let bytes = table.member.bytes
        if table.version == 5 {
            let pages = try table.pageCount()
            var offsets: [Int] = []
            for page in 0..<pages {
                let base = NDCFile.pageSize * (page + 1)
                for slot in 0..<((NDCFile.pageSize - 125 - 56) / 87) { offsets.append(base + 125 + slot * 87) }
            }
            return offsets
        }
        let recordSize = 94
        guard bytes.count >= 525 else { throw table.member.error("is cut short: \(bytes.count) bytes, too few for the first record") }
        let marker = Array(bytes[517..<525])
        var offsets: [Int] = []
        var at = 517
        bytes.withUnsafeBufferPointer { buffer in
            while at + marker.count <= buffer.count {
                if buffer[at] == marker[0], buffer[at..<(at + marker.count)].elementsEqual(marker) {
                    offsets.append(at)
                    at += recordSize
                } else {
                    at += 1
                }
            }
        }
        if let last = offsets.last, last + recordSize > bytes.count {
            throw table.member.error(at: last, "is cut short inside a record (\(recordSize) bytes from here, \(bytes.count - last) left)")
        }
        return offsets
    }

    /// The byte at which a record's type sits.
    private static func typeOffset(_ table: NDCFile) -> Int { table.version == 5 ? 7 : 0 }

    static func records(_ table: NDCFile) throws -> NewareRecords {
        var records = NewareRecords()
        var stepTime: [Double] = []
        var cycle: [Int] = []
        let typeAt = typeOffset(table)
        let offsets = try recordOffsets(table)
        var previous = 0
        try table.member.bytes.withUnsafeBytes { raw in
            for at in offsets where raw[at + typeAt] == 0x55 {
                let index = Int(raw.littleEndian(at + 8, as: UInt32.self))
                guard index > previous else { continue }
                previous = index
                try records.appendIntegerReadings(raw, at: at, .init(voltage: 31, current: 35, counters: 43, range: 82),
                                                  record: index, member: table.member)
                records.recordIndex.append(index)
                cycle.append(Int(raw.littleEndian(at + 12, as: UInt32.self)) + 1)
                records.stepIndex.append(Int(raw[at + 16]))
                records.stepType.append(raw[at + 17])
                stepTime.append(Double(raw.littleEndian(at + 23, as: UInt64.self)) / 1000)
            }
        }
        records.cycle = cycle
        records.stepCount = NewareRecords.countChanges(records.stepIndex)
        records.stepTime_s = stepTime
        records.time_s = NewareRecords.testTime(stepTime: stepTime, stepCount: records.stepCount)
        return records
    }

    /// The first auxiliary channel's temperature by record index, from an auxiliary table.
    static func temperatures(_ table: NDCFile) throws -> [Int: Double] {
        let typeAt = typeOffset(table)
        var values: [Int: Double] = [:]
        var channel: UInt8?
        let offsets = try recordOffsets(table)
        table.member.bytes.withUnsafeBytes { raw in
            for at in offsets where raw[at + typeAt] == 0x65 || raw[at + typeAt] == 0x74 {
                guard channel == nil || channel == raw[at + 3] else { continue }
                channel = raw[at + 3]
                let index = Int(raw.littleEndian(at + 8, as: UInt32.self))
                if values[index] == nil { values[index] = Double(raw.littleEndian(at + 41, as: Int16.self)) / 10 }
            }
        }
        return values
    }
}
