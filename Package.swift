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
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", exact: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure network math: no dependencies, no I/O.
        .target(name: "NNCore"),
        // Bounded, position-aware YAML reading on top of Yams.
        .target(name: "NNYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Problem files: model, loader, validation, solver.
        .target(name: "NNProblem", dependencies: ["NNCore", "NNYAML"]),
        // Answer files, comparison, grading, reports, exports, verify.
        .target(name: "NNGrade", dependencies: ["NNCore", "NNYAML", "NNProblem"]),
        // The web self-check: a Hummingbird 2 server over the student-mode check.
        .target(
            name: "NNServe",
            dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "MultipartKit", package: "multipart-kit"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle")]),
        // Thin command-line front end.
        .executableTarget(
            name: "nncheck",
            dependencies: ["NNCore", "NNProblem", "NNGrade", "NNServe",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Shared by the test targets: the repository root and a seeded random number generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NNCoreTests", dependencies: ["NNCore", "TestSupport"]),
        .testTarget(name: "NNYAMLTests", dependencies: ["NNYAML", "TestSupport"]),
        .testTarget(name: "NNProblemTests", dependencies: ["NNCore", "NNYAML", "NNProblem", "TestSupport"]),
        .testTarget(name: "NNGradeTests", dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade", "TestSupport"]),
        .testTarget(name: "NNServeTests",
                    dependencies: ["NNCore", "NNProblem", "NNGrade", "NNServe", "TestSupport",
                                   .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "EndToEndTests", dependencies: ["nncheck", "TestSupport"]),
        // Hostile and broken input: bounded resources, safe output names, killed batches, no key leaks.
        .testTarget(name: "HostileInputTests",
                    dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade", "nncheck", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
