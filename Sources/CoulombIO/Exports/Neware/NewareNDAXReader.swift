/// Reads Neware BTS `.ndax` files: a zip archive of `.ndc` tables and XML settings.
///
/// `data.ndc` says the layout version (``NDCFile``). Versions 2 and 5 hold whole records
/// (``NDCWholeRecords``); versions 11–17 split them over `data.ndc`, `data_runInfo.ndc` and
/// `data_step.ndc` (``NDCPagedTables``), joined here by record index: a sample takes its time and
/// counters from the run-information record of the same index, its cycle, step number and type from the
/// step that record belongs to. Files from BTS Server 8 list only some records in `data_runInfo.ndc`;
/// a record missing there keeps its voltage and current, takes the time of the last listed record plus
/// one record interval per record since (as Neware's own software and NewareNDA fill them, with a
/// warning saying how many), and has no counter reading (NaN: the next reading's growth counts for it).
///
/// Auxiliary channels are the tables named `data_AUX_<channel>_<…>.ndc` or `<name>_<n>.ndc`, in the order
/// of their numbers, described in the same order by `TestInfo.xml` (``NewareTestInfo``). The first
/// temperature channel becomes the record's temperature.
enum NewareNDAXReader {
    /// Whether the bytes start like an `.ndax` archive: a zip file whose first members include `.ndc`
    /// tables or Neware's own settings files.
    static func recognises(_ bytes: [UInt8]) -> Bool {
        guard bytes.starts(with: NDAXArchive.signature) else { return false }
        let known: Set<String> = ["VersionInfo.xml", "TestInfo.xml", "Step.xml", "EditStep.xml", "NdaxConfig.xml"]
        return NDAXArchive.localHeaders(bytes, limit: 32).headers.contains { known.contains($0.name) || $0.name.hasSuffix(".ndc") }
    }

    static func read(_ text: ExportText) throws -> ExportContent {
        try records(text).content()
    }

    static func records(_ text: ExportText) throws -> NewareRecords {
        let archive = try NDAXArchive(file: text.file, bytes: text.bytes)
        guard archive.contains("data.ndc") else {
            throw CoulombIOError(file: text.file, problem: """
                is a zip archive without 'data.ndc', so not a Neware .ndax file Coulomb reads; members: \
                \(archive.names.joined(separator: ", "))
                """)
        }
        let data = try NDCFile(archive.member("data.ndc"))
        guard data.fileType == 1 else {
            throw data.member.error(at: 0, "file type \(data.fileType), where a table of samples (type 1) belongs")
        }
        var records: NewareRecords
        if NDCWholeRecords.versions.contains(data.version) {
            records = try NDCWholeRecords.records(data)
        } else if NDCPagedTables.versions.contains(data.version) {
            records = try joined(data, archive: archive)
        } else {
            throw data.member.error(at: 2, "layout version \(data.version) is not one Coulomb reads (2, 5, 11, 14, 16, 17)")
        }
        guard records.count > 0 else {
            throw CoulombIOError(file: text.file, problem: "is empty: its data.ndc holds no records (a test that recorded nothing)")
        }
        try addTemperature(&records, archive: archive, version: data.version)
        return records
    }

