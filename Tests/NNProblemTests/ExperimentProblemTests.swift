import Foundation
import Testing
import NNCore
import NNYAML
import TestSupport
@testable import NNProblem

@Suite("Experiment problems")
struct ExperimentProblemTests {
    /// A temporary folder holding `p.yaml` and `data/x.csv`.
    func folder(csv: String, yaml: String) throws -> String {
        let dir = NSTemporaryDirectory() + "nncheck-exp-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        try csv.write(toFile: dir + "/data/x.csv", atomically: true, encoding: .utf8)
        try yaml.write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    static let csv = "a,b,y\n1,2,0.5\n2,1,1.5\n0,1,0.2\n3,3,2\n1,0,0.7\n2,2,1.1\n"
    static func yaml(data: String = "{csv: data/x.csv, target: y}", training: String = "{learning_rate: 0.1, epochs: 3, batch_size: 2, shuffle: {seed: 4}, init: {scheme: pytorch_linear, seed: 2}}",
                     questions: String = "  - {id: q, ask: final.mse}") -> String {
        """
        id: t
        data: \(data)
        network:
          layers:
            - {units: 3, activation: tanh}
            - {units: 1, activation: identity}
        loss: mse
        training: \(training)
        questions:
        \(questions)
        """
    }

    func loadError(csv: String = Self.csv, yaml: String) throws -> String {
        let dir = try folder(csv: csv, yaml: yaml)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do { _ = try ProblemLoader.load(path: dir + "/p.yaml", displayName: "course/p.yaml"); return "no error" } catch {
            return error.description
        }
    }

    @Test func csvErrorsAreLocatedInTheDataFile() throws {
        #expect(try loadError(csv: "a,b,y\n1,2,3\n4,abc,6\n", yaml: Self.yaml()) == "course/data/x.csv:3:2: 'abc' is not a number")
        #expect(try loadError(csv: "a,b,y\n1,2,3\n4,5\n", yaml: Self.yaml()) == "course/data/x.csv:3:3: this row has 2 fields but the header has 3")
        #expect(try loadError(csv: "", yaml: Self.yaml()) == "course/data/x.csv: the data file is empty")
    }

    @Test func dataPathsStayInTheProblemsFolder() throws {
        #expect(try loadError(yaml: Self.yaml(data: "{csv: ../x.csv, target: y}")) == "course/p.yaml:2:13: data file '../x.csv' is outside the problem file's folder")
        #expect(try loadError(yaml: Self.yaml(data: "{csv: /etc/passwd, target: y}")) == "course/p.yaml:2:13: data file '/etc/passwd' must be a path relative to the problem file's folder")
        #expect(try loadError(yaml: Self.yaml(data: "{csv: data/none.csv, target: y}")) == "course/p.yaml:2:13: data file 'course/data/none.csv' does not exist")
        #expect(try loadError(yaml: Self.yaml(data: "{csv: data/x.csv, target: z}")).hasPrefix("course/p.yaml:2:7: course/data/x.csv has no column 'z'"))
    }

    @Test func experimentKeysAreChecked() throws {
        let noEpochs = try loadError(yaml: Self.yaml(training: "{learning_rate: 0.1, batch_size: 2}"))
        #expect(noEpochs.hasPrefix("course/p.yaml:8:"))
        #expect(noEpochs.hasSuffix(": training.batch_size needs training.epochs (a training experiment)"))
        #expect(try loadError(yaml: Self.yaml(training: "{learning_rate: 0.1, epochs: 3, init: xavier}")).contains("training.init must be given, pytorch_linear, xavier_uniform, he_uniform"))
        #expect(try loadError(yaml: Self.yaml(questions: "  - {id: q, ask: final.test.mse}")).hasSuffix("asks for final.test.mse but the data has no test split (data.split or data.test_csv)"))
        #expect(try loadError(yaml: Self.yaml(questions: "  - {id: q, ask: sweep.final.mse}")).hasSuffix("asks for sweep.final.mse but the scenario has no sweep"))
        #expect(try loadError(yaml: Self.yaml(questions: "  - {id: q, ask: final.precision}")).contains("expected final.loss, final.mse or final.accuracy"))
    }

    /// A seeded question is banded by default (20 runs); the band holds the key (run 0) and equals
    /// the extremes of the runs with seed offsets 0 … 19.
    @Test func seedBandOfAQuestion() throws {
        let dir = try folder(csv: Self.csv, yaml: Self.yaml(questions: "  - {id: q, ask: final.mse}\n  - {id: c, ask: curve.loss, tolerance: {seeds: 4, margin: 5%}}\n  - {id: e, ask: final.mse, tolerance: 1%}"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let problem = try ProblemLoader.load(path: dir + "/p.yaml")
        #expect(problem.question("q")?.seedBand == SeedBandSpec(runs: 20, margin: 0.1))
        #expect(problem.question("c")?.seedBand == SeedBandSpec(runs: 4, margin: 0.05))
        #expect(problem.question("e")?.seedBand == nil)
        let bands = SeedBands.compute(problem)
        let q = try #require(problem.question("q"))
        guard case .success(let band) = bands["q"], case .success(let curve) = bands["c"] else { Issue.record("no band"); return }
        var values: [Double] = []
        for k in 0..<20 {
            var e = try Solver(problem: problem).makeEvaluator(for: q)
            e.seedOffset = UInt64(k)
            values.append(try #require(try e.value(of: q.target).scalarValue))
        }
        let lowest = try #require(values.min()), highest = try #require(values.max())
        #expect(band.lower == [lowest] && band.upper == [highest])
        #expect(band.runs == 20)
        #expect(Set(values).count > 1)
        let key = try #require(Solver(problem: problem).answerKey().value(for: "q")?.scalarValue)
        #expect(key == values[0])
        #expect(curve.lower.count == 3 && curve.runs == 4 && curve.margin == 0.05)
    }

    @Test func bundledExperimentProblem() throws {
        let problem = try ProblemLoader.load(path: RepositoryRoot.path + "/problems/cs5783-a2-experiments.yaml")
        let scenario = try #require(problem.scenarios["default"])
        #expect(scenario.dataSet?.train.count == 354)
        #expect(scenario.dataSet?.test.count == 88)
        #expect(scenario.dataSet?.featureNames.count == 10)
        let key = Solver(problem: problem).answerKey()
        #expect(key.value(for: "2.2-loss")?.shape == [15])
        #expect(key.value(for: "2.3")?.shape == [3])
        // With the instructor's weights the result is ordinary (no band) and reproducible.
        #expect(problem.question("2.1-given")?.seedBand == nil)
        #expect(key.value(for: "2.1-given-W2")?.shape == [1, 2])
    }
}
