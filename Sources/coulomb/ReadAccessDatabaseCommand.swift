import ArgumentParser
import CoulombIO
import Foundation

/// `coulomb _read-res FILE` (hidden): the child process in which libmdb parses an Arbin `.res` file for
/// every other command (``AccessDatabaseParsing``), so a crash or hang of the C parser cannot take the
/// command down. Writes the reading in its own binary form to stdout; not for people.
struct ReadAccessDatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "_read-res", shouldDisplay: false)

    @Argument var file: String

    func run() throws {
        let status = AccessDatabaseParsing.serve(path: file)
        if status != 0 { throw ExitCode(status) }
    }

    /// Has the other commands parse `.res` files in a child process of this executable.
    static func isolateLibmdb() {
        guard let executable = Bundle.main.executablePath else { return }
        AccessDatabaseParsing.helper = [executable, configuration.commandName!]
    }
}
