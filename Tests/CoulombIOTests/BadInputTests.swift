import CoulombIO
import TestFixtures
import Testing

/// Every malformed fixture gives one error that names the file, the object and the problem.
@Suite struct BadInputTests {
    @Test(arguments: [
        ("not_hdf5.h5", "line 1", "a table of 'time_s', 'voltage_V', 'current_A', but no cycler's export Coulomb reads as text"),
        ("truncated.h5", nil, "truncated"),
        ("unknown_layout.h5", nil, "no known layout found; looked for battdat tables"),
        ("missing_current.h5", "/", "missing required dataset current_A|current|current_mA"),
        ("battdat_missing_current.h5", "/raw_data", "missing required column 'current'"),
        ("wrong_type.h5", "/voltage_V", "expected numbers, found string values"),
        ("zero_rows.h5", "/", "there are no rows"),
        ("mismatched_lengths.h5", "/", "column 'voltage_V': has 4 rows but 'time_s' has 5"),
        ("invalid_utf8_attribute.h5", "/", "attribute 'cell_type' is not valid UTF-8"),
        ("nan_time.h5", "/", "column 'time_s', row 2: value nan is not a finite number"),
        ("time_backwards.h5", "/", "column 'time_s', row 3: time goes backwards (15.0 s after 20.0 s)"),
        ("three_point_bad_frequency.h5", "/eis/0", "row 1: frequency 0.0 Hz is not a finite positive number"),
    ] as [(String, String?, String)])
    func badFileGivesAClearError(name: String, object: String?, problem: String) {
        let path = Fixture.path("bad/\(name)")
        let error = #expect(throws: CoulombIOError.self) { try CellFileReader.read(path) }
        #expect(error?.file == path)
        #expect(error?.object == object)
        #expect(error?.problem.contains(problem) == true, "\(error?.problem ?? "no error")")
    }
}
