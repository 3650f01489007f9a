import _CHDF5

/// Entry points shared by every call into libhdf5: silencing its error printing and turning its
/// return codes into ``HDF5Error``.
enum HDF5Library {
    static let defaultProperties: hid_t = coulomb_H5P_DEFAULT()

    /// Silences libhdf5's automatic error printing on the calling thread.
    ///
    /// The setting is per thread in thread-safe builds, so it is made before every call that can fail;
    /// it costs one call under libhdf5's lock.
    @inline(__always)
    static func silence() {
        coulomb_silence_errors()
    }

    /// Takes libhdf5's error stack of this thread (innermost message first) and clears it.
    static func takeErrorStack() -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        coulomb_take_error_stack(&buffer)
        // Some messages embed ctime's newline; an error must stay on one line.
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }.map { $0 == 10 || $0 == 13 ? 32 : $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The error for a failed call, carrying libhdf5's own message as its detail.
    static func error(file: String, object: String, _ reason: String) -> HDF5Error {
        let stack = takeErrorStack()
        // The innermost entry says what actually failed; the outer ones only repeat the call chain.
        let innermost = stack.split(separator: ";", maxSplits: 1).first.map(String.init)
        return HDF5Error(file: file, object: object, reason: reason, detail: innermost)
    }

    /// Runs a call that returns an identifier; a negative identifier becomes an ``HDF5Error``.
    @discardableResult
    static func id(
        _ file: String, _ object: String, _ reason: @autoclosure () -> String, _ call: () -> hid_t
    ) throws -> hid_t {
        silence()
        let id = call()
        if id < 0 { throw error(file: file, object: object, reason()) }
        return id
    }

    /// Runs a call that returns a status; a negative status becomes an ``HDF5Error``.
    static func status(
        _ file: String, _ object: String, _ reason: @autoclosure () -> String, _ call: () -> herr_t
    ) throws {
        silence()
        if call() < 0 { throw error(file: file, object: object, reason()) }
    }
}
