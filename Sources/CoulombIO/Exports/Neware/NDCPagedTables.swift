/// The tables of `.ndc` layout versions 11, 14, 16 and 17, which split a record over three tables joined
/// by the record index: `data.ndc` (voltage and current, one slot per record), `data_runInfo.ndc` (time,
/// capacity and energy counters, for some records only in files from BTS Server 8) and `data_step.ndc`
/// (one row per step: cycle, step number, step type), plus one table per auxiliary channel.
///
/// Units by version, as NewareNDA and fastnda document them and the sample files confirm: versions 11
/// and 16 store voltage in 0.1 mV, current in mA, capacity in mA·s and energy in mW·s; versions 14 and
/// 17 store volts, amperes, A·h and W·h. Every value is an IEEE single, except the times (integer ms).
enum NDCPagedTables {
    static let versions: Set<UInt8> = [11, 14, 16, 17]

    /// `data.ndc`: voltage and current by record index (the slot's position from 1). A slot whose
    /// voltage is exactly zero is empty (the rest of the last page).
    struct Samples {
        var index: [Int] = []
        var voltage_V: [Double] = []
        var current_A: [Double] = []
    }

    static func samples(_ table: NDCFile) throws -> Samples {
        let paging = NDCFile.Paging(recordSize: 8, trailer: 4)
        let slots = try table.slotCount(paging)
        let (voltageScale, currentScale) = table.version == 11 || table.version == 16 ? (1e-4, 1e-3) : (1.0, 1.0)
        var samples = Samples()
        samples.index.reserveCapacity(slots)
        samples.voltage_V.reserveCapacity(slots)
        samples.current_A.reserveCapacity(slots)
        var slot = 0
        try table.forEachRecord(paging) { raw, at in
            slot += 1
            let voltage = raw.littleEndian(at, as: UInt32.self)
            guard voltage & 0x7FFF_FFFF != 0 else { return }
            samples.index.append(slot)
            samples.voltage_V.append(Double(Float(bitPattern: voltage)) * voltageScale)
            samples.current_A.append(raw.float32(at + 4) * currentScale)
        }
        return samples
    }

    /// `data_runInfo.ndc`: the time within the step, the counters, the record interval and the step
    /// each record belongs to (a number that changes with each step), for the records listed.
    struct RunInfo {
        var index: [Int] = []
        var stepTime_s: [Double] = []
        var interval_s: [Double] = []
        var chargeCapacity_Ah: [Double] = []
        var dischargeCapacity_Ah: [Double] = []
        var chargeEnergy_Wh: [Double] = []
        var dischargeEnergy_Wh: [Double] = []
        var step: [Int32] = []
    }

    /// Record layout (offsets in bytes): step time ms (i32, 0), charge and discharge capacity, charge
    /// and discharge energy (f32, 5, 9, 13, 17), interval ms (i32, 29), time stamp s (i32, 33), step
    /// (i32, 37), record index (i32, 41), time stamp ms (i16, 45). A record with index 0 is empty.
    static func runInfo(_ table: NDCFile) throws -> RunInfo {
        let paging: NDCFile.Paging = switch table.version {
        case 11: .init(recordSize: 47, trailer: 16)
        case 14: .init(recordSize: 55, trailer: 4)
        default: .init(recordSize: 100, trailer: 64)
        }
        let slots = try table.slotCount(paging)
        // mA·s → A·h and mW·s → W·h, or A·h and W·h as stored.
        let counterScale = table.version == 11 || table.version == 16 ? 1 / 3.6e6 : 1.0
        var info = RunInfo()
        for keyPath in [\RunInfo.stepTime_s, \.interval_s, \.chargeCapacity_Ah, \.dischargeCapacity_Ah, \.chargeEnergy_Wh,
                        \.dischargeEnergy_Wh] {
            info[keyPath: keyPath].reserveCapacity(slots)
        }
        info.index.reserveCapacity(slots)
        info.step.reserveCapacity(slots)
        var last = 0
        try table.forEachRecord(paging) { raw, at in
            let index = Int(raw.littleEndian(at + 41, as: Int32.self))
            // Empty slots, and a record listed again (kept as first written).
            guard index > last else { return }
            last = index
            info.index.append(index)
            info.stepTime_s.append(Double(raw.littleEndian(at, as: Int32.self)) / 1000)
            info.chargeCapacity_Ah.append(raw.float32(at + 5) * counterScale)
            info.dischargeCapacity_Ah.append(raw.float32(at + 9) * counterScale)
            info.chargeEnergy_Wh.append(raw.float32(at + 13) * counterScale)
            info.dischargeEnergy_Wh.append(raw.float32(at + 17) * counterScale)
            info.interval_s.append(Double(raw.littleEndian(at + 29, as: Int32.self)) / 1000)
            info.step.append(raw.littleEndian(at + 37, as: Int32.self))
        }
        return info
    }

    /// `data_step.ndc`: one row per step run, in order: the instrument's cycle (from 0 in the file), the
    /// schedule's step number and the step type.
    struct Steps {
        var cycle: [Int] = []
        var stepIndex: [Int] = []
        var stepType: [UInt8] = []
    }

    /// Record layout: cycle (i32, 0), step number (i32, 4), step type (u8, 24); versions 16 and 17 add
    /// a record index (i32, 33), zero in an empty slot, where earlier versions leave the step number zero.
    static func steps(_ table: NDCFile) throws -> Steps {
        let wide = table.version >= 16
        let paging = wide ? NDCFile.Paging(recordSize: 100, trailer: 64) : NDCFile.Paging(recordSize: 37, trailer: 5)
        var steps = Steps()
        try table.forEachRecord(paging) { raw, at in
            let stepIndex = Int(raw.littleEndian(at + 4, as: Int32.self))
            guard (wide ? raw.littleEndian(at + 33, as: Int32.self) : Int32(stepIndex)) != 0 else { return }
            steps.cycle.append(Int(raw.littleEndian(at, as: Int32.self)) + 1)
            steps.stepIndex.append(stepIndex)
            steps.stepType.append(raw[at + 24])
        }
        return steps
    }

    /// An auxiliary channel's table: one value per record slot (record index = slot from 1). Versions 14
    /// and 17 store one single per slot, whose quantity `TestInfo.xml` names; version 16 stores a
    /// voltage (f32, 0.1 mV, at 1) and a temperature (i16, 0.1 °C, at 5) per 7-byte slot, and the
    /// temperature is returned. Version 11's auxiliary tables are not read.
    static func auxiliary(_ table: NDCFile) throws -> [Double] {
        var values: [Double] = []
        switch table.version {
        case 14, 17:
            values.reserveCapacity(try table.slotCount(.init(recordSize: 4, trailer: 4)))
            try table.forEachRecord(.init(recordSize: 4, trailer: 4)) { raw, at in values.append(raw.float32(at)) }
        case 16:
            values.reserveCapacity(try table.slotCount(.init(recordSize: 7, trailer: 2)))
            try table.forEachRecord(.init(recordSize: 7, trailer: 2)) { raw, at in
                values.append(Double(raw.littleEndian(at + 5, as: Int16.self)) / 10)
            }
        default:
            throw table.member.error(at: 2, "auxiliary tables of layout version \(table.version) are not read")
        }
        return values
    }
}
