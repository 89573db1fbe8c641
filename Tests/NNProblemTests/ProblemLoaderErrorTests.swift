import Testing
import NNCore
import NNYAML
import NNProblem

/// Malformed problem files give one clear error at the right line and column.
@Suite struct ProblemLoaderErrorTests {
    static let valid = """
        id: p
        network:
          layers:
            - weights: [[1, 2], [3, 4]]
              activation: relu
            - weights: [[1, 1]]
              activation: sigmoid
        data: {x: [1, 2], y: 1}
        loss: bce
        training: {learning_rate: 0.1}
        questions:
          - {id: "1", ask: y_hat}
        """

    static func error(_ text: String) -> String? {
        do {
            _ = try ProblemLoader.load(bytes: Array(text.utf8), file: "p.yaml")
            return nil
        } catch {
            return error.description
        }
    }

    @Test func validFileLoads() throws {
        let p = try ProblemLoader.load(bytes: Array(Self.valid.utf8), file: "p.yaml")
        #expect(p.questions.count == 1 && p.id == "p")
    }

    @Test(arguments: [
        ("weights: [[1, 1]]", "weights: [[1, 1, 1]]",
         "p.yaml:6:16: layer 2 weights are 1×3 but the layer receives 2 inputs, so they should be 1×2 (out_in layout)"),
        ("activation: relu", "activation: rleu",
         "p.yaml:5:19: layer 1 activation: 'rleu' is neither a known activation nor a valid expression in x (unknown identifier 'rleu')"),
        ("loss: bce", "loss: bcee",
         "p.yaml:9:7: unknown loss 'bcee'; expected half_sse, sse, mse, half_mse, squared_error, bce or cross_entropy"),
        ("ask: y_hat", "ask: y_hatt",
         "p.yaml:12:20: question 1: unknown quantity 'y_hatt'; see the 'ask' reference in the README"),
        ("ask: y_hat", "ask: z3",
         "p.yaml:12:20: question 1 asks for z3 but the network has 2 layers"),
        ("data: {x: [1, 2], y: 1}", "data: {x: [1, 2, 3], y: 1}",
         "p.yaml:8:7: data: sample 1 has 3 inputs but the network takes 2"),
        ("training: {learning_rate: 0.1}", "training: {learning_rate: .inf}",
         "p.yaml:10:27: training.learning_rate: '.inf' is not a number (unexpected '.')"),
        ("weights: [[1, 2], [3, 4]]", "weights: [[1, 2], [3]]",
         "p.yaml:4:25: layer 1 weights: row 2 has 1 entries but row 1 has 2"),
        ("  - {id: \"1\", ask: y_hat}", "  - {id: \"1\", ask: y_hat, points: -2}",
         "p.yaml:12:35: points must be positive, got -2"),
        ("  - {id: \"1\", ask: y_hat}", "  - {id: \"1\", ask: y_hat}\n  - {id: \"1\", ask: loss}",
         "p.yaml:13:5: question id '1' is used twice (first at line 12)"),
        ("id: p", "id: ../p",
         "p.yaml:1:5: id '../p' may contain only letters, digits, '.', '_' and '-' (at most 100)"),
        ("loss: bce", "loss: bce\nlos: mse",
         "p.yaml:10:1: unknown key 'los' in the problem file; expected one of: nncheck, id, title, course, source, notes, show_key, defaults, scenarios, questions, randomize, network, data, loss, training, graph, functions, sweep"),
    ])
    func malformedFieldIsLocated(original: String, replacement: String, expected: String) throws {
        let text = Self.valid.replacingFirst(original, with: replacement)
        #expect(text != Self.valid)
        #expect(Self.error(text) == expected)
    }

    @Test func yamlSyntaxErrorIsLocated() {
        let message = Self.error("id: p\nnetwork: [unclosed\n")
        #expect(message?.hasPrefix("p.yaml:") == true)
        #expect(message?.contains("\n") == false)
    }

    @Test func unknownScenarioIsLocated() {
        let text = Self.valid.replacingFirst("{id: \"1\", ask: y_hat}", with: "{id: \"1\", ask: y_hat, scenario: nope}")
        #expect(Self.error(text) == "p.yaml:12:37: question 1 uses scenario 'nope', which is not defined; defined: default")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}

@Suite struct TrainingBudgetTests {
    @Test func hugeTrainingRunsAreRefusedWhenLoaded() {
        let text = ProblemLoaderErrorTests.valid
            .replacingFirst("training: {learning_rate: 0.1}", with: "training: {learning_rate: 0.1, steps: 100000}")
            .replacingFirst("ask: y_hat", with: "ask: updated.W1")
        // 6 weights × 1 sample × 100,000 steps is fine; the same with 30,000 inputs is not.
        #expect(ProblemLoaderErrorTests.error(text) == nil)
        let wide = text.replacingFirst("weights: [[1, 2], [3, 4]]", with: "weights: [" + Array(repeating: "[" + Array(repeating: "1", count: 30000).joined(separator: ", ") + "]", count: 2).joined(separator: ", ") + "]")
            .replacingFirst("data: {x: [1, 2], y: 1}", with: "data: {x: [" + Array(repeating: "1", count: 30000).joined(separator: ", ") + "], y: 1}")
        let message = ProblemLoaderErrorTests.error(wide)
        #expect(message?.contains("more than nncheck computes for a key") == true, "\(message ?? "loaded")")
    }
}
