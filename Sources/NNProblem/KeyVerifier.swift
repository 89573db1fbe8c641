import Foundation
import NNCore
import NNYAML

/// Checks the instructor's `answer:` keys in problem files against the solver (`nncheck verify`).
///
/// Each file is loaded (a load error makes it invalid) and solved; every key is compared with the
/// solver's value under the question's own comparison policy, the key taking the student's place.
/// A question the solver cannot answer fails, and so does a non-positive point value or a repeated
/// id (the loader rejects both already; the check guards against problems built in code). A
/// question without a key is a note, or a failure when keys are required.
public enum KeyVerifier {
    /// Verifies every problem file named by `paths`: files as given, folders searched recursively
    /// for `*.yaml` and `*.yml` (hidden entries skipped, sorted by path).
    public static func verify(paths: [String], requireKeys: Bool = false,
                              questions: QuestionVerification = numericQuestions) -> VerificationReport {
        let found = problemFiles(in: paths)
        return VerificationReport(requireKeys: requireKeys, unreadablePaths: found.unreadable,
                                  files: found.files.map { verify(file: $0, requireKeys: requireKeys, questions: questions) })
    }

    /// Verifies one problem file.
    public static func verify(file path: String, requireKeys: Bool = false,
                              questions: QuestionVerification = numericQuestions) -> VerificationReport.FileResult {
        let problem: Problem
        let results: [VerificationReport.QuestionResult]
        do {
            problem = try ProblemLoader.load(path: path)
            results = try questions(problem, requireKeys)
        } catch {
            return VerificationReport.FileResult(path: path, invalid: error)
        }
        return VerificationReport.FileResult(path: path, problemID: problem.id, questions: results)
    }

    /// How the questions of a loaded problem are verified: one result per question in file order,
    /// or an error when the problem cannot be verified at all (a question that cannot be read).
    public typealias QuestionVerification = @Sendable (Problem, Bool) throws(InputError) -> [VerificationReport.QuestionResult]

    /// Verifies a problem's numeric questions (NNGrade's gradable verifier verifies every kind).
    public static let numericQuestions: QuestionVerification = { problem, requireKeys in
        verify(problem: problem, requireKeys: requireKeys)
    }

    /// Verifies the numeric questions of a loaded problem, one result per question in file order.
    public static func verify(problem: Problem, requireKeys: Bool = false) -> [VerificationReport.QuestionResult] {
        let key = Solver(problem: problem).answerKey()
        var firstSeen: [String: SourceLocation] = [:]
        var results: [VerificationReport.QuestionResult] = []
        // The key has one entry per question, in file order.
        for entry in key.entries {
            let question = entry.question
            var findings = declarationFindings(id: question.id, points: question.points, location: question.location,
                                               firstSeen: &firstSeen)
            findings += self.findings(for: entry, requireKeys: requireKeys)
            results.append(.init(id: question.id, location: question.location,
                                 keyed: question.instructorKey != nil, findings: findings))
        }
        return results
    }

    /// The checks every question gets whatever its kind: positive points and an id used once
    /// (the loader rejects both already; the check guards against problems built in code).
    public static func declarationFindings(id: String, points: Double, location: SourceLocation,
                                           firstSeen: inout [String: SourceLocation]) -> [VerificationReport.Finding] {
        var findings: [VerificationReport.Finding] = []
        if !(points > 0 && points.isFinite) {
            findings.append(.init(severity: .error, at: location,
                                  "question \(id): points must be positive, got \(NumberFormatting.short(points))"))
        }
        if let first = firstSeen[id] {
            findings.append(.init(severity: .error, at: location, "question \(id): the id is used twice (first at line \(first.line))"))
        } else {
            firstSeen[id] = location
        }
        return findings
    }

    /// What verify finds about one numeric question's key: the solver cannot answer it, the
    /// instructor's key disagrees, or (a note, or an error when keys are required) there is no key.
    public static func findings(for entry: AnswerKey.Entry, requireKeys: Bool) -> [VerificationReport.Finding] {
        let question = entry.question
        var findings: [VerificationReport.Finding] = []
        func fail(at location: SourceLocation, _ message: String) {
            findings.append(.init(severity: .error, at: location, "question \(question.id): " + message))
        }
        switch entry.result {
        case .failure(let error):
            fail(at: question.location, "the solver cannot answer it: \(error.message)")
        case .success(let value):
            if let instructorKey = question.instructorKey,
               let message = mismatch(key: instructorKey, solved: value, policy: question.policy) {
                fail(at: question.keyLocation ?? question.location, message)
            }
        }
        if question.instructorKey == nil {
            findings.append(.init(severity: requireKeys ? .error : .note, at: question.location,
                                  "question \(question.id): has no answer key"))
        }
        return findings
    }

    /// Why `key` disagrees with the solver's `solved` value under `policy`, or `nil` when it agrees:
    /// `key says -0.252, solver computes -0.225088 (tolerance ≤ 1e-06 + 0.5%·|t|)`, or for shapes
    /// `key has shape 2×3 but the solver computes 3×2 (the transpose)`.
    public static func mismatch(key: Tensor, solved: Tensor, policy: ComparisonPolicy) -> String? {
        let outcome = TensorComparison.compare(key, to: solved, policy: policy)
        let says = "key says \(AnswerKeyRendering.formatted(key)), solver computes \(AnswerKeyRendering.formatted(solved))"
        switch outcome {
        case .correct:
            return nil
        case .shapeMismatch:
            return "key has shape \(key.shapeDescription) but the solver computes \(solved.shapeDescription)"
        case .transposed where key.shape != solved.shape:
            return "key has shape \(key.shapeDescription) but the solver computes \(solved.shapeDescription) (the transpose)"
        case .transposed:
            return says + " (the key is the transpose; tolerance \(policy.tolerance))"
        case .partiallyCorrect, .incorrect, .notFinite:
            return says + " (tolerance \(policy.tolerance))"
        }
    }

    /// The problem files named by `paths`, in order and without repeats, and the paths that could
    /// not be opened. Folders contribute their `*.yaml` and `*.yml` files (any letter case),
    /// recursively, sorted by path; entries whose name starts with `.` are skipped.
    public static func problemFiles(in paths: [String]) -> (files: [String], unreadable: [VerificationReport.PathIssue]) {
        let manager = FileManager.default
        var files: [String] = []
        var seen: Set<String> = []
        var unreadable: [VerificationReport.PathIssue] = []
        func add(_ file: String) {
            if seen.insert(file).inserted { files.append(file) }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard !path.isEmpty, manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                unreadable.append(.init(path: path, reason: "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                if manager.isReadableFile(atPath: path) {
                    add(path)
                } else {
                    unreadable.append(.init(path: path, reason: "cannot open the file"))
                }
                continue
            }
            guard manager.isReadableFile(atPath: path), let walker = manager.enumerator(atPath: path) else {
                unreadable.append(.init(path: path, reason: "cannot open the folder"))
                continue
            }
            let prefix = path == "." || path == "./" ? "" : path.hasSuffix("/") ? path : path + "/"
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = relative.split(separator: "/").last.map(String.init) ?? relative
                if name.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                let lowered = name.lowercased()
                guard lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") else { continue }
                let full = prefix + relative
                var entryIsDirectory: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue {
                    found.append(full)
                }
            }
            found.sort()
            found.forEach(add)
        }
        return (files, unreadable)
    }
}
