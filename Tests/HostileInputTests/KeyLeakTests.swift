import Foundation
import Testing
import TestSupport

extension HostileInput {
    /// Student mode never shows the key: `nncheck check` (every format) and `nncheck grade`
    /// without `--reveal-key`, on bundled problems that do not set `show_key`, with wrong answers.
    @Suite struct KeyLeak {
        /// Bundled problems with `show_key` false (ece4179-activation shows its key on purpose).
        static let problems = ["ece4179-mlp", "cs2109s-t7", "cs5783-a2", "dsga1008-hw1", "hw1-backprop"]

        /// The key as (question id, JSON value) pairs from `nncheck solve --format json`.
        static func key(_ problem: String) throws -> [(String, Any)] {
            let run = try NNCheckBinary.run(["solve", Hostile.problemPath(problem), "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let answers = try #require(object?["answers"] as? [String: Any])
            return answers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }

        @Test(arguments: problems)
        func studentOutputNeverContainsAKeyValue(_ problem: String) throws {
            let key = try Self.key(problem)
            #expect(!key.isEmpty)
            let folder = try TemporaryFolder("leak")
            let submissions = try folder.folder("submissions")
            var answerText = "student: leaker\nproblem: \(problem)\nanswers:\n"
            for (id, value) in key { answerText += "  \"\(id)\": \(KeyLeakText.wrongAnswer(shapedLike: value))\n" }
            let answerPath = try folder.write("submissions/wrong.yaml", answerText)
            // A second student with the wrong values negated, and a third with every answer blank.
            try folder.write("submissions/negated.yaml", answerText.replacingOccurrences(of: KeyLeakText.wrong, with: "-" + KeyLeakText.wrong)
                .replacingOccurrences(of: "leaker", with: "negated"))
            try folder.write("submissions/blank.yaml", "student: blank\nproblem: \(problem)\nanswers:\n"
                             + key.map { "  \"\($0.0)\":\n" }.joined())

            // Renderings that are public anyway (they occur in the problem file outside its `answer:`
            // keys, or in the answer file) are not leaks.
            let problemText = KeyLeakText.publicText(of: try String(contentsOfFile: Hostile.problemPath(problem), encoding: .utf8))
            var forbidden: [(String, String)] = []
            for (id, value) in key {
                for number in KeyLeakText.numbers(in: value) {
                    for text in KeyLeakText.renderings(of: number) where !problemText.contains(text) && !answerText.contains(text) {
                        forbidden.append((id, text))
                    }
                }
            }
            #expect(!forbidden.isEmpty)

            var outputs: [(String, String)] = []
            for format in ["table", "markdown", "json"] {
                let run = try NNCheckBinary.run(["check", Hostile.problemPath(problem), answerPath, "--format", format])
                #expect(run.status == 1, "check --format \(format) exited \(run.status): \(run.stderr)")
                #expect(run.stdout.contains("leaker"))
                outputs.append(("check --format \(format) (stdout)", run.stdout))
                outputs.append(("check --format \(format) (stderr)", run.stderr))
            }
            let out = folder.path + "/out"
            let grade = try NNCheckBinary.run(["grade", Hostile.problemPath(problem), submissions, "--out", out])
            #expect(grade.status == 0, "\(grade.stderr)")
            outputs.append(("grade (stdout)", grade.stdout))
            outputs.append(("grade (stderr)", grade.stderr))
            let reports = out + "/" + problem
            let names = try FileManager.default.contentsOfDirectory(atPath: reports).sorted()
            #expect(names.count == 3 * 2 + 3, "\(names)")
            for name in names {
                outputs.append(("grade report \(name)", try String(contentsOfFile: reports + "/" + name, encoding: .utf8)))
            }

            for (label, output) in outputs {
                // The temporary folder's name holds a random UUID, whose digits are not a leak.
                let text = output.replacingOccurrences(of: folder.path, with: "<tmp>")
                for (id, rendering) in forbidden where text.contains(rendering) {
                    Issue.record("\(problem): \(label) contains \(rendering), the key of \(id)")
                }
            }
            // A sanity check of the check itself: the instructor copy does show the key.
            let revealed = try NNCheckBinary.run(["grade", Hostile.problemPath(problem), submissions, "--out",
                                                  folder.path + "/instructor", "--reveal-key"])
            #expect(revealed.status == 0)
            let instructorReport = try String(contentsOfFile: folder.path + "/instructor/\(problem)/wrong.md", encoding: .utf8)
            #expect(forbidden.contains { instructorReport.contains($0.1) }, "the instructor report shows no key value")
        }
    }
}
