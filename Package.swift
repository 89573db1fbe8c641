// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "nncheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nncheck", targets: ["nncheck"]),
        .library(name: "NNCore", targets: ["NNCore"]),
        .library(name: "NNProblem", targets: ["NNProblem"]),
        .library(name: "NNGrade", targets: ["NNGrade"]),
        .library(name: "NNYAML", targets: ["NNYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // HMAC-SHA256 for per-student variants (issue 17).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // CSV reading (rosters; the shared choice for every CSV input).
        .package(url: "https://github.com/yaslab/CSV.swift.git", exact: "2.5.2"),
    ],
    targets: [
        // Pure network math: no dependencies, no I/O.
        .target(name: "NNCore"),
        // Bounded, position-aware YAML reading on top of Yams.
        .target(name: "NNYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Problem files: model, loader, validation, solver.
        .target(name: "NNProblem", dependencies: ["NNCore", "NNYAML", .product(name: "Crypto", package: "swift-crypto")]),
        // Answer files, comparison, grading, reports, exports, verify.
        .target(name: "NNGrade", dependencies: ["NNCore", "NNYAML", "NNProblem", .product(name: "CSV", package: "CSV.swift")]),
        // Thin command-line front end.
        .executableTarget(
            name: "nncheck",
            dependencies: ["NNCore", "NNProblem", "NNGrade",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Shared by the test targets: the repository root and a seeded random number generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NNCoreTests", dependencies: ["NNCore", "TestSupport"]),
        .testTarget(name: "NNYAMLTests", dependencies: ["NNYAML", "TestSupport"]),
        .testTarget(name: "NNProblemTests", dependencies: ["NNCore", "NNYAML", "NNProblem", "TestSupport"]),
        .testTarget(name: "NNGradeTests", dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["nncheck", "TestSupport"]),
        // Hostile and broken input: bounded resources, safe output names, killed batches, no key leaks.
        .testTarget(name: "HostileInputTests",
                    dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade", "nncheck", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
