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

    /// A fixed-length string's bytes without the padding its type declares. Null padding only pads: the
    /// value may hold NUL bytes of its own (a binary pickle); null termination ends at the first NUL.
    static func unpadded(_ raw: ArraySlice<UInt8>, _ padding: H5T_str_t) -> ArraySlice<UInt8> {
        var text = padding == H5T_STR_NULLPAD ? raw : raw.prefix { $0 != 0 }
        let pad = padding == H5T_STR_SPACEPAD ? UInt8(ascii: " ") : 0
        while text.last == pad { text = text.dropLast() }
        return text
    }

    /// Decodes bytes read from the file as UTF-8, refusing invalid sequences rather than guessing.
    func decodeUTF8(_ bytes: [UInt8], what: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure("\(what) is not valid UTF-8")
        }
        return text
    }
}
