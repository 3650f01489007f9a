import Foundation

/// Writes an output file so that readers never see half of it and nothing existing is lost by accident.
///
/// The content goes to a temporary file beside the destination, which is renamed into place only when
/// complete; an existing destination is replaced only with `force`, and never when it is one of the inputs.
public enum AtomicOutput {
    public static func write(
        to path: String, force: Bool, inputs: [String] = [], _ body: (_ temporaryPath: String) throws -> Void
    ) throws {
        let destination = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == destination {
            throw CoulombIOError(file: path, problem: "is also an input; Coulomb never writes into an input file")
        }
        if FileManager.default.fileExists(atPath: path), !force {
            throw CoulombIOError(file: path, problem: "already exists", remedy: .replaceOutput)
        }
        let folder = destination.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try body(temporary.path)
            guard rename(temporary.path, destination.path) == 0 else {
                throw CoulombIOError(file: path, problem: "cannot move the finished file into place (\(String(cString: strerror(errno))))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
