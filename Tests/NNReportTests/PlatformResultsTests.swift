import Foundation
import Testing
import NNCore
import NNProblem
import NNGrade
import TestSupport
import NNReport
import NNFiles

/// Gradescope and PrairieLearn results files and the Canvas import CSV, parsed back with
/// Foundation's JSONSerialization and checked field by field against the platforms' documented formats.
@Suite struct PlatformResultsTests {
    /// The repository root.
    static var root: String { RepositoryRoot.path }

    static func grader(audience: Audience = .student) throws -> Grader {
        Grader(problem: try ProblemLoader.load(path: root + "/problems/ece4179-mlp.yaml"), audience: audience)
    }

    /// Three correct answers, three wrong ones (a sign error carried through 1.4), one unreadable
    /// value, and the rest missing.
    static let mixed = """
        student: "s2001"
        problem: ece4179-mlp
        answers:
          "1.1-z1": [0.4, 1.2, -0.1]
          "1.1": 0.627
          "1.2": 0.987
          "1.4-dL/dyhat": -2.682
          "1.4-grad": -0.251
          "1.4": -0.175
          "1.5": "0.1 +"
        """

    static func grade(_ yaml: String, audience: Audience = .student) throws -> (SubmissionResult, Grader) {
        let g = try grader(audience: audience)
        let submission = try SubmissionLoader.load(bytes: Array(yaml.utf8), file: "s2001.yaml")
        return (g.grade(submission), g)
    }

    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "results.json is not a JSON object")
    }

    static func tests(_ json: [String: Any]) throws -> [[String: Any]] {
        try #require(json["tests"] as? [[String: Any]], "tests is not an array of objects")
    }

    /// A JSON number (not a Boolean, not a string). JSONSerialization gives both as NSNumber;
    /// Booleans are the ones of Objective-C type `c`.
    static func number(_ value: Any?) -> Double? {
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        return n.doubleValue
    }

    /// A JSON Boolean (not a number).
    static func bool(_ value: Any?) -> Bool? {
        guard let n = value as? NSNumber, String(cString: n.objCType) == "c" else { return nil }
        return n.boolValue
    }

    /// Key values of questions the student did not get right, as the reports would format them.
    static func hiddenKeyTexts(_ r: SubmissionResult, grader: Grader) -> [String] {
        grader.key.entries.compactMap { entry -> String? in
            guard case .success(let t) = entry.result,
                  r.questions.first(where: { $0.id == entry.question.id })?.verdict != .correct else { return nil }
            let text = AnswerKeyRendering.formatted(t)
            return text.count >= 5 ? text : nil
        }
    }

    // MARK: Gradescope

    @Test func gradescopeHasEveryDocumentedField() throws {
        let (r, g) = try Self.grade(Self.mixed)
        let json = try Self.object(GradescopeResults.json(r, problem: g.problem))
        #expect(Self.number(json["score"]) == r.earned)
        #expect(json["output"] is String)
        #expect(json["output_format"] as? String == "text")
        #expect(json["visibility"] as? String == "visible")
        #expect(json["stdout_visibility"] as? String == "hidden")
        let tests = try Self.tests(json)
        #expect(tests.map { $0["number"] as? String } == g.problem.questions.map(\.id))
        for (t, q) in zip(tests, r.questions) {
            let name = try #require(t["name"] as? String)
            #expect(name.hasPrefix(q.id + ": "))
            #expect(Self.number(t["score"]) == q.earned)
            #expect(Self.number(t["max_score"]) == q.possible)
            #expect(t["status"] as? String == (q.verdict == .correct ? "passed" : "failed"))
            let output = try #require(t["output"] as? String)
            #expect(output.contains(q.message))
            if let d = q.diagnosis { #expect(output.contains(d)) }
            #expect(t["visibility"] as? String == "visible")
            #expect(Set(t.keys).isSubset(of: ["name", "number", "score", "max_score", "status", "output", "visibility"]))
        }
    }

    @Test func gradescopeScoresAddUp() throws {
        let (r, g) = try Self.grade(Self.mixed)
        let json = try Self.object(GradescopeResults.json(r, problem: g.problem))
        let tests = try Self.tests(json)
        let earned = tests.compactMap { Self.number($0["score"]) }.reduce(0, +)
        let possible = tests.compactMap { Self.number($0["max_score"]) }.reduce(0, +)
        #expect(abs(earned - (Self.number(json["score"]) ?? -1)) < 1e-9)
        #expect(possible == g.problem.totalPoints)
        #expect(r.earned == 1 + 2 + 2)
        let statuses = tests.compactMap { $0["status"] as? String }
        #expect(statuses.filter { $0 == "passed" }.count == 3)
        #expect(statuses.count == tests.count && Set(statuses).isSubset(of: ["passed", "failed"]))
    }

    @Test func gradescopeHidesTheKeyWhenShowKeyIsFalse() throws {
        let (r, g) = try Self.grade(Self.mixed)
        #expect(!g.problem.showKey)
        let text = GradescopeResults.json(r, problem: g.problem)
        #expect(!text.contains("Expected"))
        let hidden = Self.hiddenKeyTexts(r, grader: g)
        #expect(hidden.contains("-0.225086"))
        for key in hidden { #expect(!text.contains(key), "the key \(key) leaked") }
    }

    @Test func instructorCopiesShowTheKey() throws {
        let (r, g) = try Self.grade(Self.mixed, audience: .instructor)
        let text = GradescopeResults.json(r, problem: g.problem)
        #expect(text.contains("Expected: -0.225086"))
    }

    @Test func gradescopeUngradableListsEveryQuestionAtZero() throws {
        let g = try Self.grader()
        let reason = "broken.yaml:3:1: YAML syntax error: something"
        let r = g.ungradable(file: "broken.yaml", student: "broken", reason: reason)
        let json = try Self.object(GradescopeResults.json(r, problem: g.problem))
        #expect(Self.number(json["score"]) == 0)
        #expect((json["output"] as? String)?.contains(reason) == true)
        let tests = try Self.tests(json)
        #expect(tests.map { $0["number"] as? String } == g.problem.questions.map(\.id))
        #expect(tests.allSatisfy { Self.number($0["score"]) == 0 && $0["status"] as? String == "failed" })
        #expect(tests.compactMap { Self.number($0["max_score"]) }.reduce(0, +) == g.problem.totalPoints)
        #expect(tests.allSatisfy { $0["name"] is String && $0["output"] is String && $0["visibility"] as? String == "visible" })
    }

    @Test func studentTextStaysValidJSON() throws {
        let (r, g) = try Self.grade("""
            student: "a \\"quoted\\" <b>id</b> \\\\ back"
            answers:
              "1.1": "0.627 # comment"
            """)
        let json = try Self.object(GradescopeResults.json(r, problem: g.problem))
        #expect((json["output"] as? String)?.hasPrefix("a \"quoted\" <b>id</b> \\ back: ") == true)
        _ = try Self.object(PrairieLearnResults.json(r, problem: g.problem))
    }

    // MARK: PrairieLearn

    @Test func prairieLearnHasEveryDocumentedField() throws {
        let (r, g) = try Self.grade(Self.mixed)
        let json = try Self.object(PrairieLearnResults.json(r, problem: g.problem))
        #expect(Self.bool(json["gradable"]) == true)
        let score = try #require(Self.number(json["score"]))
        #expect(score >= 0 && score <= 1)
        #expect(abs(score - r.earned / r.possible) < 1e-12)
        #expect(json["message"] is String)
        #expect(json["output"] is String)
        #expect(json["format_errors"] == nil)
        let tests = try Self.tests(json)
        #expect(tests.map { $0["name"] as? String } == g.problem.questions.map(\.id))
        for (t, q) in zip(tests, r.questions) {
            #expect(t["description"] is String)
            #expect(Self.number(t["points"]) == q.earned)
            #expect(Self.number(t["max_points"]) == q.possible)
            #expect((t["message"] as? String)?.contains(q.message) == true)
            #expect(t["output"] is String)
        }
        #expect(tests.compactMap { Self.number($0["points"]) }.reduce(0, +) == r.earned)
        #expect(tests.compactMap { Self.number($0["max_points"]) }.reduce(0, +) == g.problem.totalPoints)
        let text = PrairieLearnResults.json(r, problem: g.problem)
        for key in Self.hiddenKeyTexts(r, grader: g) { #expect(!text.contains(key), "the key \(key) leaked") }
    }

    @Test func prairieLearnPerfectScoresOne() throws {
        let yaml = try String(contentsOfFile: Self.root + "/submissions/ece4179-mlp/perfect.yaml", encoding: .utf8)
        let (r, g) = try Self.grade(yaml)
        #expect(r.allPassed)
        let json = try Self.object(PrairieLearnResults.json(r, problem: g.problem))
        #expect(Self.number(json["score"]) == 1)
        let gradescope = try Self.object(GradescopeResults.json(r, problem: g.problem))
        #expect(Self.number(gradescope["score"]) == g.problem.totalPoints)
        #expect(try Self.tests(gradescope).allSatisfy { $0["status"] as? String == "passed" })
    }

    @Test func prairieLearnUngradableIsNotGradable() throws {
        let g = try Self.grader()
        let reason = "other.yaml: the answer file is for problem 'x', not 'ece4179-mlp'"
        let r = g.ungradable(file: "other.yaml", student: "other", reason: reason)
        let json = try Self.object(PrairieLearnResults.json(r, problem: g.problem))
        #expect(Self.bool(json["gradable"]) == false)
        #expect(Self.number(json["score"]) == 0)
        #expect((json["message"] as? String)?.contains(reason) == true)
        #expect(json["format_errors"] as? [String] == [reason])
        #expect(try Self.tests(json).allSatisfy { Self.number($0["points"]) == 0 })
    }

    // MARK: Files and Canvas

    @Test func exportWritesOneResultsFilePerSubmission() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("PlatformResultsTests-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
        try Self.mixed.write(toFile: folder + "/in/s2001.yaml", atomically: true, encoding: .utf8)
        try "student: [".write(toFile: folder + "/in/broken.yml", atomically: true, encoding: .utf8)
        let export = PlatformExport(batch: BatchGrader(grader: try Self.grader()))
        let results = try export.gradeAndWrite(folder: folder + "/in", out: folder + "/out", platform: .prairielearn)
        #expect(results.map(\.file) == ["broken.yml", "s2001.yaml"])
        let broken = try Self.object(String(contentsOfFile: folder + "/out/broken/results.json", encoding: .utf8))
        #expect(Self.bool(broken["gradable"]) == false)
        let graded = try Self.object(String(contentsOfFile: folder + "/out/s2001/results.json", encoding: .utf8))
        #expect(Self.bool(graded["gradable"]) == true)

        let single = try export.grade(file: folder + "/in/s2001.yaml", platform: .gradescope, resultsPath: folder + "/one/results.json")
        #expect(single.earned == 5)
        let json = try Self.object(String(contentsOfFile: folder + "/one/results.json", encoding: .utf8))
        #expect(Self.number(json["score"]) == 5)
        #expect(throws: OutputError.self) {
            _ = try export.grade(file: folder + "/in/s2001.yaml", platform: .gradescope, resultsPath: folder + "/one/")
        }
    }

    @Test func canvasCSVHasTheColumnsCanvasReads() throws {
        let (r, g) = try Self.grade(Self.mixed)
        let broken = g.ungradable(file: "x.yaml", student: "x", reason: "x.yaml: bad")
        let csv = CanvasGradebook.csv([r, broken], problem: g.problem)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines == [
            "Student,ID,SIS User ID,SIS Login ID,Section,ECE4179 Calculation Exercise 1: MLP (ece4179-mlp)",
            "Points Possible,,,,,17",
            "s2001,,s2001,s2001,,5",
            "x,,x,x,,0",
            "",
        ])
    }
}
