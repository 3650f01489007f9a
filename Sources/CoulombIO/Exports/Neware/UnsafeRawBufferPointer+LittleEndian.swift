extension UnsafeRawBufferPointer {
    /// The little-endian integer at a byte offset, at any alignment. Callers check the offset against
    /// the buffer's size before a loop, so loops read without a check per field.
    @inline(__always)
    func littleEndian<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The little-endian IEEE-754 single at a byte offset, widened to a double.
    @inline(__always)
    func float32(_ offset: Int) -> Double {
        Double(Float(bitPattern: littleEndian(offset, as: UInt32.self)))
    }
}
