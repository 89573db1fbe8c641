import NNCore
import NNProblem

/// A batch's evidence that a submission's wrong answers are another student's numbers: "answers
/// match the variant of student 31445180 on 7 of 9 wrong questions".
public struct CopyingNotice: Sendable, Hashable {
    /// The student whose variant's key the wrong answers match.
    public var source: String
    /// How many wrong answers match it.
    public var matched: Int
    /// How many numeric answers were wrong (incorrect, partial, transposed or of the wrong shape).
    public var wrong: Int

    /// The sentence reports and the class summary print.
    public var text: String {
        "answers match the variant of student \(source) on \(matched) of \(wrong) wrong question\(wrong == 1 ? "" : "s")"
    }
}

/// A wrong numeric answer of a submission, with the value the student gave.
public struct WrongAnswer: Sendable, Hashable {
    /// The question id.
    public var id: String
    /// The student's value.
    public var value: Tensor
}

/// Finds copying in a batch of a randomised problem: a wrong numeric answer that equals, within
/// the question's tolerance, another student's variant's key is a match, and a submission is
/// named when the student with the most matches accounts for at least `minimumMatches` and more
/// than half of its wrong answers. The other students are those with a graded submission in the
/// same batch. The work is (students)² × questions comparisons.
public enum CopyingDetector {
    /// The fewest matching wrong answers that name a submission.
    public static let minimumMatches = 2

    /// The wrong numeric answers of a graded submission, by question id, with the parsed values.
    public static func wrongAnswers(_ result: SubmissionResult, submission: Submission) -> [WrongAnswer] {
        result.questions.compactMap { q -> WrongAnswer? in
            switch q.verdict {
            case .incorrect, .partial, .transposed, .wrongShape:
                guard case .value(let t, _) = submission.answers[q.id] else { return nil }
                return WrongAnswer(id: q.id, value: t)
            default: return nil
            }
        }
    }

    /// Each result's notice (nil where there is none), in order. `wrong[i]` are result i's wrong answers.
    public static func notices(_ results: [SubmissionResult], wrong: [[WrongAnswer]], grader: Grader) -> [CopyingNotice?] {
        guard grader.isRandomised else { return Array(repeating: nil, count: results.count) }
        var students: [String] = []
        var seen: Set<String> = []
        for r in results where r.isGradable && seen.insert(r.student).inserted { students.append(r.student) }
        var keys: [String: Grader] = [:]
        for s in students {
            if case .success(let g) = grader.grader(forStudent: s) { keys[s] = g }
        }
        var policies: [String: ComparisonPolicy] = [:]
        for q in grader.problem.questions {
            var p = q.policy
            if let t = grader.toleranceOverride { p.tolerance = t }
            policies[q.id] = p
        }
        return results.indices.map { i -> CopyingNotice? in
            let answers = wrong[i]
            guard results[i].isGradable, answers.count >= minimumMatches else { return nil }
            var best: CopyingNotice?
            for other in students where other != results[i].student {
                guard let key = keys[other]?.key else { continue }
                var matched = 0
                for a in answers {
                    guard let expected = key.value(for: a.id), let policy = policies[a.id] else { continue }
                    if Verdict(TensorComparison.compare(a.value, to: expected, policy: policy)) == .correct { matched += 1 }
                }
                if matched > (best?.matched ?? 0) { best = CopyingNotice(source: other, matched: matched, wrong: answers.count) }
            }
            guard let best, best.matched >= minimumMatches, 2 * best.matched > best.wrong else { return nil }
            return best
        }
    }
}
