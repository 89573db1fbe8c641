// swift-tools-version: 6.0
// libFuzzer targets for nncheck's parsers. This is a separate package so that the main package's
// `swift build` and `swift test` never see these targets. Build and run them with fuzz/run.sh.
import PackageDescription

let fuzzTargets = ["FuzzAnswerValue", "FuzzSubmission", "FuzzProblem", "FuzzExpression"]

let package = Package(
    name: "nncheck-fuzz",
    platforms: [.macOS(.v13)],
    products: fuzzTargets.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "nncheck", path: "..")],
    targets: [.target(name: "FuzzDriver", path: "Targets/FuzzDriver")] + fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzDriver",
                           .product(name: "NNCore", package: "nncheck"),
                           .product(name: "NNProblem", package: "nncheck"),
                           .product(name: "NNGrade", package: "nncheck")],
            path: "Targets/\(name)")
    },
    swiftLanguageModes: [.v6]
)
