import ArgumentParser

/// `--force`: an existing output file may be replaced. Declared once, for every command that writes a file.
struct ReplaceOutputOption: ParsableArguments {
    @Flag(help: "Replace the output file if it exists.")
    var force = false
}

/// The files a command's `-o` names: the words of its help and the check of the name's extension.
protocol OutputFiles {
    /// The help of `-o`.
    static var help: String { get }

    /// Refuses a file name of a kind the command does not write (a usage error, before any input is read).
    static func check(_ path: String) throws
}

extension OutputFiles {
    static func check(_ path: String) throws {}
}

/// `[-o FILE] [--force]`: the output file, or standard output without one.
///
/// `-o` is declared twice in all — here and in ``RequiredOutput`` — because argument-parser ties whether an
/// option is required to the type of its property; what each command writes is its `Files` parameter.
struct OptionalOutput<Files: OutputFiles>: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp(Files.help))
    var output: String?

    @OptionGroup var replace: ReplaceOutputOption

    var force: Bool {
        get { replace.force }
        set { replace.force = newValue }
    }

    func validate() throws {
        if let output { try Files.check(output) }
    }
}

/// `-o FILE [--force]`: the file a command writes, which it must be given.
struct RequiredOutput<Files: OutputFiles>: ParsableArguments {
    @Option(name: [.short, .customLong("output")], help: ArgumentHelp(Files.help))
    var output: String

    @OptionGroup var replace: ReplaceOutputOption

    var force: Bool { replace.force }

    func validate() throws {
        try Files.check(output)
    }
}
