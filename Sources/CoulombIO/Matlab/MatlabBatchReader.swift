import CoulombCore
import HDF5

/// Reads a MATLAB v7.3 file in the layout of the Severson et al. (2019) fast-charging data set.
///
/// `/batch` is a struct array with one element per cell. Its fields read here: `cycles` (a struct whose
/// fields `t` (min), `V` (V), `I`, `Qc`, `Qd` (Ah) and `T` (°C) are cell arrays with one vector per cycle),
/// `summary` (per-cycle `cycle`, `QCharge`, `QDischarge`, `IR`, `Tavg`, `Tmin`, `Tmax`, `chargetime`, kept
/// as a stored table), and `barcode`, `policy_readable`, `channel_id`, `cycle_life` (metadata; the
/// barcode names the cell).
///
/// Cycles are joined into one record: a cycle whose clock starts below where the last one ended is
/// shifted to start there (the data set records each cycle from its own zero and keeps no rest between
/// them). The current's unit is checked against the file's own charge counters: when ∫I⁺dt over each
/// cycle matches `Qc` it is amperes; otherwise it is a C-rate and is converted with 1C = the median
/// ratio of `Qc` to ∫I⁺dt, with a warning saying so.
struct MatlabBatchReader {
    let file: HDF5File

    func read() throws -> (cells: [LoadedCell], warnings: [String]) {
        let root = try file.root()
        guard root.contains("batch"), try MatlabFile.matlabClass(try root.group("batch")) == "struct" else {
            let names = try root.children().map(\.name).filter { !$0.hasPrefix("#") }
            throw CoulombIOError(file: file.path, problem: """
                a MATLAB v7.3 file without the expected 'batch' struct (Severson et al. layout); it holds: \
                \(names.isEmpty ? "nothing" : names.joined(separator: ", "))
                """)
        }
        let batch = try root.group("batch")
        guard batch.contains("cycles") else {
            throw CoulombIOError(file: file.path, object: batch.path, problem: "the batch struct has no 'cycles' field")
        }
        let cycles = try MatlabFile.referenced(try batch.dataset("cycles"))
        let summaries = batch.contains("summary") ? try MatlabFile.referenced(try batch.dataset("summary")) : []
        func field(_ name: String) throws -> [HDF5Object] {
            batch.contains(name) ? try MatlabFile.referenced(try batch.dataset(name)) : []
        }
        let barcodes = try field("barcode"), policies = try field("policy_readable")
        let channels = try field("channel_id"), lives = try field("cycle_life")

        var cells: [LoadedCell] = []
        var warnings: [String] = []
        for (index, object) in cycles.enumerated() {
            var metadata: [String: JSONValue] = [:]
            if index < policies.count {
                metadata["policy_readable"] = .string(try MatlabFile.text(try MatlabFile.dataset(policies[index], file: file.path, expected: "policy_readable")))
            }
            for (name, list) in [("channel_id", channels), ("cycle_life", lives)] where index < list.count {
                let values = try MatlabFile.vector(try MatlabFile.dataset(list[index], file: file.path, expected: name))
                if let value = values.first { metadata[name] = .number(value) }
            }
            var id = "cell\(index)"
            if index < barcodes.count {
                let text = try MatlabFile.text(try MatlabFile.dataset(barcodes[index], file: file.path, expected: "barcode"))
                if !text.isEmpty { id = text }
                metadata["barcode"] = .string(text)
            }
            let summary = index < summaries.count
                ? try readSummary(try MatlabFile.group(summaries[index], file: file.path, expected: "summary"))
                : nil
            let group = try MatlabFile.group(object, file: file.path, expected: "cycles")
            let (columns, repairs) = try readCycles(group, cycleNumbers: summary?.index)
            var cell = Cell(id: id, metadata: .object(["matlab": .object(metadata)]))
            let (data, more) = try columns.makeData(file: file.path, object: group.path)
            cell.cycling = data
            var loaded = LoadedCell(cell: cell, objectPath: group.path,
                                    cyclingColumns: Self.cycleFields.map { ColumnDescription(name: $0.name, units: $0.units) },
                                    spectrumColumns: [])
            if let summary { loaded.storedTables.append(summary) }
            cells.append(loaded)
            warnings += repairs + more
        }
        return (cells, warnings)
    }

    static let cycleFields: [(name: String, units: String?)] = [("t", "min"), ("V", "V"), ("I", "A or C-rate"), ("Qc", "Ah"), ("Qd", "Ah"), ("T", "C")]

