import Foundation

/// Reads Neware BTS `.nda` files (`NEWARE` at byte 0, the layout version at byte 14).
///
/// Version 130, as BTS 9.1 writes it (byte 1024 is 0x55): fixed-size records from byte 1024 until a
/// record of type 0x81 (the footer), the size found as the distance to the next record with the same
/// first two bytes (52, or 56 with a temperature). Offsets within a record: step number (u8, 2), step type
/// (u8, 3), record index (u32, 8), test time s and ns (u32, 12 and 16), current mA, voltage V, capacity
/// mA·s and energy mW·s (f32, 20, 24, 28, 32; the counters signed, negative while discharging), cycle from
/// 0 (u32, 36), and in 56-byte records a temperature °C (f32, 52).
///
/// Version 29 (BTS 7): 86-byte records after a header of varying length, the first one after four zero
/// bytes and followed by another record. Data records (0x55 0x00, ending in four zero bytes): record index
/// (u32, 2), cycle from 0 (u32, 6), step number (u16, 10), step type (u8, 12), step time ms (u64, 14),
/// voltage 0.1 mV (i32, 22), current (i32, 26), charge and discharge capacity and energy (i64, 38, 46, 54,
/// 62) and the current range (i32, 78) that sets their unit (``NewareCurrentRange``). Auxiliary records
/// (0x65) hold the channel (u8, 1), record index (u32, 2) and temperature (i16, 34, 0.1 °C). No real
/// version-29 file is public: the reader is checked on a file written to this layout and read by NewareNDA.
/// BTS 9.0's version-130 layout is not read: there is no sample of it to check a reader against.
enum NewareNDAReader {
    static let magic = Array("NEWARE".utf8)

    static func read(_ text: ExportText) throws -> ExportContent {
        try records(text).content()
    }

    static func records(_ text: ExportText) throws -> NewareRecords {
        let file = NewareMember(file: text.file, name: (text.file as NSString).lastPathComponent, bytes: text.bytes)
        let bytes = text.bytes
        guard bytes.count > 14 else { throw file.error("is cut short: \(bytes.count) bytes, too few for a .nda header") }
        let version = bytes[14]
        if version == 29 { return try version29(file) }
        guard version == 130 else {
            throw file.error(at: 14, "layout version \(version) is not one Coulomb reads (29, and 130 as BTS 9.1 writes it)")
        }
        let start = 1024
        guard bytes.count > start + 2 else {
            throw CoulombIOError(file: text.file, problem: "is empty: a .nda header and no records")
        }
        guard bytes[start] == 0x55 else {
            throw file.error(at: start, "holds version-130 records of BTS 9.0 (record type \(bytes[start])), which Coulomb does not read")
        }
        let recordSize = nextRecord(bytes, from: start).map { $0 - start } ?? 52
        guard recordSize == 52 || recordSize == 56 else {
            throw file.error(at: start, "records are \(recordSize) bytes apart; Coulomb reads BTS 9.1 records of 52 or 56 bytes")
        }
        return try records(file, start: start, recordSize: recordSize)
    }

    /// Where the next record with the same first two bytes as the one at `start` begins.
    private static func nextRecord(_ bytes: [UInt8], from start: Int) -> Int? {
        var at = start + 2
        while at + 1 < bytes.count, at < start + 256 {
            if bytes[at] == bytes[start], bytes[at + 1] == bytes[start + 1] { return at }
            at += 1
        }
        return nil
    }

