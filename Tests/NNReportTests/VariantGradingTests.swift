import Foundation
import NNCore
import NNGrade
import NNFiles
import NNOutput
import NNReport
import NNProblem
import Testing
import TestSupport

/// Grading a randomised problem: each file against its student's variant, and copying found in
/// a batch. The fixed test secret is the text `test-secret`, given to the grader directly.
struct VariantGradingTests {
    static let secret = VariantSecret(text: "test-secret")!
    static let path = RepositoryRoot.path + "/problems/ece4179-mlp-variants.yaml"

    static func grader(audience: Audience = .student, secret: VariantSecret? = Self.secret) throws -> Grader {
        Grader(gradable: try GradableProblem.load(path: path), audience: audience, secret: secret)
    }

    /// An answer file giving `key`'s values (rounded to 4 significant figures) for `student`.
    static func answers(student: String, key: AnswerKey, changing: [String: String] = [:]) -> String {
        var out = "student: \(JSONWriter.quote(student))\nanswers:\n"
        for e in key.entries {
            guard case .success(let t) = e.result else { continue }
            out += "  \(JSONWriter.quote(e.question.id)): \(changing[e.question.id] ?? AnswerKeyRendering.formatted(t, digits: 4))\n"
        }
        return out
    }

    static func key(_ student: String) throws -> AnswerKey {
        let g = try Self.grader()
        guard case .success(let own) = g.grader(forStudent: student) else { throw CancellationError() }
        return own.key
    }

    @Test func eachFileIsGradedAgainstItsOwnStudentsVariant() throws {
        let g = try Self.grader()
        let mine = try Self.key("31445179")
        let own = try SubmissionLoader.load(bytes: Array(Self.answers(student: "31445179", key: mine).utf8), file: "a.yaml")
        let r = g.grade(own)
        #expect(r.isGradable)
        #expect(r.earned == r.possible, "\(r.questions.filter { $0.verdict != .correct }.map { "\($0.id): \($0.message)" })")
        // The same answers under another student's id are that student's variant's, so mostly wrong.
        let other = try SubmissionLoader.load(bytes: Array(Self.answers(student: "31445180", key: mine).utf8), file: "b.yaml")
        #expect(g.grade(other).earned < r.possible / 2)
    }

    @Test func withoutTheSecretEveryFileIsUngradableWithTheReason() throws {
        let g = try Self.grader(secret: nil)
        let s = try SubmissionLoader.load(bytes: Array("student: \"1\"\nanswers: {\"1.1\": 0.5}\n".utf8), file: "a.yaml")
        let r = g.grade(s)
        #expect(!r.isGradable)
        #expect(r.ungradableReason == "a.yaml: the problem is randomised per student, and its course secret (NNCHECK_DEMO_SECRET) is not set")
    }

