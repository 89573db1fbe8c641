import Foundation
import NNProblem

/// The graders of a randomised problem's variants, one per student id, made on first use and
/// shared by the workers of a batch.
final class VariantGraders: @unchecked Sendable {
    private let secret: VariantSecret?
    private var made: [String: Result<Grader, VariantError>] = [:]
    private let lock = NSLock()

    init(secret: VariantSecret?) { self.secret = secret }

    /// The grader of `student`'s variant of `base`'s problem, with `base`'s audience and tolerance.
    func grader(for student: String, base: Grader) -> Result<Grader, VariantError> {
        let id = student.trimmingCharacters(in: .whitespacesAndNewlines)
        lock.lock()
        if let known = made[id] { lock.unlock(); return known }
        lock.unlock()
        let result = Self.make(id, base: base, secret: secret)
        lock.lock()
        made[id] = result
        lock.unlock()
        return result
    }

    private static func make(_ student: String, base: Grader, secret: VariantSecret?) -> Result<Grader, VariantError> {
        guard let randomization = base.problem.randomization else { return .success(base) }
        guard let secret else {
            return .failure(VariantError("the problem is randomised per student, and its course secret (\(randomization.secretVariable)) is not set"))
        }
        do {
            let problem = try base.problem.variant(for: student, secret: secret)
            let gradable = try GradableProblem(problem: problem)
            return .success(Grader(gradable: gradable, audience: base.audience, toleranceOverride: base.toleranceOverride))
        } catch let error as VariantError {
            return .failure(error)
        } catch {
            return .failure(VariantError("\(error)"))
        }
    }
}
