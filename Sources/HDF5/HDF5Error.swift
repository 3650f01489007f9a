/// A failure in the HDF5 layer, naming the file, the object inside it and what went wrong.
///
/// Every libhdf5 failure is caught here: the library's own error stack is never printed, its innermost
/// message is kept in ``detail`` so a user can still see what libhdf5 said.
public struct HDF5Error: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's path as the caller gave it.
    public var file: String
    /// The object's path inside the file; empty when the file as a whole is at fault.
    public var object: String
    /// What went wrong, in words for the user.
    public var reason: String
    /// libhdf5's innermost error message, when it gave one.
    public var detail: String?

    public init(file: String, object: String, reason: String, detail: String? = nil) {
        self.file = file
        self.object = object
        self.reason = reason
        self.detail = detail
    }

    public var description: String {
        var text = object.isEmpty ? "\(file): \(reason)" : "\(file): \(object): \(reason)"
        if let detail, !detail.isEmpty { text += " (libhdf5: \(detail))" }
        return text
    }
}
