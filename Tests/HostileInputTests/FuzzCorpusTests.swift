import Foundation
import NNCore
import NNGrade
import NNProblem
import NNYAML
import Testing

/// The fuzz targets' invariants (see fuzz/Targets/*), replayed in the ordinary test run on the
/// committed seed corpus `fuzz/corpus/<target>/` and on every input that once broke a target,
/// kept in `fuzz/regressions/<target>/`. To turn a libFuzzer crash into a regression test, copy
/// the artifact into `fuzz/regressions/<target>/` with a descriptive name (see fuzz/README.md).
enum FuzzReplay {
    static let targets = ["FuzzAnswerValue", "FuzzSubmission", "FuzzProblem", "FuzzExpression"]

    /// The input files of a target: seeds and regressions.
    static func inputs(_ target: String) -> [String] {
        var paths: [String] = []
        for kind in ["corpus", "regressions"] {
            let folder = Hostile.root + "/fuzz/\(kind)/\(target)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            paths += names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder + "/" + $0 }
        }
        return paths
    }

    /// The same bound as fuzz/Targets/FuzzProblem: problems cheap enough to solve.
    static func isSmall(_ problem: Problem) -> Bool {
        guard problem.questions.count <= 50 else { return false }
        for scenario in problem.scenarios.values {
            let weights = scenario.network?.network.layers.reduce(0) { $0 + $1.weights.rows * $1.weights.columns } ?? 0
            let units = scenario.network?.network.layers.map(\.outputSize).max() ?? 0
            guard weights <= 10_000, units <= 100, scenario.samples.count <= 100, scenario.steps <= 20,
                  (scenario.graph?.order.count ?? 0) <= 200 else { return false }
        }
        return problem.questions.allSatisfy { ($0.variation.steps ?? 0) <= 20 }
    }

    /// Runs one input through a target's invariants; returns the broken invariant, or nil.
    static func check(_ target: String, _ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        switch target {
        case "FuzzAnswerValue":
            if let tensor = try? AnswerValueParser.parse(text) {
                if !tensor.scalars.allSatisfy({ $0.isFinite }) { return "parse returned a non-finite value" }
                if tensor.shape.reduce(1, *) != tensor.scalars.count { return "shape does not match the entries" }
            }
            if let value = try? AnswerValueParser.parseScalar(text), !value.isFinite {
                return "parseScalar returned a non-finite value"
            }
        case "FuzzSubmission":
            do throws(InputError) {
                let submission = try SubmissionLoader.load(bytes: bytes, file: "fuzz.yaml")
                if submission.student.isEmpty || submission.student.contains("\n") { return "bad student id" }
                for (_, entry) in submission.answers {
                    // Non-finite values come only from a NaN or infinity word (graded not_finite).
                    if case .value(let tensor, let text) = entry, !tensor.scalars.allSatisfy({ $0.isFinite }),
                       !(text.lowercased().contains("nan") || text.lowercased().contains("inf") || text.contains("∞")) {
                        return "non-finite answer value"
                    }
                }
            } catch {
                if error.description.contains("\n") { return "multi-line error" }
            }
        case "FuzzProblem":
            let problem: Problem
            do throws(InputError) {
                problem = try ProblemLoader.load(bytes: bytes, file: "fuzz.yaml")
            } catch {
                return error.description.contains("\n") ? "multi-line error" : nil
            }
            if problem.questions.isEmpty { return "a loaded problem has no questions" }
            guard isSmall(problem) else { return nil }
            for entry in Solver(problem: problem).answerKey().entries {
                switch entry.result {
                case .success(let value):
                    if !value.scalars.allSatisfy({ $0.isFinite }) { return "a non-finite key for \(entry.question.id)" }
                case .failure(let error):
                    if error.message.contains("\n") { return "multi-line solve error" }
                }
            }
        case "FuzzExpression":
            guard let expression = try? ExpressionParser.parse(text, variables: ["x"]) else { return nil }
            for x in [0.0, 0.5, -2.0] {
                if let value = try? expression.evaluate(["x": x]), !value.isFinite { return "non-finite value" }
                if let (value, derivative) = try? expression.valueAndDerivative(withRespectTo: "x", at: x),
                   !(value.isFinite && derivative.isFinite) {
                    return "non-finite derivative"
                }
            }
            let printed = expression.description
            // Printing adds spaces, so a source near the length limit can print longer than it.
            guard printed.count <= ExpressionParser.maximumLength else { return nil }
            do throws(ExpressionError) {
                _ = try ExpressionParser.parse(printed, variables: ["x"])
            } catch {
                return "printed as \(printed.count) characters, which do not parse: \(error.message) at \(error.offset)"
            }
        default:
            return "unknown target"
        }
        return nil
    }
}

extension HostileInput {
    @Suite struct FuzzCorpus {
        @Test(arguments: FuzzReplay.targets)
        func seedsAndRegressionsKeepTheInvariants(_ target: String) throws {
            let inputs = FuzzReplay.inputs(target)
            #expect(inputs.count >= 5, "fuzz/corpus/\(target) is missing")
            for path in inputs {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                let name = path.dropFirst(Hostile.root.count + 1)
                let failure = Hostile.timed(String(name)) { FuzzReplay.check(target, bytes) }
                #expect(failure == nil, "\(name): \(failure ?? "")")
            }
        }
    }
}
