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
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // HMAC-SHA256 for per-student variants (issue 17).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // CSV reading (review files, rosters; the shared choice for every CSV input).
        .package(url: "https://github.com/yaslab/CSV.swift.git", exact: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", exact: "4.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Pure network math: matrices, activations, losses, forward and backward passes, SGD, the
        // expression language and its autodiff, and the documented rules for comparing numbers.
        // No dependencies, no I/O, no student wording. Compiled optimised in debug builds too: the keys
        // of training experiments (bundled in problems/, graded in the tests) take about 9x longer unoptimised.
        .target(name: "NNCore", swiftSettings: [.unsafeFlags(["-O"])]),
        // The one YAML reader: bounded, position-aware reading of untrusted YAML (libyaml via Yams)
        // into `YAMLNode`, and `InputError` (`file:line:column: message`).
        .target(name: "NNYAML", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Text and JSON writing helpers: `JSONWriter`, `UTF8Text`, `TextTable`.
        .target(name: "NNOutput", dependencies: ["NNCore"]),
        // CSV data sets for training experiments (yaslab/CSV.swift): located errors, size limit, paths
        // confined to the problem's folder, seeded splits, standardisation.
        .target(name: "NNData", dependencies: ["NNCore", "NNYAML", .product(name: "CSV", package: "CSV.swift")]),
        // The problem format (model, loader, validation), the `Solver`, key verification.
        .target(name: "NNProblem", dependencies: ["NNCore", "NNYAML", "NNOutput", "NNData",
                                              .product(name: "Crypto", package: "swift-crypto")]),
        // Answer files, the answer grammar, grading, question kinds and review files, mistake diagnosis.
        .target(name: "NNGrade", dependencies: ["NNCore", "NNYAML", "NNProblem", "NNOutput",
                                               .product(name: "CSV", package: "CSV.swift")]),
        // Per-submission reports, the gradebook, the class summary, platform results files.
        .target(name: "NNReport", dependencies: ["NNCore", "NNProblem", "NNGrade", "NNOutput"]),
        // Output folders, atomic file writes, safe names, the batch-grading driver, rosters.
        .target(name: "NNFiles", dependencies: ["NNCore", "NNProblem", "NNGrade", "NNReport", "NNOutput",
                                            .product(name: "CSV", package: "CSV.swift")]),
        // The web self-check: a Hummingbird 2 server over the student-mode check (`nncheck serve`).
        .target(
            name: "NNServe",
            dependencies: ["NNCore", "NNProblem", "NNGrade", "NNOutput", "NNReport", "NNFiles",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "MultipartKit", package: "multipart-kit"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle")]),
        // Thin command-line front end.
        .executableTarget(
            name: "nncheck",
            dependencies: ["NNCore", "NNProblem", "NNGrade", "NNOutput", "NNReport", "NNFiles", "NNServe",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Shared by the test targets: the repository root and a seeded random number generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NNCoreTests", dependencies: ["NNCore", "TestSupport"]),
        .testTarget(name: "NNYAMLTests", dependencies: ["NNYAML", "TestSupport"]),
        .testTarget(name: "NNDataTests", dependencies: ["NNCore", "NNYAML", "NNData", "TestSupport"]),
        .testTarget(name: "NNProblemTests", dependencies: ["NNCore", "NNYAML", "NNProblem", "TestSupport"]),
        .testTarget(name: "NNGradeTests",
                    dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade", "NNFiles", "TestSupport"]),
        // Reports, gradebooks, platform files and the files they are written to.
        .testTarget(name: "NNReportTests",
                    dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade", "NNOutput", "NNReport", "NNFiles", "TestSupport"]),
        .testTarget(name: "NNServeTests",
                    dependencies: ["NNCore", "NNProblem", "NNGrade", "NNFiles", "NNServe", "TestSupport",
                                   .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "EndToEndTests", dependencies: ["nncheck", "TestSupport"]),
        // Hostile and broken input: bounded resources, safe output names, killed batches, no key leaks.
        .testTarget(name: "HostileInputTests",
                    dependencies: ["NNCore", "NNYAML", "NNProblem", "NNGrade", "NNReport", "NNFiles", "nncheck",
                                   "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
