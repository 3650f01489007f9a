/// Reads a file that is not HDF5: detects the export format from its content and hands it to that
/// format's reader.
enum ExportReader {
    static func read(_ path: String, keepingInvalidSpectra: Bool) throws -> CellFile {
        let text = try ExportText(contentsOf: path)
        guard let layout = ExportDetector.isAccessDatabase(text) ? .arbinRes : ExportDetector.detect(text) else {
            throw CoulombIOError(file: path, problem: """
                not a format Coulomb reads: no HDF5 signature, and not any of \(ExportDetector.formatsTried)
                """)
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
        case .battdat, .simple, .cellpy, .matlab: throw CoulombIOError(file: path, problem: "HDF5 layouts are read through libhdf5")
        }
        return try content.makeFile(path: path, layout: layout, keepingInvalidSpectra: keepingInvalidSpectra)
    }
}
