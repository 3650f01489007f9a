import Foundation

/// Recognises a file's format from its content, not its name.
enum ExportDetector {
    /// Whether the file carries the HDF5 signature at offset 0, 512, 1024, 2048, … (where the HDF5
    /// format allows a user block to push it). A path that is no readable file counts as HDF5, so the
    /// HDF5 layer reports what is wrong with it (no such file, a directory, …) as it always has.
    static func isHDF5(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
        let size = (try? handle.seekToEnd()) ?? 0
        var offset: UInt64 = 0
        while offset + 8 <= size {
            try? handle.seek(toOffset: offset)
            guard let bytes = try? handle.read(upToCount: 8) else { return false }
            if [UInt8](bytes) == signature { return true }
            offset = offset == 0 ? 512 : offset * 2
        }
        return false
    }

    /// Whether the file is an MS Access (Jet or ACE) database: byte 4 starts "Standard Jet DB" or
    /// "Standard ACE DB".
    static func isAccessDatabase(_ file: ExportText) -> Bool {
        let name = file.bytes.dropFirst(4).prefix(15)
        return name.elementsEqual("Standard Jet DB".utf8) || name.elementsEqual("Standard ACE DB".utf8)
    }

    /// The export format of `file`, or `nil` when it is none Coulomb reads. Only the first 64 KiB are
    /// looked at, so a large file of something else is turned down quickly.
    static func detect(_ file: ExportText) -> FileLayout? {
        let text = ExportText(file: file.file, bytes: Array(file.bytes.prefix(1 << 16)))
        if text.bytes.starts(with: Array("BIO-LOGIC MODULAR FILE".utf8)) { return .biologicMPR }
        if PalmSensSessionReader.recognises(text) { return .palmSens }
        if IviumReader.recognises(text) { return .ivium }
        if EcoChemieDFRReader.recognises(text) { return .ecoChemieDFR }
        if P00Reader.recognises(text) { return .p00 }
        if text.bytes.starts(with: NewareNDAReader.magic) { return .newareNDA }
        if NewareNDAXReader.recognises(text.bytes) { return .newareNDAX }
        let head = text.firstLines(40).map { text.string($0) }
        guard let first = head.first else { return nil }
        if BiologicMPTReader.magic.contains(first) { return .biologicMPT }
        if first == "EXPLAIN", head.contains(where: { $0.hasPrefix("TAG\t") || $0.hasPrefix("TAG ") }) { return .gamryDTA }
        if first.hasPrefix("ZPLOT2 ASCII") || first.hasPrefix("ZPLOT ASCII") { return .zplot }
        if AutolabTextReader.recognises(firstLine: first) { return .autolab }
        if VersaStudioPARReader.recognises(head) { return .versaStudio }
        if CHInstrumentsReader.recognises(head) { return .chInstruments }
        for line in head where MaccorTextReader.isHeader(line.split(separator: "\t").map(String.init)) {
            return .maccorText
        }
        if PECCSVReader.header(in: text) != nil { return .pecCSV }
        guard let headerLine = text.firstLines(40).first(where: { !text.string($0).isEmpty }) else { return nil }
        let delimiter = CSVDialect.delimiter(of: text, line: headerLine)
        let names = text.fields(headerLine, delimiter: delimiter)
        // Before the impedance CSV, which would take their Frequency, Zre and Zim columns for its own.
        if ParstatTextReader.isHeader(names) { return .parstat }
        if PowerSuiteReader.isHeader(names) { return .powerSuite }
        if BatteryDataFormatReader.isHeader(names) { return .batteryDataFormat }
        if NewareCSVReader.isHeader(names) || NewareNestedCSVReader.recognises(text) { return .newareCSV }
        if ArbinCSVReader.isHeader(names) { return .arbinCSV }
        if ElchemeaI2BReader.recognises(text) { return .elchemeaI2B }
        if ImpedanceCSVReader.recognises(text) { return .impedanceCSV }
        return nil
    }
}