    /// Writes a batch: 31445179 answers correctly, 31445181 hands in 31445179's numbers with one
    /// of them changed, 31445180 makes a sign error in two answers.
    static func batch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("variants-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let a = try Self.key("31445179"), b = try Self.key("31445180")
        try Self.answers(student: "31445179", key: a).write(toFile: folder + "/a.yaml", atomically: true, encoding: .utf8)
        try Self.answers(student: "31445181", key: a, changing: ["1.2": "0.5"]).write(toFile: folder + "/copied.yaml", atomically: true, encoding: .utf8)
        let yHat = try #require(b.value(for: "1.1")?.scalarValue), z2 = try #require(b.value(for: "1.1-z2")?.scalarValue)
        try Self.answers(student: "31445180", key: b, changing: ["1.1": "\(-yHat)", "1.1-z2": "\(-z2)"])
            .write(toFile: folder + "/c.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aBatchNamesTheCopiedFileOnlyInInstructorOutputs() throws {
        let folder = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let results = try BatchGrader(grader: try Self.grader()).grade(folder: folder)
        #expect(results.map(\.file) == ["a.yaml", "c.yaml", "copied.yaml"])
        #expect(results[0].copying == nil)
        #expect(results[1].copying == nil)   // two wrong answers, but no other student's numbers
        let notice = try #require(results[2].copying)
        #expect(notice.source == "31445179")
        let wrong = results[2].questions.filter { !$0.verdict.passed }.count
        #expect(notice.wrong == wrong)
        #expect(notice.matched == wrong - 1)   // every wrong answer but the changed 1.2
        #expect(notice.text == "answers match the variant of student 31445179 on \(wrong - 1) of \(wrong) wrong questions")
        let summary = ClassSummary.markdown(results, problem: try Self.grader().problem)
        #expect(summary.contains("- `copied.yaml` (student 31445181): \(notice.text)"))

        // Written reports: the notice only in instructor copies; the summary always.
        for audience in Audience.allCases {
            let out = folder + "-out-\(audience.rawValue)"
            defer { try? FileManager.default.removeItem(atPath: out) }
            _ = try BatchGrader(grader: try Self.grader(audience: audience)).gradeAndWrite(folder: folder, out: out)
            let report = try String(contentsOfFile: out + "/copied.md", encoding: .utf8)
            let json = try String(contentsOfFile: out + "/copied.json", encoding: .utf8)
            #expect(report.contains(notice.text) == (audience == .instructor))
            #expect(json.contains("matches_variant_of") == (audience == .instructor))
            #expect(try String(contentsOfFile: out + "/summary.md", encoding: .utf8).contains(notice.text))
            #expect(try !String(contentsOfFile: out + "/a.md", encoding: .utf8).contains("copying"))
        }
    }

    @Test func oneFileAloneNeverGetsACopyingNotice() throws {
        let folder = try Self.batch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = BatchGrader(grader: try Self.grader()).gradeFile(path: folder + "/copied.yaml", displayName: "copied.yaml")
        #expect(r.copying == nil)
        #expect(r.earned < r.possible)
    }

    /// The bundled submissions, graded with the committed demo secret (problems/secrets/NNCHECK_DEMO_SECRET).
    @Test func everyVerdictOfTheBundledSubmissions() throws {
        let gradable = try GradableProblem.load(path: Self.path)
        let randomization = try #require(gradable.problem.randomization)
        var environment = ProcessInfo.processInfo.environment
        environment[randomization.secretVariable] = nil
        let secret = CourseSecret.find(randomization, problemFile: Self.path, environment: environment)
        let batch = BatchGrader(grader: Grader(gradable: gradable, secret: secret))
        let results = try batch.grade(folder: RepositoryRoot.path + "/submissions/ece4179-mlp-variants")
        let byFile = Dictionary(uniqueKeysWithValues: results.map { ($0.file, $0) })
        for file in ["31445179.yaml", "odd-id.yaml"] {
            #expect(byFile[file]?.earned == 18, "\(file)")
            #expect(byFile[file]?.copying == nil)
        }
        let mistakes = try #require(byFile["31445180-mistakes.yaml"])
        let verdicts = Dictionary(uniqueKeysWithValues: mistakes.questions.map { ($0.id, $0.verdict) })
        #expect(verdicts == ["1.1-z1": .partial, "1.1-a1": .wrongShape, "1.1-z2": .correct, "1.1": .incorrect, "1.2": .missing,
                             "1.3": .unparseable, "1.4-dL/dyhat": .incorrect, "1.4-dyhat/dz2": .correct, "1.4-grad": .correct,
                             "1.4-dW1": .transposed, "1.4": .correct, "1.5": .notFinite])
        #expect(mistakes.questions.first { $0.id == "1.4-dL/dyhat" }?.diagnosis == "sign error")
        #expect(abs(mistakes.earned - (6 + 2.0 / 3)) < 1e-5)   // points are kept to 6 significant figures
        #expect(mistakes.copying == nil)
        let copied = try #require(byFile["31445181-copied.yaml"])
        #expect(copied.copying?.text == "answers match the variant of student 31445179 on 12 of 12 wrong questions")
        #expect(byFile["no-student.yaml"]?.ungradableReason == "no-student.yaml:2:1: the answer file has no 'student' id")
    }
}
