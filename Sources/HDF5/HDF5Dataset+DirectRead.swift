import _CHDF5
import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reading large 8-byte datasets without libhdf5's global lock.
///
/// Debian's thread-safe libhdf5 runs every call under one lock, so `H5Dread` decompresses chunk after chunk
/// on one core. When a dataset's bytes on disk are already the values wanted (little-endian float64 or
/// int64, as memory holds them) and its filters are at most shuffle and deflate, libhdf5 is asked only
/// where the bytes are; they are then read with `pread` and decoded in parallel on every core. Anything
/// else — other types, other filters, unallocated chunks, small datasets — goes through `H5Dread`.
extension HDF5Dataset {
    /// Below this many elements the plan costs more than it saves.
    static let directReadThreshold = 1 << 16

    /// Where the raw bytes are, as libhdf5 reports them.
    enum Storage {
        case contiguous(offset: Int)
        /// The filters' places in the pipeline: a chunk's filter mask has bit i set when filter i was skipped.
        case chunked(chunkLength: Int, chunks: [Chunk], shuffleFilter: Int?, deflateFilter: Int?)
    }

    struct Chunk {
        var offset: Int
        var size: Int
        /// Bit i set: pipeline filter i was skipped for this chunk.
        var filterMask: UInt32
    }

    /// Reads the whole dataset into `pointer` directly, or returns `false` when it must go through `H5Dread`.
    func directRead(memoryType: hid_t, into pointer: UnsafeMutableRawPointer) throws -> Bool {
        guard let storage = try directStorage(memoryType: memoryType) else { return false }
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let problems = Mutex<String?>(nil)
        let workers = max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 16))
        nonisolated(unsafe) let output = pointer
        let total = count * 8
        switch storage {
        case .contiguous(let offset):
            let block = 8 << 20
            let blocks = (total + block - 1) / block
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: blocks, by: workers) {
                    let start = index * block, length = min(block, total - start)
                    if !Self.readFully(descriptor, output + start, length, at: offset + start) {
                        problems.withLock { $0 = $0 ?? "short read at byte \(offset + start)" }
                    }
                }
            }
        case .chunked(let chunkLength, let chunks, let shuffleFilter, let deflateFilter):
            let chunkBytes = chunkLength * 8
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var raw = [UInt8](repeating: 0, count: chunkBytes + 64)
                var decoded = [UInt8](repeating: 0, count: chunkBytes)
                for index in stride(from: worker, to: chunks.count, by: workers) {
                    let chunk = chunks[index]
                    let start = index * chunkBytes, valid = min(chunkBytes, total - start)
                    let applied = { (filter: Int?) in filter.map { chunk.filterMask & (1 << $0) == 0 } ?? false }
                    if let problem = Self.decode(chunk, descriptor: descriptor, raw: &raw, decoded: &decoded,
                                                 inflate: applied(deflateFilter), unshuffle: applied(shuffleFilter),
                                                 into: output + start, valid: valid) {
                        problems.withLock { $0 = $0 ?? "chunk \(index): \(problem)" }
                    }
                }
            }
        }
        if let problem = problems.withLock({ $0 }) {
            throw failure("cannot read the data (\(problem))")
        }
        return true
    }

    /// Whether reading as doubles takes the direct path (for tests and diagnostics).
    var readsDoublesDirectly: Bool {
        get throws { try directStorage(memoryType: coulomb_H5T_NATIVE_DOUBLE()) != nil }
    }

    /// The storage plan, or `nil` when the fast path does not apply.
    private func directStorage(memoryType: hid_t) throws -> Storage? {
        guard shape.count == 1, count >= Self.directReadThreshold else { return nil }
        HDF5Library.silence()
        let type = HDF5Handle.datatype(H5Dget_type(handle.id))
        guard H5Tequal(type.id, memoryType) > 0, H5Tget_size(type.id) == 8 else { return nil }
        let properties = HDF5Handle.propertyList(H5Dget_create_plist(handle.id))
        guard H5Pget_external_count(properties.id) == 0 else { return nil }
        switch H5Pget_layout(properties.id) {
        case H5D_CONTIGUOUS:
            let offset = H5Dget_offset(handle.id)
            guard offset != coulomb_HADDR_UNDEF(), H5Dget_storage_size(handle.id) == hsize_t(count * 8) else {
                _ = HDF5Library.takeErrorStack()
                return nil
            }
            return .contiguous(offset: Int(offset))
        case H5D_CHUNKED:
            var chunkDims = [hsize_t(0)]
            guard H5Pget_chunk(properties.id, 1, &chunkDims) == 1 else { return nil }
            // Shuffle must come before deflate in the pipeline (h5py's and PyTables' order), or alone.
            var filters: [Int32] = []
            for index in 0..<H5Pget_nfilters(properties.id) {
                var flags: UInt32 = 0, elements = 0, configuration: UInt32 = 0
                filters.append(H5Pget_filter2(properties.id, UInt32(index), &flags, &elements, nil, 0, nil, &configuration))
            }
            guard filters == [] || filters == [H5Z_FILTER_SHUFFLE] || filters == [H5Z_FILTER_DEFLATE]
                || filters == [H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE] else { return nil }
            let chunkLength = Int(chunkDims[0])
            var chunks: [Chunk] = []
            chunks.reserveCapacity((count + chunkLength - 1) / chunkLength)
            for start in stride(from: 0, to: count, by: chunkLength) {
                var coordinate = [hsize_t(start)]
                var mask: UInt32 = 0, address: haddr_t = 0, size: hsize_t = 0
                guard H5Dget_chunk_info_by_coord(handle.id, &coordinate, &mask, &address, &size) >= 0,
                      address != coulomb_HADDR_UNDEF() else {
                    _ = HDF5Library.takeErrorStack()
                    return nil  // an unallocated chunk holds fill values: leave that to H5Dread
                }
                chunks.append(Chunk(offset: Int(address), size: Int(size), filterMask: mask))
            }
            return .chunked(chunkLength: chunkLength, chunks: chunks,
                            shuffleFilter: filters.firstIndex(of: H5Z_FILTER_SHUFFLE),
                            deflateFilter: filters.firstIndex(of: H5Z_FILTER_DEFLATE))
        default:
            return nil
        }
    }

    /// Reads one chunk's bytes, inflates and unshuffles them, and copies the valid part to `destination`.
    private static func decode(
        _ chunk: Chunk, descriptor: Int32, raw: inout [UInt8], decoded: inout [UInt8], inflate: Bool, unshuffle: Bool,
        into destination: UnsafeMutableRawPointer, valid: Int
    ) -> String? {
        if raw.count < chunk.size { raw = [UInt8](repeating: 0, count: chunk.size) }
        let ok = raw.withUnsafeMutableBytes { readFully(descriptor, $0.baseAddress!, chunk.size, at: chunk.offset) }
        guard ok else { return "short read" }
        let chunkBytes = decoded.count
        if inflate {
            var length = uLongf(chunkBytes)
            let status = decoded.withUnsafeMutableBufferPointer { out in
                raw.withUnsafeBufferPointer { input in
                    uncompress(out.baseAddress, &length, input.baseAddress, uLong(chunk.size))
                }
            }
            guard status == Z_OK, Int(length) == chunkBytes else { return "zlib could not inflate it (status \(status))" }
        } else if chunk.size < chunkBytes {
            return "stored size \(chunk.size) is smaller than the chunk"
        }
        (inflate ? decoded : raw).withUnsafeBytes { source in
            if unshuffle {
                // Shuffled bytes are grouped by significance: all first bytes, then all second bytes, …
                let elements = chunkBytes / 8
                let out = destination.assumingMemoryBound(to: UInt8.self)
                let input = source.bindMemory(to: UInt8.self)
                for element in 0..<(valid / 8) {
                    for byte in 0..<8 { out[element * 8 + byte] = input[byte * elements + element] }
                }
            } else {
                destination.copyMemory(from: source.baseAddress!, byteCount: valid)
            }
        }
        return nil
    }

    static func readFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ length: Int, at offset: Int) -> Bool {
        var done = 0
        while done < length {
            let got = pread(descriptor, buffer + done, length - done, off_t(offset + done))
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { return false }
            done += got
        }
        return true
    }
}
