import NNProblem
import NNYAML

/// The registry of question kinds. A new kind is one file under `Kinds/` and one line here.
public enum QuestionKinds {
    /// Every kind nncheck knows, in the order error messages list them.
    public static var registered: [any QuestionKind.Type] {
        [
            NumericQuestion.self,
        ]
    }

    /// The kind named `name`, if registered.
    public static func kind(named name: String) -> (any QuestionKind.Type)? {
        registered.first { $0.name == name }
    }

    /// Reads every question of `context.problem` with its kind, in file order.
    static func read(_ context: KindContext) throws(InputError) -> [any QuestionKind] {
        var questions: [any QuestionKind] = []
        questions.reserveCapacity(context.problem.declarations.count)
        for declaration in context.problem.declarations {
            guard let kind = kind(named: declaration.kind) else { throw unknownKind(declaration) }
            questions.append(try kind.init(declaration, context: context))
        }
        return questions
    }

    /// The error for a question whose kind is not registered, at its `kind:`.
    static func unknownKind(_ declaration: QuestionDeclaration) -> InputError {
        InputError(at: declaration.kindLocation ?? declaration.location,
                   "question \(declaration.id): unknown kind '\(YAMLValues.clip(declaration.kind))'; expected one of: "
                    + registered.map { $0.name }.joined(separator: ", "))
    }
}
