import _CHDF5
#if canImport(Glibc)
import Glibc
#endif

/// An open HDF5 file.
///
/// Files opened with ``open(_:)`` are read-only: nothing in Coulomb can write into an input file.
/// Files made with ``create(_:)`` are new; callers write them under a temporary name and rename them.
public final class HDF5File {
    /// The path as the caller gave it, used in every error.
    public let path: String
    let handle: HDF5Handle

    private init(path: String, handle: HDF5Handle) {
        self.path = path
        self.handle = handle
    }

    /// Opens an existing file read-only.
    public static func open(_ path: String) throws -> HDF5File {
        // The common mistakes get their own words rather than libhdf5's low-level read failure.
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw HDF5Error(file: path, object: "", reason: errno == ENOENT ? "no such file" : "cannot be opened (\(String(cString: strerror(errno))))")
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw HDF5Error(file: path, object: "", reason: "is a directory, not an HDF5 file")
        }
        HDF5Library.silence()
        // Checking the signature first gives a clear "not an HDF5 file" before H5Fopen's longer complaint.
        let accessible = coulomb_is_hdf5(path)
        if accessible == 0 {
            _ = HDF5Library.takeErrorStack()
            throw HDF5Error(file: path, object: "", reason: "not an HDF5 file (no HDF5 signature found)")
        }
        if accessible < 0 {
            throw HDF5Library.error(file: path, object: "", "cannot open the file")
        }
        let id = try HDF5Library.id(path, "", "cannot open the file (truncated or damaged?)") {
            H5Fopen(path, coulomb_H5F_ACC_RDONLY(), HDF5Library.defaultProperties)
        }
        return HDF5File(path: path, handle: .file(id))
    }

    /// Creates a new file; fails if one exists at `path`.
    public static func create(_ path: String) throws -> HDF5File {
        // Untimed, like every object Coulomb creates (the root group's header takes the file's setting).
        let properties = HDF5Handle.untimedCreation(coulomb_H5P_FILE_CREATE())
        let id = try HDF5Library.id(path, "", "cannot create the file") {
            H5Fcreate(path, coulomb_H5F_ACC_EXCL(), properties.id, HDF5Library.defaultProperties)
        }
        return HDF5File(path: path, handle: .file(id))
    }

    /// The root group.
    public func root() throws -> HDF5Group {
        try group("/")
    }

    /// The group at an absolute path.
    public func group(_ path: String) throws -> HDF5Group {
        let id = try HDF5Library.id(self.path, path, "no such group") {
            H5Gopen2(handle.id, path, HDF5Library.defaultProperties)
        }
        return HDF5Group(file: self, path: path, handle: .group(id))
    }

    /// Writes everything buffered to disk. Called before a written file is renamed into place.
    public func flush() throws {
        try HDF5Library.status(path, "/", "cannot flush the file") { H5Fflush(handle.id, H5F_SCOPE_GLOBAL) }
    }
}
