/// What a tensor formula is evaluated against: the values of its symbols, the functions it may
/// call by name, the derivative conventions, and a bound on the work one evaluation may do.
///
/// Vectors are columns: a symbol bound to a vector of length n is an n × 1 matrix in the formula.
public struct FormulaEnvironment: Sendable {
    /// The most entry operations (one per entry produced; r·k·c for a matrix product) one
    /// evaluation may perform: about 0.5 ms of work, so that 20 evaluations stay under 10 ms.
    public static let defaultOperationBudget = 100_000

    /// Symbol values: scalars, vectors (columns) and matrices.
    public var symbols: [String: Tensor]
    /// Functions callable by name (`f(z1)`, `f'(z1)`), each an activation (built-in or an expression in x).
    public var functions: [String: Activation]
    /// Derivative conventions at kinks (ReLU'(0)).
    public var options: DifferentiationOptions
    /// The most entry operations one evaluation may perform.
    public var operationBudget: Int
    /// The shape a result of `I` or `ones` alone takes (rows, columns): the asked quantity's, so
    /// that `I_k` answers ∂ŷ/∂z for an identity output.
    public var resultShape: (rows: Int, columns: Int)?

    /// Creates an environment.
    public init(symbols: [String: Tensor] = [:], functions: [String: Activation] = [:],
                options: DifferentiationOptions = .init(), operationBudget: Int = FormulaEnvironment.defaultOperationBudget) {
        self.symbols = symbols
        self.functions = functions
        self.options = options
        self.operationBudget = operationBudget
    }
}

/// Why a formula has no value in an environment; a value, never a crash.
public enum FormulaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Operand shapes that do not fit, e.g. "matrix product of 3×1 and 3×1: 1 columns against 3 rows".
    case shape(String)
    /// A value outside a function's domain or not finite, e.g. "ln of a non-positive number".
    case domain(String)
    /// The evaluation would exceed the operation budget.
    case tooCostly(String)
    /// A name or construct that cannot be evaluated here (an unbound symbol, `I` of unknown size).
    case invalid(String)

    /// The message.
    public var message: String {
        switch self {
        case .shape(let m), .domain(let m), .tooCostly(let m), .invalid(let m): return m
        }
    }

    public var description: String { message }
}
