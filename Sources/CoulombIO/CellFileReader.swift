import CoulombCore
import HDF5

/// Opens a file read-only, detects its layout and reads every cell in it: HDF5 layouts through libhdf5,
/// anything else as a cycler or potentiostat export recognised from its content.
public enum CellFileReader {
    /// Reads all cells of the file at `path`.
    ///
    /// Errors name the file, the object and the problem; repairs (a restarted test clock) come back as
    /// ``CellFile/warnings`` rather than silently.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - format: the layout the caller says the file has; a file detected as another is an
    ///     error naming both, rather than a guess.
    ///   - keepingInvalidSpectra: a spectrum that fails validation (a zero or NaN frequency, …)
    ///     goes to ``LoadedCell/rejectedSpectra`` instead of failing the whole file — for batch fits, where
    ///     one bad spectrum is reported and the others go on.
    ///
    /// A cell card next to the file (``CellCardFile/sidecar(for:)``) is applied to its cells.
    public static func read(_ path: String, format: FileLayout? = nil, keepingInvalidSpectra: Bool = false) throws -> CellFile {
        try UnreadFormat.checkIsFile(path)
        let file = ExportDetector.isHDF5(path)
            ? try readHDF5(path, keepingInvalidSpectra: keepingInvalidSpectra)
            : try ExportReader.read(path, keepingInvalidSpectra: keepingInvalidSpectra)
        if let format, format != file.layout {
            throw CoulombIOError(file: path, problem: "is \(file.layout.summary), not \(format.summary)", remedy: .inputFormat)
        }
        guard let sidecar = CellCardFile.sidecar(for: path) else { return file }
        return file.applying(try CellCardFile.read(sidecar), from: sidecar)
    }

    private static func readHDF5(_ path: String, keepingInvalidSpectra: Bool) throws -> CellFile {
        try mappingErrors {
            let file = try HDF5File.open(path)
            let (layout, locations) = try LayoutDetector(file: file).detect()
            let stem = fileStem(path)
            var cells: [LoadedCell] = []
            var warnings: [String] = []
            switch layout {
            case .battdat:
                let root = try file.root()
                let rootMetadata = root.hasAttribute("metadata")
                    ? try CellMetadata.parse(try root.stringAttribute("metadata"), file: path, object: "/")
                    : nil
                let reader = BattdatReader(file: file, keepInvalidSpectra: keepingInvalidSpectra)
                for location in locations {
                    let (cell, repairs) = try reader.read(location, defaultID: stem, rootMetadata: rootMetadata)
                    cells.append(cell)
                    warnings += repairs
                }
            case .simple:
                let reader = SimpleLayoutReader(file: file, keepInvalidSpectra: keepingInvalidSpectra)
                for location in locations {
                    let (cell, repairs) = try reader.read(location, defaultID: stem)
                    cells.append(cell)
                    warnings += repairs
                }
            case .cellpy:
                let (cell, repairs) = try CellpyReader(file: file).read(defaultID: stem)
                cells.append(cell)
                warnings += repairs
            case .matlab:
                let (read, repairs) = try MatlabBatchReader(file: file).read()
                cells += read
                warnings += repairs
            default:
                throw CoulombIOError(file: path, problem: "layout \(layout.rawValue) is not an HDF5 layout")
            }
            // These layouts say which rows form a spectrum (a test id, a group), so a spectrum holding several
            // sweeps is kept whole, with a warning: the export readers split such runs (`FrequencySweeps`).
            for loaded in cells {
                for (index, spectrum) in loaded.cell.spectra.enumerated() {
                    let sweeps = FrequencySweeps.ranges(spectrum.frequency_Hz)
                    guard sweeps.count > 1 else { continue }
                    warnings.append("\(path): cell '\(loaded.cell.id)': spectrum \(spectrum.testID ?? index) holds "
                                    + "\(sweeps.count) frequency sweeps (the frequency restarts or reverses at its points "
                                    + sweeps.dropFirst().map { String($0.lowerBound) }.joined(separator: ", ")
                                    + "); give each sweep its own test id to fit them apart")
                }
            }
            return CellFile(path: path, layout: layout, cells: cells, warnings: warnings)
        }
    }

    /// The SHA-256 of a file's bytes, as 64 hexadecimal digits (what `sha256sum` prints).
    public static func sha256(of path: String) throws -> String {
        try FileDigest.sha256(ofFile: path)
    }

    /// The file name without folders and extension, the id of a cell stored at a file's root.
    static func fileStem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
