/// Reads a file that is not HDF5: detects the export format from its content and hands it to that
/// format's reader; a file of no format Coulomb reads is refused by ``UnreadFormat``, in a few words.
enum ExportReader {
    static func read(_ path: String, keepingInvalidSpectra: Bool) throws -> CellFile {
        let text = try ExportText(contentsOf: path)
        // A Neware .ndax is a zip too, of .ndc tables: read as its own format, not as a workbook.
        if ZipContainer.isZip(text.bytes), !NewareNDAXReader.recognises(text.bytes) {
            return try readZip(path, keepingInvalidSpectra: keepingInvalidSpectra)
        }
        if let refusal = UnreadFormat.refusal(text) { throw refusal }
        guard let layout = ExportDetector.isAccessDatabase(text) ? .arbinRes : ExportDetector.detect(text) else {
            throw UnreadFormat.unrecognised(text)
        }
        let content: ExportContent
        switch layout {
        case .biologicMPT: content = try BiologicMPTReader.read(text)
        case .biologicMPR: content = try BiologicMPRReader.read(text)
        case .arbinCSV: content = try ArbinCSVReader.read(text)
        case .arbinRes: content = try ArbinResReader.read(text)
        case .newareCSV: content = try NewareCSVReader.read(text)
        case .maccorText: content = try MaccorTextReader.read(text)
        case .batteryDataFormat: content = try BatteryDataFormatReader.read(text)
        case .gamryDTA: content = try GamryDTAReader.read(text)
        case .zplot: content = try ZPlotReader.read(text)
        case .impedanceCSV: content = try ImpedanceCSVReader.read(text)
        case .autolab: content = try AutolabTextReader.read(text)
        case .chInstruments: content = try CHInstrumentsReader.read(text)
        case .versaStudio: content = try VersaStudioPARReader.read(text)
        case .powerSuite: content = try PowerSuiteReader.read(text)
        case .parstat: content = try ParstatTextReader.read(text)
        case .pecCSV: content = try PECCSVReader.read(text)
        case .palmSens: content = try PalmSensSessionReader.read(text)
        case .ivium: content = try IviumReader.read(text)
        case .ecoChemieDFR: content = try EcoChemieDFRReader.read(text)
        case .elchemeaI2B: content = try ElchemeaI2BReader.read(text)
        case .p00: content = try P00Reader.read(text)
        case .newareNDAX: content = try NewareNDAXReader.read(text)
        case .newareNDA: content = try NewareNDAReader.read(text)
        case .xlsx, .ods, .battdat, .simple, .cellpy, .matlab:
            throw CoulombIOError(file: path, problem: "layout \(layout.rawValue) is not read as text")
        }
        return try content.makeFile(path: path, layout: layout, keepingInvalidSpectra: keepingInvalidSpectra)
    }

    /// A zip archive: a workbook (.xlsx, .ods), or a refusal naming what the archive holds.
    private static func readZip(_ path: String, keepingInvalidSpectra: Bool) throws -> CellFile {
        let zip = try ZipContainer(path: path)
        if let file = try WorkbookReader.read(zip, keepingInvalidSpectra: keepingInvalidSpectra) { return file }
        throw UnreadFormat.unrecognisedZip(zip)
    }
}
