// swift-tools-version: 6.1
// Benchmarks live in their own package so `swift test` at the root never builds them.
import PackageDescription

let package = Package(
    name: "CoulombBenchmarks",
    dependencies: [
        .package(name: "Coulomb", path: ".."),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        .target(name: "BenchmarkTiming", path: "Sources/BenchmarkTiming"),
        .executableTarget(
            name: "read-bench",
            dependencies: [.product(name: "HDF5", package: "Coulomb")],
            path: "Sources/read-bench"
        ),
        .executableTarget(
            name: "cycle-bench",
            dependencies: [.product(name: "CoulombCore", package: "Coulomb")],
            path: "Sources/cycle-bench"
        ),
        .executableTarget(
            name: "cycle-table-bench",
            dependencies: ["BenchmarkTiming", .product(name: "CoulombCore", package: "Coulomb")],
            path: "Sources/cycle-table-bench"
        ),
        .executableTarget(
            name: "dqdv-bench",
            dependencies: ["BenchmarkTiming", 
                .product(name: "CoulombCore", package: "Coulomb"),
                .product(name: "CoulombIO", package: "Coulomb"),
            ],
            path: "Sources/dqdv-bench"
        ),
        .executableTarget(name: "xml-bench", path: "Sources/xml-bench"),
        .executableTarget(
            name: "symmetric-bench",
            dependencies: ["BenchmarkTiming", .product(name: "CoulombCore", package: "Coulomb")],
            path: "Sources/symmetric-bench"
        ),
        .executableTarget(
            name: "drt-bench",
            dependencies: ["BenchmarkTiming", .product(name: "CoulombCore", package: "Coulomb"),
                           .product(name: "Numerics", package: "swift-numerics")],
            path: "Sources/drt-bench"
        ),
    ],
    swiftLanguageModes: [.v6]
)
