import HDF5

/// Finds which layout a file uses and where its cells are, by looking at what the file holds.
struct LayoutDetector {
    /// Where one cell's data sits.
    struct Location {
        var path: String
        /// The group holding cycling data (battdat: the group holding `raw_data`).
        var cyclingGroup: String?
        /// For the hand-written layout, the groups holding one spectrum each; for battdat, the group
        /// holding `eis_data`.
        var spectrumGroups: [String] = []
    }

    static let battdatTables = ["raw_data", "cycle_stats", "eis_data"]
    /// How deep to look for cell groups: root/cell/eis/spectrum covers the layouts people write.
    static let maxDepth = 4

    let file: HDF5File

    func detect() throws -> (layout: FileLayout, locations: [Location]) {
        let root = try file.root()
        if root.contains("CellpyData") { return (.cellpy, [Location(path: CellpyReader.root)]) }
        if root.contains("data_df") && root.contains("info_df") {
            throw CoulombIOError(file: file.path, problem: """
                a cellpy file older than file version 5 (frames data_df, info_df, stat_df); Coulomb reads versions \
                5 to 8 (/CellpyData): load it in cellpy and save it again
                """)
        }
        if try MatlabFile.isMatlab(root) { return (.matlab, [Location(path: "/")]) }
        var battdat: [Location] = []
        var cycling: [String] = []
        var spectra: [String] = []
        try walk(try file.root(), depth: 0) { group, datasets in
            let tables = Self.battdatTables.filter { name in datasets[name]?.isTable == true }
            if !tables.isEmpty {
                battdat.append(Location(path: group.path,
                                        cyclingGroup: tables.contains("raw_data") ? group.path : nil,
                                        spectrumGroups: tables.contains("eis_data") ? [group.path] : []))
            }
            let names = Set(datasets.filter { !$0.value.isTable }.keys)
            if ColumnAliases.find(ColumnAliases.time, in: names) != nil,
               ColumnAliases.find(ColumnAliases.voltage, in: names) != nil
                || ColumnAliases.find(ColumnAliases.current, in: names) != nil {
                cycling.append(group.path)
            }
            if ColumnAliases.find(ColumnAliases.frequency, in: names) != nil,
               ColumnAliases.find(ColumnAliases.zReal, in: names) != nil
                || ColumnAliases.find(ColumnAliases.zImag, in: names) != nil {
                spectra.append(group.path)
            }
        }
        if !battdat.isEmpty { return (.battdat, battdat) }
        if !cycling.isEmpty || !spectra.isEmpty { return (.simple, Self.assign(cycling: cycling, spectra: spectra)) }
        throw CoulombIOError(file: file.path, problem: """
            no known layout found; looked for battdat tables (\(Self.battdatTables.joined(separator: ", ")) \
            as compound datasets) and for groups of 1-D datasets named \(ColumnAliases.spelled(ColumnAliases.time)) \
            with \(ColumnAliases.spelled(ColumnAliases.voltage)) and \(ColumnAliases.spelled(ColumnAliases.current)), \
            or \(ColumnAliases.spelled(ColumnAliases.frequency)) with \(ColumnAliases.spelled(ColumnAliases.zReal)) \
            and \(ColumnAliases.spelled(ColumnAliases.zImag))
            """)
    }

    /// A spectrum group belongs to the nearest cycling group above it (or itself); spectra with none
    /// belong to the top-level group they sit under, or to the root.
    static func assign(cycling: [String], spectra: [String]) -> [Location] {
        var locations = cycling.map { Location(path: $0, cyclingGroup: $0) }
        for spectrum in spectra {
            let owner = cycling.filter { isAncestor($0, of: spectrum) }.max { $0.count < $1.count }
                ?? topLevel(spectrum)
            if let index = locations.firstIndex(where: { $0.path == owner }) {
                locations[index].spectrumGroups.append(spectrum)
            } else {
                locations.append(Location(path: owner, spectrumGroups: [spectrum]))
            }
        }
        return locations
    }

    private static func isAncestor(_ group: String, of path: String) -> Bool {
        group == path || group == "/" || path.hasPrefix(group + "/")
    }

    private static func topLevel(_ path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count <= 1 ? "/" : "/" + parts[0]
    }

    private func walk(
        _ group: HDF5Group, depth: Int, visit: (HDF5Group, [String: HDF5Dataset]) throws -> Void
    ) throws {
        var datasets: [String: HDF5Dataset] = [:]
        var groups: [String] = []
        for child in try group.children() {
            switch child.kind {
            case .dataset: datasets[child.name] = try group.dataset(child.name)
            case .group: groups.append(child.name)
            case .other: continue
            }
        }
        try visit(group, datasets)
        guard depth < Self.maxDepth else { return }
        for name in groups { try walk(try group.group(name), depth: depth + 1, visit: visit) }
    }
}
