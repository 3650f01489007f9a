import HDF5

/// How MATLAB v7.3 stores values in HDF5, for the readers of `.mat` files.
///
/// Every variable carries a `MATLAB_class` attribute (`double`, `char`, `struct`, `cell`, …). Arrays are
/// column-major, so a MATLAB 1×n row vector is an HDF5 n×1 dataset (vectors are read flat either way).
/// Text is UTF-16 code units in a `uint16` array. A struct array's fields and a cell array's items are
/// datasets of object references into `/#refs#`. An empty array is stored as its dimensions with a
/// `MATLAB_empty` attribute.
enum MatlabFile {
    /// Whether the file holds MATLAB variables: some top-level object has a `MATLAB_class` attribute.
    static func isMatlab(_ root: HDF5Group) throws -> Bool {
        for child in try root.children() where !child.name.hasPrefix("#") {
            switch child.kind {
            case .group: if try root.group(child.name).hasAttribute("MATLAB_class") { return true }
            case .dataset: if try root.dataset(child.name).hasAttribute("MATLAB_class") { return true }
            case .other: continue
            }
        }
        return false
    }

    static func matlabClass(_ node: HDF5Node) throws -> String? {
        node.hasAttribute("MATLAB_class") ? try node.stringAttribute("MATLAB_class") : nil
    }

    static func isEmpty(_ node: HDF5Node) throws -> Bool {
        guard node.hasAttribute("MATLAB_empty") else { return false }
        return try node.numberAttribute("MATLAB_empty") != 0
    }

    /// A numeric vector (row, column or 1×1), flat; an empty array is `[]`.
    static func vector(_ dataset: HDF5Dataset) throws -> [Double] {
        if try isEmpty(dataset) { return [] }
        return try dataset.readDoubles()
    }

    /// A `char` array as text.
    static func text(_ dataset: HDF5Dataset) throws -> String {
        if try isEmpty(dataset) { return "" }
        let units = try dataset.readIntegers().map { UInt16(truncatingIfNeeded: $0) }
        return String(decoding: units, as: UTF16.self)
    }

    /// The objects a struct field or cell array refers to, in storage order; an empty one has none.
    static func referenced(_ dataset: HDF5Dataset) throws -> [HDF5Object] {
        if try isEmpty(dataset) { return [] }
        return try dataset.readObjectReferences().map { try dataset.file.object($0, from: dataset.path) }
    }

    /// The dataset a reference leads to, or an error naming where it came from.
    static func dataset(_ object: HDF5Object, file: String, expected: String) throws -> HDF5Dataset {
        guard case .dataset(let dataset) = object else {
            throw CoulombIOError(file: file, object: object.path, problem: "expected \(expected) (an array), found a struct")
        }
        return dataset
    }

    /// The group (struct) a reference leads to.
    static func group(_ object: HDF5Object, file: String, expected: String) throws -> HDF5Group {
        guard case .group(let group) = object else {
            throw CoulombIOError(file: file, object: object.path, problem: "expected \(expected) (a struct), found an array")
        }
        return group
    }
}