    private func readCycles(_ group: HDF5Group, cycleNumbers: [Double]?) throws -> (CyclingColumns, [String]) {
        func perCycle(_ name: String, required: Bool) throws -> [[Double]]? {
            guard group.contains(name) else {
                if required { throw CoulombIOError(file: file.path, object: group.path, problem: "the cycles struct has no '\(name)' field") }
                return nil
            }
            return try MatlabFile.referenced(try group.dataset(name)).map {
                try MatlabFile.vector(try MatlabFile.dataset($0, file: file.path, expected: name))
            }
        }
        let t = try perCycle("t", required: true)!, v = try perCycle("V", required: true)!, i = try perCycle("I", required: true)!
        let qc = try perCycle("Qc", required: false), qd = try perCycle("Qd", required: false), temperature = try perCycle("T", required: false)
        for (name, list) in [("V", v), ("I", i)] + [("Qc", qc), ("Qd", qd), ("T", temperature)].compactMap({ n, l in l.map { (n, $0) } })
        where list.count != t.count {
            throw CoulombIOError(file: file.path, object: group.path + "/" + name,
                                 problem: "holds \(list.count) cycles, but 't' holds \(t.count)")
        }
        var columns = CyclingColumns()
        columns.cycleIndex = []
        if qc != nil { columns.chargeCapacity_Ah = [] }
        if qd != nil { columns.dischargeCapacity_Ah = [] }
        if temperature != nil { columns.temperature_C = [] }
        var end = -Double.infinity
        var ratios: [Double] = []
        for k in t.indices where !t[k].isEmpty {
            let n = t[k].count
            for (name, list) in [("V", v[k]), ("I", i[k])] + [("Qc", qc?[k]), ("Qd", qd?[k]), ("T", temperature?[k])].compactMap({ n, l in l.map { (n, $0) } })
            where list.count != n {
                throw CoulombIOError(file: file.path, object: group.path + "/" + name,
                                     problem: "cycle \(k + 1) holds \(list.count) values, but 't' holds \(n)")
            }
            let seconds = t[k].map { $0 * 60 }
            let shift = seconds[0] < end ? end - seconds[0] : 0
            columns.time_s += seconds.map { $0 + shift }
            end = columns.time_s.last!
            columns.voltage_V += v[k]
            columns.current_A += i[k]
            let number = cycleNumbers.flatMap { k < $0.count ? Int(exactly: $0[k]) : nil } ?? k
            columns.cycleIndex! += Array(repeating: number, count: n)
            if let qc { columns.chargeCapacity_Ah! += qc[k] }
            if let qd { columns.dischargeCapacity_Ah! += qd[k] }
            if let temperature { columns.temperature_C! += temperature[k] }
            if let qc, let charged = qc[k].max(), charged > 0 {
                let integral = Self.chargeIntegral_unit_h(time_min: t[k], current: i[k])
                if integral > 0 { ratios.append(charged / integral) }
            }
        }
        var warnings: [String] = []
        let ratio = ratios.sorted().dropFirst(ratios.count / 2).first
        if let ratio, abs(ratio - 1) > 0.05 {
            columns.current_A = columns.current_A.map { $0 * ratio }  // the unrounded ratio: capacities match Qc
            let amperes = (ratio * 1e4).rounded() / 1e4
            warnings.append("\(file.path): \(group.path)/I: Qc is \(amperes) × ∫I⁺dt, so I reads as a C-rate: converted with 1C = \(amperes) A (median over \(ratios.count) cycles)")
        }
        columns.sourceNames = ["time_s": "t", "voltage_V": "V", "current_A": "I", "cycleIndex": "cycle",
                               "chargeCapacity_Ah": "Qc", "dischargeCapacity_Ah": "Qd", "temperature_C": "T"]
        return (columns, warnings)
    }

    /// ∫max(I, 0) dt by the trapezoid, t in minutes, in (unit of I)·h.
    private static func chargeIntegral_unit_h(time_min: [Double], current: [Double]) -> Double {
        var total = 0.0
        for k in time_min.indices.dropFirst() {
            total += 0.5 * (max(current[k], 0) + max(current[k - 1], 0)) * (time_min[k] - time_min[k - 1]) / 60
        }
        return total
    }

    private func readSummary(_ group: HDF5Group) throws -> StoredTable? {
        let names = try group.datasetNames()
        var columns: [(name: String, values: [Double])] = []
        for name in names {
            let dataset = try group.dataset(name)
            guard dataset.kind.isNumeric else { continue }
            columns.append((name, try MatlabFile.vector(dataset)))
        }
        guard let rows = columns.first?.values.count else { return nil }
        for column in columns where column.values.count != rows {
            throw CoulombIOError(file: file.path, object: group.path + "/" + column.name,
                                 problem: "holds \(column.values.count) values, but the summary's other fields hold \(rows)")
        }
        let index = columns.first { $0.name == "cycle" }?.values ?? (0..<rows).map(Double.init)
        return StoredTable(name: "MATLAB summary", object: group.path, indexName: "cycle", index: index,
                           columns: columns.filter { $0.name != "cycle" })
    }
}
