import ArgumentParser
import CoulombCore
import Testing
@testable import coulomb

/// The command line parsed in process, as swift-argument-parser's own tests do: what each option
/// becomes, and which mistakes are usage errors before any file is opened.
@Suite struct ParsingTests {
    @Test func fitTakesItsOptionGroups() throws {
        let command = try #require(try Coulomb.parseAsRoot([
            "fit", "eis.h5", "--circuit", "R0-p(R1,CPE1)", "--interface", "R1", "--area-cm2", "0.5", "--weight", "unit",
            "--spectra", "1-3,7", "-o", "fits.csv", "--force",
        ]) as? FitCommand)
        #expect(command.input.file == "eis.h5")
        #expect(command.circuit == "R0-p(R1,CPE1)")
        #expect(command.derived.interface == ["R1"] && command.input.selection.card.area_cm2 == 0.5)
        #expect(command.settings.weight == .unit)
        #expect(command.destination.output == "fits.csv" && command.destination.force)
        #expect(try command.destination.kind() == .csv)
    }

    @Test func fitMistakesAreUsageErrors() throws {
        #expect(throws: (any Error).self) { try FitCommand.parse(["eis.h5", "--circuit", "R0", "--area-cm2=-1"]) }
        #expect(throws: (any Error).self) { try FitCommand.parse(["eis.h5", "--circuit", "R0", "--interfaces-per-cell", "3"]) }
        #expect(throws: (any Error).self) { try FitCommand.parse(["eis.h5", "--circuit", "R0", "-o", "fits.txt"]) }
        // A name that is no resistor of the circuit is refused while the circuit is read, before the file.
        let command = try FitCommand.parse(["eis.h5", "--circuit", "R0-p(R1,CPE1)", "--interface", "CPE1_Q"])
        let circuit = try command.settings.circuit(command.circuit)
        #expect(throws: ValidationError.self) { try command.derived.request(for: circuit) }
    }

    @Test func reportTakesTheSameFitOptionsAsFit() throws {
        let command = try ReportCommand.parse(["eis.h5", "--circuit", "R0-p(R1,C1)", "--interface", "R1", "--weight", "modulus",
                                               "--thickness-cm", "0.05", "-o", "page.html"])
        #expect(command.derived.interface == ["R1"] && command.derived.thickness_cm == 0.05)
        #expect(command.settings.weight == .modulus)
        #expect(throws: (any Error).self) { try ReportCommand.parse(["eis.h5", "-o", "page.pdf"]) }
    }

    @Test func numberListsExpandRanges() {
        #expect(NumberList(argument: "1-3,7")?.numbers == [1, 2, 3, 7])
        #expect(NumberList(argument: "3-1") == nil)
        #expect(NumberList(argument: "a") == nil)
    }

    @Test func outputKindFollowsTheExtension() throws {
        for (name, kind) in [("a.csv", OutputFileOptions.Kind.csv), ("a.JSON", .json), ("a.h5", .h5), ("a.hdf5", .h5)] {
            #expect(try OutputFileOptions.parse(["-o", name]).kind() == kind)
        }
        #expect(try OutputFileOptions.parse([]).kind() == nil)
    }

    /// The library names no flag; the command line adds its own words to the error.
    @Test func remediesAreWordedAsOptions() {
        #expect(Remedy.fact(.area).hint == ": give --area-cm2, or put area_cm2 in the file's metadata")
        #expect(Remedy.fact(.stackPressure).hint.contains("--cell-card"))
        #expect(Remedy.replaceOutput.hint == "; pass --force to replace it")
        let error = CellAnalysisError(file: "a.h5", cell: "x", error: AnalysisError("no electrode area", remedy: .fact(.area)))
        #expect(Remedy.of(error) == .fact(.area))
    }
}
