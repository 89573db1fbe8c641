import Foundation
import Testing

extension HostileInput {
    /// Student mode never shows the key: `nncheck check` (every format) and `nncheck grade`
    /// without `--reveal-key`, on bundled problems that do not set `show_key`, with wrong answers.
    @Suite struct KeyLeak {
        /// Bundled problems with `show_key` false (ece4179-activation shows its key on purpose).
        static let problems = ["ece4179-mlp", "cs2109s-t7", "cs5783-a2", "dsga1008-hw1", "hw1-backprop"]

        /// A wrong value that shares no run of three digits with typical keys.
        static let wrong = "12345.678"

        /// The key as (question id, JSON value) pairs from `nncheck solve --format json`.
        static func key(_ problem: String) throws -> [(String, Any)] {
            let run = try NNCheckBinary.run(["solve", Hostile.problemPath(problem), "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let answers = try #require(object?["answers"] as? [String: Any])
            return answers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }

        /// Every number in a JSON value (a number, a list or a list of rows).
        static func numbers(in value: Any) -> [Double] {
            if let number = value as? NSNumber { return [number.doubleValue] }
            if let list = value as? [Any] { return list.flatMap(numbers(in:)) }
            return []
        }

        /// The same shape as the key's value, every entry the wrong value, as YAML flow text.
        static func wrongAnswer(shapedLike value: Any) -> String {
            if let list = value as? [Any] { return "[" + list.map(wrongAnswer(shapedLike:)).joined(separator: ", ") + "]" }
            return wrong
        }

        /// The texts a leaked key value would show up as: 3 to 6 significant figures, without the
        /// sign (so both `-0.225` and `0.225` are caught). Values with fewer than 3 significant
        /// digits (0, 1, 0.5, 100, …) are skipped, as they occur in ordinary text.
        static func renderings(of value: Double) -> Set<String> {
            let magnitude = abs(value)
            guard magnitude > 0, magnitude.isFinite else { return [] }
            var texts: Set<String> = []
            for digits in 3...6 {
                let text = String(format: "%.\(digits)g", magnitude)
                let significant = text.split(separator: "e")[0].filter(\.isNumber).drop { $0 == "0" }
                if significant.count >= 3 { texts.insert(text) }
            }
            return texts
        }

        /// A problem file without its comments and its `answer:` values: what a student may see.
        static func publicText(of problemFile: String) -> String {
            var kept = ""
            for line in problemFile.split(separator: "\n", omittingEmptySubsequences: false) {
                var text = Substring(line)
                if let hash = text.firstIndex(of: "#"), hash == text.startIndex || text[text.index(before: hash)] == " " {
                    text = text[..<hash]
                }
                var result = ""
                while let range = text.range(of: "answer:") {
                    result += text[..<range.lowerBound]
                    var index = range.upperBound
                    while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
                    var depth = 0
                    while index < text.endIndex {
                        let character = text[index]
                        if character == "[" { depth += 1 }
                        if character == "]" { depth -= 1 }
                        if depth <= 0 && (character == "," || character == "}") { break }
                        index = text.index(after: index)
                        if depth == 0 && character == "]" { break }
                    }
                    text = text[index...]
                }
                kept += result + text + "\n"
            }
            return kept
        }

        @Test(arguments: problems)
        func studentOutputNeverContainsAKeyValue(_ problem: String) throws {
            let key = try Self.key(problem)
            #expect(!key.isEmpty)
            let folder = try TemporaryFolder("leak")
            let submissions = try folder.folder("submissions")
            var answerText = "student: leaker\nproblem: \(problem)\nanswers:\n"
            for (id, value) in key { answerText += "  \"\(id)\": \(Self.wrongAnswer(shapedLike: value))\n" }
            let answerPath = try folder.write("submissions/wrong.yaml", answerText)
            // A second student with the wrong values negated, and a third with every answer blank.
            try folder.write("submissions/negated.yaml", answerText.replacingOccurrences(of: Self.wrong, with: "-" + Self.wrong)
                .replacingOccurrences(of: "leaker", with: "negated"))
            try folder.write("submissions/blank.yaml", "student: blank\nproblem: \(problem)\nanswers:\n"
                             + key.map { "  \"\($0.0)\":\n" }.joined())

            // Renderings that are public anyway (they occur in the problem file outside its `answer:`
            // keys, or in the answer file) are not leaks.
            let problemText = Self.publicText(of: try String(contentsOfFile: Hostile.problemPath(problem), encoding: .utf8))
            var forbidden: [(String, String)] = []
            for (id, value) in key {
                for number in Self.numbers(in: value) {
                    for text in Self.renderings(of: number) where !problemText.contains(text) && !answerText.contains(text) {
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
