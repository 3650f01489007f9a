import _CHDF5

/// What groups and datasets share: a place in an open file, and attributes.
public class HDF5Node {
    /// The file this object lives in; kept alive as long as the object is.
    public let file: HDF5File
    /// The absolute path of the object inside the file.
    public let path: String
    let handle: HDF5Handle

    init(file: HDF5File, path: String, handle: HDF5Handle) {
        self.file = file
        self.path = path
        self.handle = handle
    }

    /// The error for this object with the given reason.
    func failure(_ reason: String, detail: String? = nil) -> HDF5Error {
        HDF5Error(file: file.path, object: path, reason: reason, detail: detail)
    }

    /// The path of a child named `name`.
    func childPath(_ name: String) -> String {
        path == "/" ? "/" + name : path + "/" + name
    }

    /// Decodes bytes read from the file as UTF-8, refusing invalid sequences rather than guessing.
    func decodeUTF8(_ bytes: [UInt8], what: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure("\(what) is not valid UTF-8")
        }
        return text
    }
}
