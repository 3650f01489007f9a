import Foundation

/// The refusals of files Coulomb does not read, each short and specific: what the file is (when its content
/// says so) and what to do instead, or which line or column of a nearly-readable table broke it.
enum UnreadFormat {
    /// A path that is no regular file (missing, a directory, unreadable) is refused here, before libhdf5
    /// or an export reader could word it in their terms.
    static func checkIsFile(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CoulombIOError(file: path, problem: "no such file")
        }
        if isDirectory.boolValue {
            throw CoulombIOError(file: path, problem: "is a directory, not a file: give the files in it (such as '\(path)/*.csv')")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CoulombIOError(file: path, problem: "cannot be read (no permission)")
        }
    }

    /// The refusal of a file whose first bytes name a format Coulomb knows but does not read, or `nil`.
    static func refusal(_ text: ExportText) -> CoulombIOError? {
        let bytes = text.bytes
        func refuse(_ problem: String) -> CoulombIOError { CoulombIOError(file: text.file, problem: problem) }
        if bytes.isEmpty { return refuse("is empty (0 bytes)") }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return refuse("""
                an OLE2 compound file (an Excel 97–2003 .xls workbook, as older Arbin and LAND software write), which \
                Coulomb does not read: save it as .xlsx (Excel or LibreOffice) or export CSV
                """)
        }
        if bytes.starts(with: Array("PAR1".utf8)) {
            return refuse("an Apache Parquet file, which Coulomb does not read: write the table as CSV or battdat HDF5")
        }
        if bytes.starts(with: Array("ARROW1".utf8)) {
            return refuse("an Apache Arrow/Feather file, which Coulomb does not read: write the table as CSV or battdat HDF5")
        }
        if bytes.starts(with: [0x1F, 0x8B]) {
            return refuse("a gzip-compressed file: decompress it (gunzip) and read what it holds")
        }
        if bytes.allSatisfy({ $0 == 0 }) { return refuse("holds only zero bytes (\(bytes.count)); the file was never written") }
        return nil
    }

    /// The refusal of a file no detector took: a binary file by its first bytes (and, for the numbered
    /// extensions of Maccor's raw files, what to do with one); a text file by what its header nearly names.
    static func unrecognised(_ text: ExportText) -> CoulombIOError {
        let head = text.bytes.prefix(4096)
        if head.contains(0) {
            let shown = text.bytes.prefix(8).map { String($0, radix: 16, uppercase: true) }
                .map { $0.count == 1 ? "0" + $0 : $0 }.joined(separator: " ")
            let name = text.file.split(separator: "/").last.map(String.init) ?? text.file
            let maccor = name.split(separator: ".").last.map { $0.count == 3 && $0.allSatisfy(\.isNumber) } ?? false
            return CoulombIOError(file: text.file, problem: """
                a binary file of no format Coulomb reads (it starts \(shown))\
                \(maccor ? "; named like a Maccor raw data file (.001, …), which only Maccor's software decodes: export it as text (MacTest or MIMS: tab-separated, with 'Rec', 'TestTime', 'Current', 'Md' columns)" : "")
                """)
        }
        return nearMiss(text) ?? CoulombIOError(file: text.file, problem: """
            a text file of no layout Coulomb reads (line 1: '\(firstLine(text))'); docs/FILE_LAYOUTS.md lists the layouts it reads
            """)
    }

    /// The first non-blank line, cut to 80 characters.
    private static func firstLine(_ text: ExportText) -> String {
        guard let line = try? text.firstNonBlankLine() else { return "" }
        let string = text.string(line)
        return string.count > 80 ? String(string.prefix(77)) + "…" : string
    }

    /// A table whose header names some columns of a cycling or impedance layout but not all it needs:
    /// which line, what was found, what was missing.
    private static func nearMiss(_ text: ExportText) -> CoulombIOError? {
        for line in text.firstLines(40) where !text.string(line).isEmpty {
            let delimiter = CSVDialect.delimiter(of: text, line: line)
            let names = text.fields(line, delimiter: delimiter)
            guard names.count >= 2 else { continue }
            let quantities = names.map { CSVDialect.quantityAndUnit($0).quantity.lowercased() }
            func found(_ wanted: [String]) -> String? {
                quantities.firstIndex { quantity in wanted.contains { quantity == $0 } }.map { names[$0] }
            }
            let time = found(["test_time", "test time", "testtime", "total time", "cumulative time", "time", "time_s", "time/s"])
            let voltage = found(["voltage", "ewe", "ecell", "volts", "voltage_v", "ewe/v"])
            let current = found(["current", "i", "amps", "current_a", "i/ma", "<i>/ma"])
            let cycling = [("time", time), ("voltage", voltage), ("current", current)]
            if cycling.filter({ $0.1 != nil }).count >= 2 {
                let missing = cycling.filter { $0.1 == nil }.map(\.0)
                let present = cycling.compactMap { $0.1 }.map { "'\($0)'" }.joined(separator: ", ")
                guard missing.isEmpty else {
                    return text.error(line: line.number, """
                        a cycling table (\(present)) without a \(missing.joined(separator: " or ")) column among its \(names.count) columns
                        """)
                }
                return text.error(line: line.number, """
                    a table of \(present), but no cycler's export Coulomb reads as text: Arbin CSV needs 'Test_Time' with \
                    'Cycle_Index' or 'Step_Index', Neware 'Step Type' and 'Total Time', Battery Data Format 'Test Time / s'
                    """)
            }
            let frequency = found(Array(ImpedanceTable.frequencyNames))
            let real = found(Array(ImpedanceTable.realNames))
            let imaginary = found(Array(ImpedanceTable.imaginaryNames) + ImpedanceTable.imaginaryNames.map { "-" + $0 })
            let impedance = [("frequency", frequency), ("Z'", real), ("Z''", imaginary)]
            if impedance.filter({ $0.1 != nil }).count >= 2 {
                let missing = impedance.filter { $0.1 == nil }.map(\.0)
                return text.error(line: line.number, """
                    a spectrum table (\(impedance.compactMap { $0.1 }.map { "'\($0)'" }.joined(separator: ", "))) without a \
                    \(missing.joined(separator: " or ")) column; found \(names.filter { !$0.isEmpty }.prefix(12).map { "'\($0)'" }.joined(separator: ", "))
                    """)
            }
        }
        return nil
    }

    /// The refusal of a zip archive that is no workbook: what it holds, and what to do.
    static func unrecognisedZip(_ zip: ZipContainer) -> CoulombIOError {
        let names = zip.memberNames
        func refuse(_ problem: String) -> CoulombIOError { CoulombIOError(file: zip.path, problem: problem) }
        if names.contains(where: { $0.hasSuffix(".parquet") }) {
            return refuse("""
                a zip archive of Parquet tables (cellpy's file version 9, a .cellpy file, is one), which Coulomb does not \
                read: save the cell with cellpy as file version 8 (HDF5, cellpy 1.0) or export its raw table as CSV
                """)
        }
        if names.contains("mimetype") || names.contains("[Content_Types].xml") {
            return refuse("""
                an office document that is not a spreadsheet (\(names.prefix(3).joined(separator: ", "))…): save the data \
                as .xlsx, .ods or CSV
                """)
        }
        let shown = names.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
        return refuse("""
            a zip archive of \(names.count) member\(names.count == 1 ? "" : "s") (\(shown)\(names.count > 4 ? ", …" : "")), \
            not a workbook (.xlsx, .ods): unzip it and read the files inside
            """)
    }
}
