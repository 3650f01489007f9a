import CoulombCore
import HDF5

/// A file that cannot be read or written as asked: which file, which object in it, what is wrong.
public struct CoulombIOError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// The object inside the file (an HDF5 path), when one is to blame.
    public var object: String?
    public var problem: String
    /// What the user can do about it, when one thing would.
    public var remedy: Remedy?

    public init(file: String, object: String? = nil, problem: String, remedy: Remedy? = nil) {
        self.file = file
        self.object = object
        self.problem = problem
        self.remedy = remedy
    }

    init(_ error: HDF5Error) {
        var problem = error.reason
        if let detail = error.detail, !detail.isEmpty { problem += " (libhdf5: \(detail))" }
        self.init(file: error.file, object: error.object.isEmpty ? nil : error.object, problem: problem)
    }

    public var description: String {
        if let object { return "\(file): \(object): \(problem)" }
        return "\(file): \(problem)"
    }
}

/// Runs a body that reads or writes HDF5, turning the layer's errors into ``CoulombIOError``.
func mappingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as HDF5Error {
        throw CoulombIOError(error)
    }
}
