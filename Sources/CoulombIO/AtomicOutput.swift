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
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CoulombIOError(file: path, problem: "is a directory; give the path of a file to write")
        }
        let folder = destination.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw CoulombIOError(file: path, problem: "cannot be written: the folder '\(folder.path)' does not exist")
        }
        guard isDirectory.boolValue else {
            throw CoulombIOError(file: path, problem: "cannot be written: '\(folder.path)' is a file, not a folder")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw CoulombIOError(file: path, problem: "cannot be written: no permission to write in the folder '\(folder.path)'")
        }
        let temporary = folder.appendingPathComponent(
            ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try body(temporary.path)
            guard rename(temporary.path, destination.path) == 0 else {
                throw CoulombIOError(file: path, problem: "cannot move the finished file into place (\(String(cString: strerror(errno))))")
            }
        } catch var error as CoulombIOError where error.file == temporary.path {
            // The writer names the file it wrote, the temporary one: the user knows the destination, and the
            // library's own words add nothing to it.
            try? FileManager.default.removeItem(at: temporary)
            error.file = path
            error.problem = error.problem.replacingOccurrences(of: temporary.path, with: path)
            if let detail = error.problem.range(of: " (libhdf5: ") { error.problem = String(error.problem[..<detail.lowerBound]) }
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
