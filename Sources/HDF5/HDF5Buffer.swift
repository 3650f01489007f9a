#if canImport(Glibc)
import Glibc
#endif

/// Fresh arrays for large reads.
///
/// A new array's pages are mapped lazily; filling 400 MB of them costs ~200 ms of first-touch page faults,
/// five times the read itself (see `shared/docs/SWIFT_HDF5_NOTES.md`). Advising transparent huge pages on
/// large buffers cuts the fault count by 512.
enum HDF5Buffer {
    /// Below this size the faults are cheap and the advice is not worth a system call.
    static let hugePageThreshold = 4 << 20

    /// An array of `count` elements filled by `fill`, which must initialise all of them or throw.
    static func array<Element: BitwiseCopyable>(
        of _: Element.Type = Element.self, count: Int, fill: (UnsafeMutableRawPointer) throws -> Void
    ) rethrows -> [Element] {
        try [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress, count > 0 else { return }
            adviseHugePages(UnsafeMutableRawPointer(base), bytes: count * MemoryLayout<Element>.stride)
            try fill(UnsafeMutableRawPointer(base))
            initialized = count
        }
    }

    private static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= hugePageThreshold else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: pointer) + page - 1) / page * page
        let end = (Int(bitPattern: pointer) + bytes) / page * page
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