    private static func records(_ file: NewareMember, start: Int, recordSize: Int) throws -> NewareRecords {
        let bytes = file.bytes
        let capacity = (bytes.count - start) / recordSize
        var records = NewareRecords()
        var cycle: [Int] = []
        var temperature: [Double] = []
        for keyPath in [\NewareRecords.time_s, \.voltage_V, \.current_A, \.chargeCapacity_Ah, \.dischargeCapacity_Ah,
                        \.chargeEnergy_Wh, \.dischargeEnergy_Wh] {
            records[keyPath: keyPath].reserveCapacity(capacity)
        }
        var previous = 0
        var at = start
        var ended = false
        bytes.withUnsafeBytes { raw in
            while at + recordSize <= raw.count {
                let type = raw[at]
                if type == 0x81 {
                    ended = true
                    break
                }
                defer { at += recordSize }
                guard type == 0x55 else { continue }
                let index = Int(raw.littleEndian(at + 8, as: UInt32.self))
                guard index > previous else { continue }
                previous = index
                records.recordIndex.append(index)
                records.stepIndex.append(Int(raw[at + 2]))
                records.stepType.append(raw[at + 3])
                records.time_s.append(Double(raw.littleEndian(at + 12, as: UInt32.self))
                                      + Double(raw.littleEndian(at + 16, as: UInt32.self)) * 1e-9)
                records.current_A.append(raw.float32(at + 20) / 1000)
                records.voltage_V.append(raw.float32(at + 24))
                // One signed counter each: positive while charging, negative while discharging (mA·s, mW·s).
                let charge = raw.float32(at + 28) / 3.6e6, energy = raw.float32(at + 32) / 3.6e6
                records.chargeCapacity_Ah.append(max(charge, 0))
                records.dischargeCapacity_Ah.append(max(-charge, 0))
                records.chargeEnergy_Wh.append(max(energy, 0))
                records.dischargeEnergy_Wh.append(max(-energy, 0))
                cycle.append(Int(raw.littleEndian(at + 36, as: UInt32.self)) + 1)
                if recordSize == 56 { temperature.append(raw.float32(at + 52)) }
            }
        }
        if !ended, at < bytes.count {
            throw file.error(at: at, "is cut short inside a record (\(recordSize) bytes from here, \(bytes.count - at) left)")
        }
        guard !records.recordIndex.isEmpty else {
            throw CoulombIOError(file: file.file, problem: "is empty: a .nda header and no data records")
        }
        records.cycle = cycle
        records.stepCount = NewareRecords.countChanges(records.stepIndex)
        if recordSize == 56 { records.temperature_C = temperature }
        return records
    }

    /// Version 29: where the first record starts, then every 86 bytes.
    private static func version29(_ file: NewareMember) throws -> NewareRecords {
        let bytes = file.bytes, size = 86
        let marker: [UInt8] = [0, 0, 0, 0, 0x55, 0]
        var first: Int?
        var at = 0
        while at + marker.count + size <= bytes.count {
            if bytes[at + 4] == 0x55, bytes[at..<(at + marker.count)].elementsEqual(marker), bytes[at + 4 + 12] != 0,
               at + 4 + size >= bytes.count || bytes[at + 4 + size] == 0x55 {
                first = at + 4
                break
            }
            at += 1
        }
        guard let first else { throw CoulombIOError(file: file.file, problem: "is empty: a .nda header and no data records") }
        var records = NewareRecords()
        var cycle: [Int] = [], stepTime: [Double] = [], stepKey: [UInt32] = []
        var temperatures: [Int: Double] = [:]
        var channel: UInt8?
        var previous = 0
        try bytes.withUnsafeBytes { raw in
            for at in stride(from: first, through: raw.count - size, by: size)
            where raw.littleEndian(at + 82, as: UInt32.self) == 0 {
                if raw[at] == 0x65 {
                    guard channel == nil || channel == raw[at + 1] else { continue }
                    channel = raw[at + 1]
                    let index = Int(raw.littleEndian(at + 2, as: UInt32.self))
                    if temperatures[index] == nil { temperatures[index] = Double(raw.littleEndian(at + 34, as: Int16.self)) / 10 }
                    continue
                }
                guard raw[at] == 0x55, raw[at + 1] == 0, raw[at + 12] != 0 else { continue }
                let index = Int(raw.littleEndian(at + 2, as: UInt32.self))
                guard index > previous else { continue }
                previous = index
                try records.appendIntegerReadings(raw, at: at, .init(voltage: 22, current: 26, counters: 38, range: 78),
                                                  record: index, member: file)
                records.recordIndex.append(index)
                cycle.append(Int(raw.littleEndian(at + 6, as: UInt32.self)) + 1)
                records.stepIndex.append(Int(raw.littleEndian(at + 10, as: UInt16.self)))
                records.stepType.append(raw[at + 12])
                // The step number, type and the byte after them change together at a new step.
                stepKey.append(raw.littleEndian(at + 10, as: UInt32.self))
                stepTime.append(Double(raw.littleEndian(at + 14, as: UInt64.self)) / 1000)
            }
        }
        guard !records.recordIndex.isEmpty else {
            throw CoulombIOError(file: file.file, problem: "is empty: a .nda header and no data records")
        }
        records.cycle = cycle
        records.stepCount = NewareRecords.countChanges(stepKey)
        records.stepTime_s = stepTime
        records.time_s = NewareRecords.testTime(stepTime: stepTime, stepCount: records.stepCount)
        if !temperatures.isEmpty { records.temperature_C = records.recordIndex.map { temperatures[$0] ?? .nan } }
        return records
    }
}
