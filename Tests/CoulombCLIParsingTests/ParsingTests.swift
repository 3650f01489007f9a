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

    /// `fit` (and `report`, `plot arrhenius`) and `drt` (and `plot drt`) read the thickness and the
    /// capacitance classes from one group, so they take the same values and refuse the same mistakes.
    @Test func fitAndDrtShareTheCapacitanceOptions() throws {
        let options = ["--thickness-cm", "0.05", "--capacitance-classes", "bulk=1e-11,interface"]
        let fit = try FitCommand.parse(["eis.h5", "--circuit", "R0-p(R1,CPE1)"] + options).derived.capacitances
        let drt = try DrtCommand.parse(["eis.h5"] + options).options.capacitances
        let plot = try DrtPlotCommand.parse(["eis.h5", "-o", "d.svg"] + options).options.capacitances
        for group in [fit, drt, plot] {
            #expect(group.thickness_cm == 0.05)
            #expect(try group.classes().classify(1e-12) == "bulk" && group.classes().classify(1e-6) == "interface")
        }
        #expect(try DrtCommand.parse(["eis.h5"]).options.capacitances.classes().classify(5e-9) == "grain_boundary")
        for mistake in [["--thickness-cm", "0"], ["--thickness-cm", "nan"], ["--capacitance-classes", "bulk=x"]] {
            #expect(throws: (any Error).self, "\(mistake)") { try DrtCommand.parse(["eis.h5"] + mistake) }
            #expect(throws: (any Error).self, "\(mistake)") { try FitCommand.parse(["eis.h5", "--circuit", "R0"] + mistake) }
        }
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

    /// Every command that writes a file takes `-o` and `--force` from the shared groups, `--force` meaning
    /// the same everywhere; the figure, import and report commands cannot run without `-o`.
    @Test func everyWritingCommandTakesTheSharedOutputOptions() throws {
        let commands: [(arguments: [String], output: String, required: Bool)] = [
            (["import", "a.csv"], "a.h5", true),
            (["report", "a.h5"], "a.html", true),
            (["merge", "s1.csv", "s2.csv"], "all.csv", false),
            (["batch", "a.h5"], "all.csv", false),
            (["cycles", "a.h5"], "c.json", false),
            (["dqdv", "a.h5"], "d.csv", false),
            (["ccd", "a.h5"], "c.h5", false),
            (["shorts", "a.h5"], "s.csv", false),
            (["fit", "a.h5", "--circuit", "R0"], "f.csv", false),
            (["kk", "a.h5"], "k.csv", false),
            (["drt", "a.h5"], "d.json", false),
        ] + ["voltage", "voltage-capacity", "capacity", "dqdv", "ccd", "shorts", "nyquist", "bode", "drt"].map {
            (["plot", $0, "a.h5"], "f.svg", true)
        } + [(["plot", "arrhenius", "a.h5", "--circuit", "R0", "--resistance", "R0"], "f.svg", true)]
        for command in commands {
            let forced = try Coulomb.parseAsRoot(command.arguments + ["-o", command.output, "--force"])
            let plain = try Coulomb.parseAsRoot(command.arguments + ["--output", command.output])
            #expect(Self.destination(of: forced) == .init(output: command.output, force: true), "\(command.arguments)")
            #expect(Self.destination(of: plain) == .init(output: command.output, force: false), "\(command.arguments)")
            if command.required {
                #expect(throws: (any Error).self, "\(command.arguments) without -o") { try Coulomb.parseAsRoot(command.arguments) }
            } else {
                #expect(Self.destination(of: try Coulomb.parseAsRoot(command.arguments)) == .init(output: nil, force: false))
            }
        }
    }

    /// Each command's `-o` keeps the help of what it writes, though declared once for all.
    @Test func outputHelpNamesWhatTheCommandWrites() {
        #expect(ImportCommand.helpMessage(columns: 400).contains("The battdat HDF5 file to write."))
        #expect(ReportCommand.helpMessage(columns: 400).contains("The HTML file to write."))
        #expect(MergeCommand.helpMessage(columns: 400).contains("The merged CSV file (default: standard output)."))
        #expect(NyquistPlotCommand.helpMessage(columns: 400).contains("The SVG file to write."))
        #expect(CyclesCommand.helpMessage(columns: 400).contains("(.csv, .json or .h5) instead of standard output."))
        for command in [ImportCommand.helpMessage(columns: 400), CyclesCommand.helpMessage(columns: 400)] {
            #expect(command.contains("-o, --output <output>") && command.contains("Replace the output file if it exists."))
        }
    }

    /// A name of a kind the command does not write is a usage error.
    @Test func outputExtensionsAreChecked() {
        #expect(throws: (any Error).self) { try Coulomb.parseAsRoot(["plot", "voltage", "a.h5", "-o", "f.png"]) }
        #expect(throws: (any Error).self) { try Coulomb.parseAsRoot(["cycles", "a.h5", "-o", "c.txt"]) }
        #expect(throws: (any Error).self) { try Coulomb.parseAsRoot(["report", "a.h5", "-o", "r.pdf"]) }
        #expect((try? Coulomb.parseAsRoot(["report", "a.h5", "-o", "r.HTM"])) != nil)
        #expect((try? Coulomb.parseAsRoot(["import", "a.csv", "-o", "cells.hdf5"])) != nil)
    }

    struct Destination: Equatable {
        var output: String?
        var force: Bool
    }

    /// Where a parsed command writes: its output group, found however deep in its option groups it is
    /// (the figures' lies in their input group), so the list above needs no case per command.
    static func destination(of value: Any) -> Destination? {
        for child in Mirror(reflecting: value).children {
            if let group = child.value as? any OutputGroup { return group.destination }
            if let found = destination(of: child.value) { return found }
        }
        return nil
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

/// The two output groups, seen alike by the tests.
protocol OutputGroup {
    var destination: ParsingTests.Destination { get }
}

extension OptionalOutput: OutputGroup {
    var destination: ParsingTests.Destination { .init(output: output, force: force) }
}

extension RequiredOutput: OutputGroup {
    var destination: ParsingTests.Destination { .init(output: output, force: force) }
}

extension OptionGroup: OutputGroup where Value: OutputGroup {
    var destination: ParsingTests.Destination { wrappedValue.destination }
}
