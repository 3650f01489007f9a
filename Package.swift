// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Coulomb",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "coulomb", targets: ["coulomb"]),
        .library(name: "CoulombCore", targets: ["CoulombCore"]),
        .library(name: "CoulombIO", targets: ["CoulombIO"]),
        .library(name: "CoulombPlot", targets: ["CoulombPlot"]),
        .library(name: "CoulombReport", targets: ["CoulombReport"]),
        .library(name: "HDF5", targets: ["HDF5"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // `swift package generate-documentation`: the DocC catalogs of the library targets.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // libhdf5 through pkg-config; the shim header turns its macros into functions Swift can call.
        .systemLibrary(
            name: "_CHDF5",
            path: "Sources/CHDF5",
            pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev", "pkg-config"])]
        ),
        // libmdb (mdbtools) through pkg-config, for MS Access databases (Arbin .res); the shim header reaches
        // GLib's macros and the row buffer.
        .systemLibrary(
            name: "_CMDB",
            path: "Sources/CMDB",
            pkgConfig: "libmdb",
            providers: [.apt(["mdbtools-dev", "pkg-config"])]
        ),
        // Swift ownership of HDF5 handles, errors as Swift values, typed reads and writes.
        .target(name: "HDF5", dependencies: ["_CHDF5"]),
        // The analysis core: Swift arrays in, Swift values out; no C, no files.
        .target(
            name: "CoulombCore",
            dependencies: [.product(name: "Numerics", package: "swift-numerics")]
        ),
        // Self-contained SVG figures of the core's results: pure Swift, no files.
        .target(
            name: "CoulombPlot",
            dependencies: ["CoulombCore", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // The one-page HTML report of a file's cells: the core's analyses and CoulombPlot's figures, no files;
        // its tables are CoulombIO's readable cells of the core's result tables, as the terminal shows them.
        .target(name: "CoulombReport", dependencies: ["CoulombCore", "CoulombIO", "CoulombPlot"]),
        // Maps files (battdat, hand-written h5py layouts) to the core's types and back.
        // Zip containers (Neware .ndax, .xlsx, .ods) are opened with ZIPFoundation; SHA-256 is swift-crypto's;
        // Access databases (Arbin .res) are read with libmdb.
        .target(
            name: "CoulombIO",
            dependencies: [
                "CoulombCore", "HDF5", "_CMDB", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "coulomb",
            dependencies: [
                "CoulombCore", "CoulombIO", "CoulombPlot", "CoulombReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Where the committed fixtures are, for every test target.
        .target(name: "TestFixtures", path: "Tests/TestFixtures"),
        .testTarget(name: "HDF5Tests", dependencies: ["HDF5", "TestFixtures"]),
        .testTarget(name: "CoulombCoreTests", dependencies: ["CoulombCore", "TestFixtures"]),
        .testTarget(name: "CoulombIOTests", dependencies: ["CoulombIO", "CoulombCore", "HDF5", "TestFixtures"]),
        .testTarget(name: "CoulombPlotTests", dependencies: [
            "CoulombPlot", "CoulombCore", "TestFixtures", .product(name: "Numerics", package: "swift-numerics"),
        ]),
        .testTarget(name: "CoulombReportTests", dependencies: ["CoulombReport", "CoulombCore", "TestFixtures"]),
        .testTarget(name: "CoulombCLITests", dependencies: ["coulomb", "TestFixtures"]),
        // The command line parsed in process (`@testable import coulomb`); the process tests are above.
        .testTarget(name: "CoulombCLIParsingTests", dependencies: [
            "coulomb", "CoulombCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
