import NNProblem
import NNYAML

/// `nncheck verify` for every kind: each question of a problem file is read by its kind and
/// verified by it (`QuestionKind.verify`), after the checks every question gets.
public enum KindVerifier {
    /// Verifies every problem file named by `paths` (see `KeyVerifier.verify(paths:requireKeys:questions:)`).
    public static func verify(paths: [String], requireKeys: Bool = false) -> VerificationReport {
        KeyVerifier.verify(paths: paths, requireKeys: requireKeys, questions: questions)
    }

    /// Verifies the questions of a loaded problem through their kinds, one result per question.
    public static let questions: KeyVerifier.QuestionVerification = { problem, requireKeys throws(InputError) in
        verify(try GradableProblem(problem: problem), requireKeys: requireKeys)
    }

    /// Verifies the questions of a gradable, one result per question in file order.
    public static func verify(_ gradable: GradableProblem, requireKeys: Bool = false) -> [VerificationReport.QuestionResult] {
        var firstSeen: [String: SourceLocation] = [:]
        return gradable.questions.map { question in
            let d = question.declaration
            let findings = KeyVerifier.declarationFindings(id: d.id, points: d.points, location: d.location, firstSeen: &firstSeen)
                + question.verify(requireKeys: requireKeys)
            return .init(id: d.id, location: d.location, keyed: question.isKeyed, findings: findings)
        }
    }
}
