import Foundation

extension AtomicOutput {
    /// Writes a text file (UTF-8) atomically, under the rules of ``write(to:force:inputs:_:)``.
    public static func write(_ text: String, to path: String, force: Bool, inputs: [String] = []) throws {
        try write(to: path, force: force, inputs: inputs) { temporary in
            do {
                try text.write(toFile: temporary, atomically: false, encoding: .utf8)
            } catch {
                throw CoulombIOError(file: path, problem: "cannot be written (\(error.localizedDescription))")
            }
        }
    }
}
