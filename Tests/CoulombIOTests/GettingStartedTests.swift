import CoulombCore
import CoulombIO
import Testing
import TestFixtures

/// The DocC article "Getting started from Swift" (CoulombCore.docc/GettingStarted.md) runs as written, on
/// the demo's files: the simulated Si half cell (80 % first-cycle CE by construction, see
/// Fixtures/README.md) and three measured spectra of dummy circuits.
@Suite struct GettingStartedTests {
    @Test func theArticlesCodeRuns() throws {
        let file = try CellFileReader.read(Fixture.path("hdf5_columns/si_half_cell.h5"))
        let cell = file.cells[0].cell
        let data = try #require(cell.cycling)
        let convention = CycleConvention.Choice.choose(nil, cell: cell, data: data)
        let table = try CycleTable(data, convention: convention)
        // Constructed as 0.8 mAh delithiated of 1 mAh lithiated; integration of a sampled current (1e-9).
        #expect(abs((table.initialCoulombicEfficiency ?? 0) - 0.8) < 1e-9)

        let spectra = try CellFileReader.read(Fixture.path("battdat/eis_spectra.h5")).cells[0].cell
        let circuit = try CircuitParser.parse("R0-p(R1,CPE1)")
        let interpretation = try ImpedanceInterpretation(circuit: circuit, cell: spectra)
        let analysis = ImpedanceAnalysis(spectra.spectra, interpretation: interpretation, fitter: ImpedanceFitter(), workers: 2)
        #expect(analysis.fits.count == spectra.spectra.count)
        #expect(analysis.fits.contains { (try? $0.get())?.converged == true })
    }
}
