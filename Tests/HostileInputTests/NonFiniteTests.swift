import Foundation
import NNCore
import NNGrade
import NNProblem
import Testing
import NNReport
import NNFiles

extension HostileInput {
    /// NaN, infinities, overflowing literals and astronomically large finite numbers, in answer
    /// files and problem files.
    @Suite struct NonFinite {
        /// Every spelling of NaN and infinity, in every place a number can appear in an answer.
        static let spellings = [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "\"nan\"", "\"inf\"", "\"-inf\"",
                                "\"Infinity\"", "1e400", "-1e400", "\"1e300*1e300\"", "\"1/0\"", "\"ln(0)\""]

        /// The places: (question, YAML value with `V` standing for the spelling).
        static let places = [("1.1", "V"), ("1.1-z1", "[0.4, V, -0.1]"), ("1.1-a1", "[[0.4], [V], [0]]"),
                             ("1.1-z2", "'\\begin{bmatrix} V \\end{bmatrix}'"), ("1.2", "'$\\frac{1}{V}$'"),
                             ("1.3", "\"[0.5, V]\""), ("1.4", "'\\begin{pmatrix} 0.4 & V \\end{pmatrix}'")]

        @Test(arguments: spellings)
        func nonFiniteAnswersScoreZero(_ spelling: String) throws {
            var answers: [(String, String)] = []
            for (question, template) in Self.places {
                // Inside single-quoted LaTeX, a double-quoted spelling loses its quotes.
                var value = spelling
                if template.hasPrefix("'") || template.hasPrefix("\"") { value = value.replacingOccurrences(of: "\"", with: "") }
                answers.append((question, template.replacingOccurrences(of: "V", with: value)))
            }
            let folder = try TemporaryFolder("nonfinite")
            let path = try folder.write("a.yaml", HostileText.answerFile(answers))
            let batch = BatchGrader(grader: try Hostile.mlpGrader(audience: .instructor))
            let result = Hostile.timed(spelling) { batch.gradeFile(path: path, displayName: "a.yaml") }
            #expect(result.isGradable, "\(result.ungradableReason ?? "")")
            for (question, _) in Self.places {
                let graded = try #require(result.questions.first { $0.id == question })
                // A NaN or infinity word given as the whole value or as a YAML list entry is read as
                // that value and graded not_finite; inside text (LaTeX, "[..]", arithmetic) and for
                // overflowing literals the answer is unreadable. Either way it scores 0.
                let word = SubmissionLoaderWords.isNonFiniteWord(spelling)
                let expected: Verdict = word && ["1.1", "1.1-z1", "1.1-a1"].contains(question) ? .notFinite : .unparseable
                #expect(graded.verdict == expected, "\(question) = \(graded.given): \(graded.verdict) \(graded.message)")
                #expect(graded.earned == 0)
                let known = ["is not a finite number", "out of range", "unknown identifier", "division by zero",
                             "result is not a finite number", "ln of a non-positive number", "unexpected '.'"]
                #expect(known.contains { graded.message.contains($0) }, "\(question) = \(graded.given): \(graded.message)")
            }
            #expect(result.earned == 0)
        }

        /// Problem files: NaN and infinity in weights, matrices, inputs, targets, the learning
        /// rate and instructor keys are rejected at their position.
        @Test(arguments: [".nan", ".inf", "-.inf", "\"nan\"", "\"inf\"", "1e400", "-1e400"])
        func nonFiniteProblemNumbersAreRejected(_ spelling: String) throws {
            let original = try String(contentsOfFile: Hostile.problemPath("ece4179-mlp"), encoding: .utf8)
            let replacements = [("\"w1,3\": 0.4", "\"w1,3\": \(spelling)", "parameter w1,3"),
                                ("x: [1, 2]", "x: [1, \(spelling)]", "data.x[2]"),
                                ("y: 0\n", "y: \(spelling)\n", "data.y"),
                                ("learning_rate: 0.1", "learning_rate: \(spelling)", "training.learning_rate"),
                                ("answer: 0.52", "answer: \(spelling)", "question 1.1-z2 answer"),
                                ("answer: [0.4, 1.2, -0.1]", "answer: [0.4, \(spelling), -0.1]", "question 1.1-z1 answer[2]")]
            let folder = try TemporaryFolder("nonfinite-problem")
            for (from, to, what) in replacements {
                #expect(original.contains(from))
                let path = try folder.write("p.yaml", original.replacingOccurrences(of: from, with: to))
                let text = Hostile.timed("\(what) = \(spelling)") { Hostile.problemError(path: path) } ?? "(loaded)"
                #expect(text.hasPrefix("p.yaml:"), "\(text)")
                #expect(text.contains("\(what): '"), "\(text)")
                #expect(text.contains("is not a number"), "\(text)")
            }
        }

