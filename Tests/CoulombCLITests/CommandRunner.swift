import Foundation
import TestFixtures

/// Runs the built `coulomb` executable as a separate process, as a user would.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Coulomb {
    /// The executable SwiftPM built beside this test bundle.
    static let executable: URL = {
        let products = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidate = products.appendingPathComponent("coulomb")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        return Fixture.root.deletingLastPathComponent().appendingPathComponent(".build/debug/coulomb")
    }()

    /// `environment` replaces the test's own environment when given.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> CommandResult {
        let process = Process()
        if let environment { process.environment = environment }
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Fixture.root.deletingLastPathComponent()
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and stall the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }
}
