import CoulombIO
import TestFixtures
import Testing

/// Bad exports made from the real files by `Fixtures/make_export_fixtures.py`: each gives one error naming
/// the file, the line (or module) and the problem.
@Suite struct ExportBadInputTests {
    @Test(arguments: [
        ("truncated.mpt", "line 81", "has 3 fields but the header on line 61 has 19 columns (is the file cut short?)"),
        ("header_beyond_end.mpt", "line 2", "'Nb header lines : 200' but the file has only 104 lines"),
        ("header_count_wrong.mpt", "line 70", "should hold the column names ('Nb header lines : 70') but holds numbers"),
        ("nan_frequency.mpt", "line 70", "column 'freq/Hz': frequency nan Hz is not a finite positive number"),
        ("arbin_missing_current.csv", "line 1", "no current column; looked for 'Current'"),
        ("arbin_not_a_number.csv", "line 101", "column 'Voltage': '3.4O5' is not a number"),
        ("arbin_time_backwards.csv", "line 51", "column 'Test_Time': time goes backwards (100.0 s after 170.0296 s)"),
        ("unknown_version.mpr", "module 'VMP data'", "data module version 7 is not one Coulomb knows (0, 2, 3)"),
        ("unknown_column.mpr", "module 'VMP data'", "column ids 998 (column 5 of 15), 999 (column 6 of 15) are not ones Coulomb knows, and their widths cannot be inferred"),
        ("truncated.mpr", nil, "module 'VMP data' claims 4246 bytes but only 3746 remain (is the file cut short?)"),
        ("autolab_truncated.txt", "line 30", "has 5 fields but the header on line 11 has 9 columns (is the file cut short?)"),
        ("chinstruments_truncated.txt", "line 50", "has 1 fields but the header on line 17 has 5 columns"),
        ("versastudio_truncated.par", "line 116", "segment <Segment1> has no closing '</Segment1>' (is the file cut short?)"),
        ("powersuite_not_a_number.txt", "line 5", "column 'Zre': '4077Z4.77' is not a number"),
        ("parstat_truncated.txt", "line 800", "has 5 fields but the header on line 1 has 9 columns"),
        ("parstat_kohm.txt", "line 1", "column 'Zre (kohms)': unit 'kohms' is not ohm"),
        ("pec_truncated.csv", "line 1000", "has 14 fields but the header on line 33 has 35 columns"),
        ("arbin_head.res", nil, "an MS Access database without a 'Channel_Normal_Table' table, so not an Arbin .res result file"),
    ] as [(String, String?, String)])
    func badExportGivesAClearError(name: String, object: String?, problem: String) {
        let path = Fixture.path("exports/bad/\(name)")
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.file == path)
        #expect(error?.object == object)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "no error")")
    }

    /// A batch fit keeps going past a spectrum that fails validation and says which one.
    @Test func invalidSpectrumIsSetAsideWhenAsked() throws {
        let file = try CellFileReader.read(Fixture.path("exports/bad/nan_frequency.mpt"), keepingInvalidSpectra: true)
        #expect(file.cells[0].cell.spectra.isEmpty)
        #expect(file.cells[0].rejectedSpectra.map(\.testID) == [0])
        #expect(file.cells[0].rejectedSpectra.first?.error.object == "line 70")
    }
}