        /// A problem whose numbers are finite but so large that the key overflows: the problem
        /// loads, the questions whose key is not finite are "ungraded" with a message, the others
        /// are graded, and no report, gradebook or summary contains inf or NaN.
        @Test func overflowingKeyMakesItsQuestionUngraded() throws {
            let original = try String(contentsOfFile: Hostile.problemPath("ece4179-mlp"), encoding: .utf8)
            let folder = try TemporaryFolder("overflow")
            let problemPath = try folder.write("p.yaml", original.replacingOccurrences(of: "x: [1, 2]", with: "x: [1e300, 1e300]"))
            let problem = try ProblemLoader.load(path: problemPath)
            let key = Solver(problem: problem).answerKey()
            let failed = key.entries.filter { if case .failure = $0.result { return true } else { return false } }
            #expect(failed.map(\.question.id) == ["1.4-dL/dyhat"])
            for entry in key.entries {
                if case .success(let value) = entry.result { #expect(value.scalars.allSatisfy { $0.isFinite }) }
            }
            let submissions = try folder.folder("in")
            try folder.write("in/huge.yaml", HostileText.answerFile(student: "huge", [
                ("1.1-z1", "[1e300, -1e300, 1e300]"), ("1.1", "1e300"), ("1.2", "-1e300"), ("1.4-dL/dyhat", "1e300"),
                ("1.4", "\"1e300 * 1e8\""), ("1.5", "-1e307")]))
            try folder.write("in/small.yaml", HostileText.answerFile(student: "small", [("1.1", "1"), ("1.4-dL/dyhat", "0.5")]))
            for audience in [Audience.student, .instructor] {
                let out = folder.path + "/out-\(audience.rawValue)"
                let batch = BatchGrader(grader: Grader(problem: problem, audience: audience))
                let results = try Hostile.timed("grade the overflowing problem") {
                    try batch.gradeAndWrite(folder: submissions, out: out)
                }
                #expect(results.count == 2)
                for result in results {
                    let question = try #require(result.questions.first { $0.id == "1.4-dL/dyhat" })
                    #expect(question.verdict == .ungraded)
                    #expect(question.message.contains("the key could not be computed: the key is not a finite number"))
                    #expect(question.earned == 0)
                    #expect(result.earned.isFinite)
                }
                for name in try FileManager.default.contentsOfDirectory(atPath: out) {
                    let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
                    #expect(Hostile.nonFiniteWords(in: text).isEmpty, "\(audience) \(name): \(Hostile.nonFiniteWords(in: text))")
                    if name.hasSuffix(".json") {
                        #expect(!text.contains("null"), "\(audience) \(name) has a null number:\n\(text)")
                        let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8))
                        #expect(parsed != nil, "\(name) is not JSON")
                    }
                }
            }
        }

        /// Astronomically large but finite answers to the bundled problem are graded as wrong; the
        /// error measure (|s − t| can overflow for ±1.8e308) never shows up as inf or NaN.
        @Test func hugeFiniteAnswersAreGradedWithoutInfinity() throws {
            let folder = try TemporaryFolder("huge")
            let submissions = try folder.folder("in")
            let values = ["1e300", "-1e300", "1e308", "-1e307", "4.9e-324", "\"1e200*1e100\""]
            for (index, value) in values.enumerated() {
                var answers: [(String, String)] = [("1.1-z1", "[\(value), \(value), \(value)]"),
                                                   ("1.1-a1", "[[\(value)], [\(value)], [\(value)]]")]
                for question in ["1.1-z2", "1.1", "1.2", "1.3", "1.4-dL/dyhat", "1.4-dyhat/dz2", "1.4-grad", "1.4", "1.5"] {
                    answers.append((question, value))
                }
                try folder.write("in/s\(index).yaml", HostileText.answerFile(student: "s\(index)", answers))
            }
            for audience in [Audience.student, .instructor] {
                let out = folder.path + "/out-\(audience.rawValue)"
                let batch = BatchGrader(grader: try Hostile.mlpGrader(audience: audience))
                let results = try Hostile.timed("grade huge answers") { try batch.gradeAndWrite(folder: submissions, out: out) }
                #expect(results.count == values.count)
                for result in results {
                    #expect(result.isGradable)
                    for question in result.questions {
                        #expect([.incorrect, .partial, .correct].contains(question.verdict), "\(question.id): \(question.verdict)")
                        if let error = question.error {
                            #expect(error.error.isFinite && error.allowed.isFinite, "\(question.id): \(error)")
                        }
                        #expect(Hostile.nonFiniteWords(in: question.message).isEmpty, "\(question.message)")
                    }
                }
                for name in try FileManager.default.contentsOfDirectory(atPath: out) {
                    let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
                    #expect(Hostile.nonFiniteWords(in: text).isEmpty, "\(audience) \(name): \(Hostile.nonFiniteWords(in: text))")
                    if name.hasSuffix(".json") { #expect(!text.contains("null"), "\(audience) \(name) has a null number") }
                }
            }
        }

        /// An error of 1.7976931348623157e308 (the largest Double) used to round to 1.80e308 and
        /// print as "inf"; `NumberFormatting.significant` now prints it as 1.8e+308.
        @Test func largestDoubleAnswerDoesNotPrintInfinity() throws {
            let batch = BatchGrader(grader: try Hostile.mlpGrader(audience: .instructor))
            let folder = try TemporaryFolder("dblmax")
            let path = try folder.write("a.yaml", HostileText.answerFile([("1.1", "1.7976931348623157e308"),
                                                                         ("1.4", "-1.7976931348623157e308")]))
            let result = batch.gradeFile(path: path, displayName: "a.yaml")
            let report = SubmissionReport.markdown(result, problem: batch.grader.problem) + SubmissionReport.json(result)
            #expect(result.questions.first { $0.id == "1.1" }?.verdict == .incorrect)
            #expect(Hostile.nonFiniteWords(in: report).isEmpty, "\(Hostile.nonFiniteWords(in: report))")
        }
    }
}

/// The spellings `SubmissionLoader` reads as NaN or infinity (mirrors its rule, for the tests).
enum SubmissionLoaderWords {
    static func isNonFiniteWord(_ yamlSpelling: String) -> Bool {
        var t = yamlSpelling.replacingOccurrences(of: "\"", with: "").lowercased()
        if t.hasPrefix("-") || t.hasPrefix("+") { t.removeFirst() }
        if t.hasPrefix(".") { t.removeFirst() }
        return ["nan", "inf", "infinity"].contains(t)
    }
}
