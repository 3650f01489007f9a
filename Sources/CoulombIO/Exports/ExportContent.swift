import ComplexModule
import CoulombCore

/// What an export reader found, in the model's units and sign convention, before validation.
///
/// Every reader fills one of these, so validation, the wording of errors (`line 63` of a text file,
/// `record 12` of a binary one) and the handling of bad spectra are the same for every format.
struct ExportContent {
    var cycling: CyclingColumns?
    var cyclingColumns: [ColumnDescription] = []
    var spectra: [ExportSpectrum] = []
    var spectrumColumns: [ColumnDescription] = []
    var warnings: [String] = []
    /// What the reader chose that a user should know (which columns a spectrum came from), for `info`.
    var notes: [String] = []
    /// The cell's electrode area read from the file's header, with where in the file it came from.
    var area: (value_cm2: Double, source: String)?
    /// Facts the file states about the cell (an Arbin `.res` file's mass), and everything else it says
    /// about the test, kept in the cell's metadata.
    var activeMass_g: Double?
    var metadata: JSONValue?

    /// Validates into a one-cell file whose cell is named after the file. A spectrum holding several
    /// frequency sweeps (``FrequencySweeps``) becomes one spectrum per sweep, with a warning; test ids
    /// count the spectra so made, in file order.
    func makeFile(path: String, layout: FileLayout, keepingInvalidSpectra: Bool) throws -> CellFile {
        var cell = Cell(id: CellFileReader.fileStem(path), activeMass_g: activeMass_g)
        if let metadata { cell.metadata = metadata }
        if let area {
            cell.area_cm2 = area.value_cm2
            cell.factSources[.area] = area.source
        }
        var warnings = warnings
        if let cycling {
            let (data, repairs) = try cycling.makeData(file: path, object: "/")
            cell.cycling = data
            warnings += repairs
        }
        var loaded = LoadedCell(cell: cell, objectPath: "/", cyclingColumns: cyclingColumns, spectrumColumns: spectrumColumns)
        loaded.notes = notes
        var sweeps: [ExportSpectrum] = []
        for (index, spectrum) in spectra.enumerated() {
            let split = spectrum.sweeps()
            if split.count > 1 {
                warnings.append("\(path): spectrum \(index) holds \(split.count) frequency sweeps (the sweep restarts or "
                                + "reverses at \(split.dropFirst().map { $0.rowLocations(0) }.joined(separator: ", "))): "
                                + "read as \(split.count) spectra")
            }
            sweeps += split
        }
        for (index, spectrum) in sweeps.enumerated() {
            do {
                loaded.cell.spectra.append(try spectrum.make(file: path, testID: index))
            } catch let error as CoulombIOError where keepingInvalidSpectra {
                loaded.rejectedSpectra.append((index, error))
            }
        }
        if loaded.cell.cycling == nil, loaded.cell.spectra.isEmpty, loaded.rejectedSpectra.isEmpty {
            throw CoulombIOError(file: path, problem: "holds no data rows")
        }
        return CellFile(path: path, layout: layout, cells: [loaded], warnings: warnings)
    }
}

/// One spectrum's columns as read: Z = Z′ + jZ″ in ohm, Z″ < 0 on a capacitive arc.
struct ExportSpectrum {
    var frequency_Hz: [Double] = []
    var real_ohm: [Double] = []
    var imaginary_ohm: [Double] = []
    var time_s: Double?
    /// Each point's time, when the file has them: a later sweep's time is its first point's.
    var pointTimes_s: [Double]?
    /// Where each point sits in the file, for errors.
    var rowLocations: (Int) -> String
    /// The model's column names → the file's.
    var sourceNames: [String: String]

    /// One spectrum per frequency sweep (``FrequencySweeps``); the first point's time for each.
    func sweeps() -> [ExportSpectrum] {
        let ranges = FrequencySweeps.ranges(frequency_Hz)
        guard ranges.count > 1 else { return [self] }
        return ranges.map { range in
            let locations = rowLocations
            return ExportSpectrum(
                frequency_Hz: Array(frequency_Hz[range]), real_ohm: Array(real_ohm[range]),
                imaginary_ohm: Array(imaginary_ohm[range]),
                time_s: pointTimes_s?[range.lowerBound] ?? (range.lowerBound == 0 ? time_s : nil),
                pointTimes_s: pointTimes_s.map { Array($0[range]) },
                rowLocations: { locations(range.lowerBound + $0) }, sourceNames: sourceNames)
        }
    }

    func make(file: String, testID: Int) throws -> ImpedanceSpectrum {
        do {
            return try ImpedanceSpectrum(
                frequency_Hz: frequency_Hz, impedance_ohm: zip(real_ohm, imaginary_ohm).map { Complex($0, $1) },
                testID: testID, time_s: time_s)
        } catch {
            var error = error
            let location = error.row.map(rowLocations) ?? "spectrum \(testID)"
            error.row = nil
            throw error.inFile(file, object: location, columnNames: sourceNames)
        }
    }
}

extension Array where Element == Int {
    /// `line N` for row `row`, given each row's line number.
    func lineName(_ row: Int) -> String { "line \(self[row])" }
}