    /// Versions 11–17: samples joined to their run information and step.
    private static func joined(_ data: NDCFile, archive: NDAXArchive) throws -> NewareRecords {
        for name in ["data_runInfo.ndc", "data_step.ndc"] where !archive.contains(name) {
            throw CoulombIOError(file: archive.file, problem: """
                has data.ndc of layout version \(data.version) but no '\(name)', which holds its time and steps
                """)
        }
        let runInfoTable = try NDCFile(archive.member("data_runInfo.ndc"))
        try runInfoTable.expect(fileType: 18, version: data.version)
        let stepTable = try NDCFile(archive.member("data_step.ndc"))
        try stepTable.expect(fileType: 7, version: data.version)
        let samples = try NDCPagedTables.samples(data)
        let info = try NDCPagedTables.runInfo(runInfoTable)
        let steps = try NDCPagedTables.steps(stepTable)
        let infoStep = NewareRecords.countChanges(info.step)

        let rows = samples.index.count
        var records = NewareRecords()
        guard rows > 0 else { return records }
        records.recordIndex = samples.index
        records.voltage_V = samples.voltage_V
        records.current_A = samples.current_A
        var stepTime = [Double](repeating: .nan, count: rows)
        var stepCount = [Int](repeating: 0, count: rows)
        records.chargeCapacity_Ah = [Double](repeating: .nan, count: rows)
        records.dischargeCapacity_Ah = records.chargeCapacity_Ah
        records.chargeEnergy_Wh = records.chargeCapacity_Ah
        records.dischargeEnergy_Wh = records.chargeCapacity_Ah
        // One pass over both tables, each in record-index order.
        var next = 0
        var filled = 0
        var listed = (time: Double.nan, interval: 0.0, step: 0)
        for row in 0..<rows {
            let index = samples.index[row]
            while next < info.index.count, info.index[next] < index { next += 1 }
            if next < info.index.count, info.index[next] == index {
                listed = (info.stepTime_s[next], info.interval_s[next], infoStep[next])
                stepTime[row] = listed.time
                records.chargeCapacity_Ah[row] = info.chargeCapacity_Ah[next]
                records.dischargeCapacity_Ah[row] = info.dischargeCapacity_Ah[next]
                records.chargeEnergy_Wh[row] = info.chargeEnergy_Wh[next]
                records.dischargeEnergy_Wh[row] = info.dischargeEnergy_Wh[next]
            } else {
                guard listed.step > 0 else {
                    throw CoulombIOError(file: archive.file, object: "member 'data_runInfo.ndc'", problem: """
                        has no entry for record \(index) nor for any record before it, so its time is unknown
                        """)
                }
                listed.time += listed.interval
                stepTime[row] = listed.time
                filled += 1
            }
            stepCount[row] = listed.step
        }
        guard let lastStep = stepCount.last, lastStep <= steps.stepIndex.count else {
            throw CoulombIOError(file: archive.file, object: "member 'data_step.ndc'", problem: """
                lists \(steps.stepIndex.count) steps, but data_runInfo.ndc has records of step \(stepCount.last ?? 0)
                """)
        }
        var cycle = [Int](repeating: 0, count: rows)
        records.stepIndex = [Int](repeating: 0, count: rows)
        records.stepType = [UInt8](repeating: 0, count: rows)
        for row in 0..<rows {
            let step = stepCount[row] - 1
            cycle[row] = steps.cycle[step]
            records.stepIndex[row] = steps.stepIndex[step]
            records.stepType[row] = steps.stepType[step]
        }
        records.cycle = cycle
        records.stepCount = stepCount
        records.stepTime_s = stepTime
        records.time_s = NewareRecords.testTime(stepTime: stepTime, stepCount: stepCount)
        if filled > 0 {
            records.warnings.append("""
                \(archive.file): \(filled) of \(rows) records have no entry in data_runInfo.ndc (BTS Server 8 lists only \
                some): their time is the last listed time plus one record interval per record, their capacity \
                counters are left missing
                """)
        }
        return records
    }

    /// Auxiliary channel tables, in the order of the numbers in their names.
    static func auxiliaryTables(_ names: [String]) -> [String] {
        let known: Set<String> = ["data.ndc", "data_runInfo.ndc", "data_step.ndc", "data_log.ndc", "data_es.ndc"]
        func numbers(_ name: String) -> [Int]? {
            guard name.hasSuffix(".ndc"), !known.contains(name) else { return nil }
            let stem = name.dropLast(4)
            if stem.hasPrefix("data_AUX_") {
                let parts = stem.dropFirst(9).split(separator: "_").map { Int($0) }
                return parts.count == 3 && parts.allSatisfy { $0 != nil } ? parts.map { $0! } : nil
            }
            guard let last = stem.split(separator: "_").last, stem.contains("_"), let number = Int(last) else { return nil }
            return [number, 0, 0]
        }
        return names.compactMap { name in numbers(name).map { (name, $0) } }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }.map(\.0)
    }

    /// The first auxiliary temperature channel, by record index.
    private static func addTemperature(_ records: inout NewareRecords, archive: NDAXArchive, version: UInt8) throws {
        let tables = auxiliaryTables(archive.names)
        guard let first = tables.first else { return }
        switch version {
        case 2, 5:
            let table = try NDCFile(archive.member(first))
            try table.expect(fileType: 5, version: version)
            let values = try NDCWholeRecords.temperatures(table)
            records.temperature_C = records.recordIndex.map { values[$0] ?? .nan }
        case 16:
            let table = try NDCFile(archive.member(first))
            try table.expect(fileType: 5, version: version)
            records.temperature_C = byRecord(try NDCPagedTables.auxiliary(table), records.recordIndex)
        case 14, 17:
            let info = archive.contains("TestInfo.xml") ? NewareTestInfo(xml: try archive.member("TestInfo.xml").bytes) : NewareTestInfo(xml: [])
            guard info.channels.count == tables.count else {
                records.warnings.append("""
                    \(archive.file): \(tables.count) auxiliary channel tables (\(tables.joined(separator: ", "))) but \
                    TestInfo.xml describes \(info.channels.count) channels, so which holds a temperature is unknown: \
                    auxiliary channels not read
                    """)
                return
            }
            guard let position = info.channels.indices.filter({ info.channels[$0].channelType == NewareTestInfo.temperatureType })
                .min(by: { info.channels[$0].auxID < info.channels[$1].auxID }) else { return }
            let table = try NDCFile(archive.member(tables[position]))
            try table.expect(fileType: 5, version: version)
            records.temperature_C = byRecord(try NDCPagedTables.auxiliary(table), records.recordIndex)
        default:
            records.warnings.append("\(archive.file): auxiliary channels of layout version \(version) are not read")
        }
    }

    /// Values stored one per record slot, picked for the given record indices (from 1); NaN past the end.
    private static func byRecord(_ values: [Double], _ index: [Int]) -> [Double] {
        index.map { $0 >= 1 && $0 <= values.count ? values[$0 - 1] : .nan }
    }
}
