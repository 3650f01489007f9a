import ArgumentParser
import CoulombIO

/// `--from`: `auto` (detected from the content) or a named format, which the file must then be.
enum InputFormat: ExpressibleByArgument, Equatable {
    case auto
    case named(FileLayout)

    init?(argument: String) {
        if argument == "auto" { self = .auto } else if let layout = FileLayout(rawValue: argument) { self = .named(layout) } else { return nil }
    }

    static var allValueStrings: [String] { ["auto"] + FileLayout.allCases.map(\.rawValue) }

    var layout: FileLayout? {
        if case .named(let layout) = self { return layout }
        return nil
    }
}
