import NNProblem
import NNGrade

/// A platform that takes one results file per submission.
public enum ResultsPlatform: String, Sendable, Hashable, CaseIterable {
    /// Gradescope's autograder `results.json`.
    case gradescope
    /// PrairieLearn's external-grader `results.json`.
    case prairielearn

    /// The results file text for one submission.
    public func resultsJSON(_ r: SubmissionResult, problem: Problem) -> String {
        switch self {
        case .gradescope: return GradescopeResults.json(r, problem: problem)
        case .prairielearn: return PrairieLearnResults.json(r, problem: problem)
        }
    }
}
