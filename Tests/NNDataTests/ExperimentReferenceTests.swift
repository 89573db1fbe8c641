import Foundation
import Testing
import NNCore
import NNYAML
import TestSupport
@testable import NNData

/// A mini-batch experiment from given weights against values numpy computed independently
/// (bench/experiments/numpy_reference.py wrote Tests/Fixtures/experiment-numpy-reference.json once;
/// this test only reads the numbers).
@Suite("Experiment against the numpy reference")
struct ExperimentReferenceTests {
    struct Fixture: Decodable {
        struct Weights: Decodable { var W1: [[Double]]; var b1: [Double]; var W2: [[Double]]; var b2: [Double] }
        var given: Weights
        var learning_rate: Double
        var batch_size: Int
        var epochs: Int
        var shuffle_seed: UInt64
        var train_mse_per_epoch: [Double]
        var iteration_losses: [Double]
        var trained: Weights
        var splitmix64_seed0_first3: [UInt64]
        var permutation_seed11_n10: [Int]
    }

    func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: RepositoryRoot.path + "/Tests/Fixtures/experiment-numpy-reference.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    func network(_ w: Fixture.Weights) throws -> Network {
        try Network(layers: [
            DenseLayer(weights: try #require(Matrix(rowArrays: w.W1)), bias: w.b1, activation: .sigmoid),
            DenseLayer(weights: try #require(Matrix(rowArrays: w.W2)), bias: w.b2, activation: .identity),
        ])
    }

    func close(_ a: Double, _ b: Double, _ rel: Double = 1e-12) -> Bool { abs(a - b) <= rel * max(abs(b), 1e-300) }

    @Test func generatorMatchesPythonPort() throws {
        let f = try fixture()
        var g = SplitMix64(seed: 0)
        #expect([g.next(), g.next(), g.next()] == f.splitmix64_seed0_first3)
        #expect(f.splitmix64_seed0_first3[0] == 0xE220_A839_7B1D_CDAF)  // the published SplitMix64 value for seed 0
        var p = SplitMix64(seed: 11)
        #expect(p.permutation(count: 10) == f.permutation_seed11_n10)
    }

    @Test func trainingMatchesNumpy() throws {
        let f = try fixture()
        let table = try CSVTableReader.read(path: RepositoryRoot.path + "/problems/data/diabetes.csv", displayName: "diabetes.csv")
        let first40 = NumericTable(columns: table.columns, values: Array(table.values[..<(40 * table.columns.count)]),
                                   lines: Array(table.lines[..<40]), file: table.file)
        let spec = DataSetSpec(targets: ["progression"], features: .all(excluding: ["high"]),
                               standardizeFeatures: true, standardizeTarget: true)
        let data = try DataSet.make(spec, table: first40, testTable: nil, at: SourceLocation(file: "t", line: 1, column: 1))
        #expect(data.featureNames == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"])
        let trainer = MiniBatchTrainer(optimiser: SGD(learningRate: f.learning_rate), loss: Loss(.squaredError(.mean)),
                                       schedule: MiniBatchSchedule(epochs: f.epochs, batchSize: f.batch_size, shuffleSeed: f.shuffle_seed),
                                       recordIterations: true)
        let run = try trainer.run(try network(f.given), train: data.train)
        #expect(run.curves.train.count == 6)
        for (s, n) in zip(run.curves.train.map(\.mse), f.train_mse_per_epoch) { #expect(close(s, n), "\(s) vs \(n)") }
        #expect(run.curves.iterationLosses.count == f.iteration_losses.count)
        for (s, n) in zip(run.curves.iterationLosses, f.iteration_losses) { #expect(close(s, n), "\(s) vs \(n)") }
        let expected = try network(f.trained)
        for (l, layer) in run.trained.layers.enumerated() {
            for (s, n) in zip(layer.weights.elements, expected.layers[l].weights.elements) { #expect(close(s, n, 1e-11)) }
            for (s, n) in zip(layer.bias ?? [], expected.layers[l].bias ?? []) { #expect(close(s, n, 1e-11)) }
        }
        // The loss of an mse experiment is its MSE.
        #expect(run.curves.train.allSatisfy { close($0.loss, $0.mse, 1e-14) })
        #expect(run.curves.train.allSatisfy { $0.accuracy == nil })
    }
}
