/// A value during formula evaluation: a scalar, a matrix (vectors are n × 1 columns), or `I` /
/// `ones` whose size comes from the operand they meet.
enum FormulaValue {
    case scalar(Double)
    case matrix(Matrix)
    /// `scale · I` of the size needed.
    case identity(scale: Double)
    /// `scale · ones` (a column, or a row when transposed) of the size needed.
    case ones(scale: Double, transposed: Bool)

    static func shape(_ m: Matrix) -> String { "\(m.rows)×\(m.columns)" }
}

extension Expression {
    /// Evaluates a tensor formula (from `ExpressionParser.parseFormula`) in `environment`.
    ///
    /// `*` is the matrix product of two matrices (vectors are columns) and scaling when one side
    /// is a scalar, or a 1 × 1 value whose matrix product with the other side is undefined; `.*`
    /// is entry-wise, as are `/`, `^` with a scalar exponent, `+` and `-` (a scalar is added to
    /// every entry), and every built-in function. A scalar result is a rank-0 tensor, anything
    /// else a matrix. Shape and domain problems are thrown as `FormulaError`, never trapped.
    public func evaluateFormula(in environment: FormulaEnvironment) throws(FormulaError) -> Tensor {
        var evaluator = FormulaEvaluator(environment: environment)
        switch try evaluator.value(self) {
        case .scalar(let v):
            guard v.isFinite else { throw .domain("the result is not a finite number") }
            return Tensor(v)
        case .matrix(let m):
            if let bad = m.elements.firstIndex(where: { !$0.isFinite }) {
                throw .domain("entry [\(bad / max(m.columns, 1) + 1),\(bad % max(m.columns, 1) + 1)] of the result is not a finite number")
            }
            return Tensor(m)
        case .identity(let k):
            guard let shape = environment.resultShape, shape.rows == shape.columns else {
                throw .invalid("the size of I cannot be inferred from the formula; write I(n)")
            }
            return Tensor(k * Matrix.identity(shape.rows))
        case .ones(let k, _):
            guard let shape = environment.resultShape else {
                throw .invalid("the size of ones cannot be inferred from the formula; write ones(n)")
            }
            return Tensor(Matrix(rows: shape.rows, columns: shape.columns, repeating: k))
        }
    }
}

/// The formula interpreter: one pass over the tree, counting work against the budget.
struct FormulaEvaluator {
    let environment: FormulaEnvironment
    var spent = 0

    init(environment: FormulaEnvironment) { self.environment = environment }

    mutating func charge(_ operations: Int) throws(FormulaError) {
        spent += max(operations, 1)
        if spent > environment.operationBudget {
            throw .tooCostly("the formula needs more than \(environment.operationBudget) operations to evaluate")
        }
    }

    mutating func value(_ e: Expression) throws(FormulaError) -> FormulaValue {
        try charge(1)
        switch e {
        case .number(let v): return .scalar(v)
        case .constant(let c): return .scalar(c.value)
        case .variable(let name):
            guard let t = environment.symbols[name] else { throw .invalid("'\(name)' has no value here") }
            switch t.rank {
            case 0: return .scalar(t.scalars[0])
            default: return .matrix(t.asMatrix)
            }
        case .negate(let operand):
            return try scale(try value(operand), by: -1)
        case .binary(let op, let lhs, let rhs):
            let a = try value(lhs), b = try value(rhs)
            switch op {
            case .add: return try sum(a, b, sign: 1)
            case .subtract: return try sum(a, b, sign: -1)
            case .multiply: return try product(a, b)
            case .divide: return try quotient(a, b)
            case .power: return try power(a, b)
            }
        case .call(let function, let arguments):
            return try elementwise(function, arguments, derivative: false)
        case .conditional(let condition, let then, let otherwise):
            return try conditional(condition, then, otherwise)
        case .tensor(let operation):
            return try tensor(operation)
        }
    }

    // MARK: tensor constructs

    mutating func tensor(_ operation: Expression.TensorOperation) throws(FormulaError) -> FormulaValue {
        switch operation {
        case .transpose(let m):
            switch try value(m) {
            case .scalar(let v): return .scalar(v)
            case .matrix(let x):
                try charge(x.elements.count)
                return .matrix(x.transposed)
            case .identity(let s): return .identity(scale: s)
            case .ones(let s, let t): return .ones(scale: s, transposed: !t)
            }
        case .elementwiseProduct(let lhs, let rhs):
            return try hadamard(try value(lhs), try value(rhs))
        case .derivative(let function, let arguments):
            return try elementwise(function, arguments, derivative: true)
        case .named(let name, let argument, let derivative, let iterations):
            guard let activation = environment.functions[name] else { throw .invalid("no function '\(name)' here") }
            var x = try concrete(try value(argument), for: name)
            for _ in 0..<iterations { x = try apply(activation, name: name, to: x, derivative: derivative) }
            return x
        case .call(let function, let arguments, let derivative):
            return try tensorCall(function, arguments, derivative: derivative)
        case .identity(let size):
            guard let size else { return .identity(scale: 1) }
            let n = try dimension(size, for: "I")
            try charge(n * n)
            return .matrix(.identity(n))
        case .ones(let size):
            guard let size else { return .ones(scale: 1, transposed: false) }
            let n = try dimension(size, for: "ones")
            try charge(n)
            return .matrix(Matrix(rows: n, columns: 1, repeating: 1))
        }
    }

    mutating func dimension(_ e: Expression, for name: String) throws(FormulaError) -> Int {
        guard case .scalar(let v) = try value(e), v == v.rounded(), v >= 1, v <= 10_000 else {
            throw .invalid("the size in \(name)(n) must be a whole number from 1 to 10000")
        }
        return Int(v)
    }

    /// A scalar or matrix value; `I` and `ones` without a size cannot be used on their own.
    func concrete(_ v: FormulaValue, for what: String) throws(FormulaError) -> FormulaValue {
        switch v {
        case .scalar, .matrix: return v
        case .identity, .ones: throw .invalid("the size of I or ones in \(what)(…) cannot be inferred; write I(n) or ones(n)")
        }
    }

    mutating func apply(_ activation: Activation, name: String, to x: FormulaValue, derivative: Bool) throws(FormulaError) -> FormulaValue {
        let (entries, rows, columns, isScalar) = Self.entries(of: x)
        try charge(entries.count * (activation.isElementwise ? 4 : entries.count))
        do {
            if !activation.isElementwise {
                guard columns == 1 || rows == 1 else {
                    throw FormulaError.shape("\(name)(…) needs a vector, got \(rows)×\(columns)")
                }
                let a = try activation.apply(entries, options: environment.options)
                if derivative {
                    return .matrix(try activation.jacobian(z: entries, a: a, options: environment.options))
                }
                return .matrix(Matrix(rows: rows, columns: columns, elements: a))
            }
            let out: [Double]
            if derivative {
                var d = [Double](repeating: 0, count: entries.count)
                for i in entries.indices { d[i] = try activation.derivative(at: entries[i], options: environment.options) }
                out = d
            } else {
                out = try activation.apply(entries, options: environment.options)
            }
            if isScalar { return .scalar(out[0]) }
            return .matrix(Matrix(rows: rows, columns: columns, elements: out))
        } catch let error as FormulaError {
            throw error
        } catch {
            throw .domain("\(name)\(derivative ? "'" : ""): \(error)")
        }
    }

    static func entries(of v: FormulaValue) -> (entries: [Double], rows: Int, columns: Int, isScalar: Bool) {
        switch v {
        case .scalar(let s): return ([s], 1, 1, true)
        case .matrix(let m): return (m.elements, m.rows, m.columns, false)
        case .identity, .ones: return ([], 0, 0, false)
        }
    }

    mutating func tensorCall(_ function: Expression.TensorFunction, _ arguments: [Expression], derivative: Bool) throws(FormulaError) -> FormulaValue {
        let name = function.rawValue
        let first = try concrete(try value(arguments[0]), for: name)
        switch function {
        case .identity:
            if !derivative { return first }
            return try scale(first, by: 0, adding: 1)
        case .softmax:
            return try apply(.softmax, name: name, to: first, derivative: derivative)
        case .transpose:
            return try tensor(.transpose(arguments[0]))
        case .sum:
            let (entries, _, _, _) = Self.entries(of: first)
            try charge(entries.count)
            return .scalar(entries.reduce(0, +))
        case .diag:
            let (entries, rows, columns, _) = Self.entries(of: first)
            if rows == 1 || columns == 1 {
                try charge(entries.count * entries.count)
                return .matrix(.diagonal(entries))
            }
            guard rows == columns else { throw .shape("diag of a \(rows)×\(columns) matrix: it must be square or a vector") }
            try charge(rows)
            return .matrix(Matrix(rows: rows, columns: 1, elements: (0..<rows).map { entries[$0 * columns + $0] }))
        case .outer:
            let second = try concrete(try value(arguments[1]), for: name)
            let (u, ur, uc, _) = Self.entries(of: first)
            let (v, vr, vc, _) = Self.entries(of: second)
            guard ur == 1 || uc == 1, vr == 1 || vc == 1 else {
                throw .shape("outer(u, v) needs two vectors, got \(ur)×\(uc) and \(vr)×\(vc)")
            }
            try charge(u.count * v.count)
            return .matrix(.outer(u, v))
        }
    }

    // MARK: arithmetic

    mutating func scale(_ v: FormulaValue, by s: Double, adding offset: Double = 0) throws(FormulaError) -> FormulaValue {
        switch v {
        case .scalar(let x): return .scalar(s * x + offset)
        case .matrix(let m):
            try charge(m.elements.count)
            return .matrix(Matrix(rows: m.rows, columns: m.columns, elements: m.elements.map { s * $0 + offset }))
        case .identity(let k):
            guard offset == 0 else { throw .invalid("the size of I cannot be inferred here; write I(n)") }
            return .identity(scale: k * s)
        case .ones(let k, let t):
            return .ones(scale: k * s + offset, transposed: t)
        }
    }

    /// `I` or `ones` made concrete with the shape of `m` (for +, - and .*).
    func matching(_ pending: FormulaValue, _ m: Matrix, operation: String) throws(FormulaError) -> Matrix {
        switch pending {
        case .identity(let k):
            guard m.rows == m.columns else {
                throw .shape("I cannot be \(operation) a \(FormulaValue.shape(m)) matrix: I is square")
            }
            return k * Matrix.identity(m.rows)
        case .ones(let k, _):
            return Matrix(rows: m.rows, columns: m.columns, repeating: k)
        case .matrix(let x): return x
        case .scalar(let s): return Matrix(rows: m.rows, columns: m.columns, repeating: s)
        }
    }

    mutating func sum(_ a: FormulaValue, _ b: FormulaValue, sign: Double) throws(FormulaError) -> FormulaValue {
        let verb = sign > 0 ? "added to" : "subtracted from"
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return .scalar(x + sign * y)
        case (.matrix(let x), .matrix(let y)):
            guard x.rows == y.rows, x.columns == y.columns else {
                throw .shape("a \(FormulaValue.shape(y)) value cannot be \(verb) a \(FormulaValue.shape(x)) value")
            }
            try charge(x.elements.count)
            var out = x
            for i in out.elements.indices { out.elements[i] += sign * y.elements[i] }
            return .matrix(out)
        case (.matrix(let x), _):
            return try sum(a, .matrix(try matching(b, x, operation: verb)), sign: sign)
        case (_, .matrix(let y)):
            return try sum(.matrix(try matching(a, y, operation: verb)), b, sign: sign)
        case (.ones(let k, let t), .scalar(let y)): return .ones(scale: k + sign * y, transposed: t)
        case (.scalar(let x), .ones(let k, let t)): return .ones(scale: x + sign * k, transposed: t)
        case (.identity(let j), .identity(let k)): return .identity(scale: j + sign * k)
        case (.ones(let j, let t), .ones(let k, let u)) where t == u: return .ones(scale: j + sign * k, transposed: t)
        default:
            throw .invalid("the size of I or ones cannot be inferred here; write I(n) or ones(n)")
        }
    }

    mutating func product(_ a: FormulaValue, _ b: FormulaValue) throws(FormulaError) -> FormulaValue {
        switch (a, b) {
        case (.scalar(let s), _): return try scale(b, by: s)
        case (_, .scalar(let s)): return try scale(a, by: s)
        case (.matrix(let x), .matrix(let y)):
            if x.columns == y.rows {
                try charge(x.rows * x.columns * y.columns)
                return .matrix(x.multiply(y))
            }
            if x.elements.count == 1 { return try scale(b, by: x.elements[0]) }
            if y.elements.count == 1 { return try scale(a, by: y.elements[0]) }
            throw .shape("matrix product of \(FormulaValue.shape(x)) and \(FormulaValue.shape(y)): \(x.columns) columns against \(y.rows) rows")
        case (.identity(let k), .matrix), (.matrix, .identity(let k)):
            return try scale(a.isPending ? b : a, by: k)
        case (.ones(let k, true), .matrix(let y)):   // onesᵀ M: column sums, 1 × c
            try charge(y.elements.count)
            var out = Matrix(rows: 1, columns: y.columns)
            for r in 0..<y.rows { for c in 0..<y.columns { out[0, c] += k * y[r, c] } }
            return .matrix(out)
        case (.matrix(let x), .ones(let k, false)):  // M ones: row sums, r × 1
            try charge(x.elements.count)
            var out = Matrix(rows: x.rows, columns: 1)
            for r in 0..<x.rows { for c in 0..<x.columns { out[r, 0] += k * x[r, c] } }
            return .matrix(out)
        default:
            throw .invalid("the size of I or ones cannot be inferred here; write I(n) or ones(n)")
        }
    }

    mutating func hadamard(_ a: FormulaValue, _ b: FormulaValue) throws(FormulaError) -> FormulaValue {
        switch (a, b) {
        case (.scalar(let s), _): return try scale(b, by: s)
        case (_, .scalar(let s)): return try scale(a, by: s)
        case (.matrix(let x), .matrix(let y)):
            if x.rows == y.rows && x.columns == y.columns {
                try charge(x.elements.count)
                var out = x
                for i in out.elements.indices { out.elements[i] *= y.elements[i] }
                return .matrix(out)
            }
            if x.elements.count == 1 { return try scale(b, by: x.elements[0]) }
            if y.elements.count == 1 { return try scale(a, by: y.elements[0]) }
            throw .shape("element-wise product of \(FormulaValue.shape(x)) and \(FormulaValue.shape(y)): the shapes differ")
        case (.matrix(let x), _): return try hadamard(a, .matrix(try matching(b, x, operation: "multiplied entry-wise with")))
        case (_, .matrix(let y)): return try hadamard(.matrix(try matching(a, y, operation: "multiplied entry-wise with")), b)
        default:
            throw .invalid("the size of I or ones cannot be inferred here; write I(n) or ones(n)")
        }
    }

    mutating func quotient(_ a: FormulaValue, _ b: FormulaValue) throws(FormulaError) -> FormulaValue {
        switch b {
        case .scalar(let s):
            guard s != 0 else { throw .domain("division by zero") }
            return try scale(a, by: 1 / s)
        case .matrix(let y):
            let x: Matrix
            switch a {
            case .matrix(let m):
                if m.elements.count == 1 && y.elements.count != 1 {
                    x = Matrix(rows: y.rows, columns: y.columns, repeating: m.elements[0])
                } else if y.elements.count == 1 && m.elements.count != 1 {
                    return try quotient(a, .scalar(y.elements[0]))
                } else {
                    x = m
                }
            default: x = try matching(a, y, operation: "divided by")
            }
            guard x.rows == y.rows, x.columns == y.columns else {
                throw .shape("entry-wise division of \(FormulaValue.shape(x)) by \(FormulaValue.shape(y)): the shapes differ")
            }
            try charge(x.elements.count)
            var out = x
            for i in out.elements.indices {
                guard y.elements[i] != 0 else { throw .domain("division by zero in entry \(i + 1)") }
                out.elements[i] /= y.elements[i]
            }
            return .matrix(out)
        case .identity, .ones:
            throw .invalid("cannot divide by I or ones")
        }
    }

    mutating func power(_ a: FormulaValue, _ b: FormulaValue) throws(FormulaError) -> FormulaValue {
        guard case .scalar(let exponent) = b else {
            if case .matrix(let y) = b, y.elements.count == 1 { return try power(a, .scalar(y.elements[0])) }
            throw .shape("an exponent must be a number; ^ raises each entry to it (write ^T for the transpose)")
        }
        switch try concrete(a, for: "^") {
        case .scalar(let x): return .scalar(try Self.power(x, exponent))
        case .matrix(let m):
            try charge(m.elements.count)
            var out = m
            for i in out.elements.indices { out.elements[i] = try Self.power(m.elements[i], exponent) }
            return .matrix(out)
        case .identity, .ones: throw .invalid("the size of I or ones cannot be inferred here; write I(n) or ones(n)")
        }
    }

    static func power(_ x: Double, _ exponent: Double) throws(FormulaError) -> Double {
        do {
            return try ExpressionKernel.power(x, exponent).value
        } catch {
            throw .domain(error.message)
        }
    }

    /// A built-in scalar function (or its derivative, the kernel's local partial with respect to
    /// the first argument) applied entry by entry; extra arguments broadcast when scalar.
    mutating func elementwise(_ function: Expression.Function, _ arguments: [Expression], derivative: Bool) throws(FormulaError) -> FormulaValue {
        var values: [FormulaValue] = []
        for argument in arguments { values.append(try concrete(try value(argument), for: function.name)) }
        var rows = 1, columns = 1, isScalar = true
        for v in values {
            if case .matrix(let m) = v, !(m.rows == 1 && m.columns == 1 && !isScalar) {
                if !isScalar && (m.rows != rows || m.columns != columns) {
                    throw .shape("the arguments of \(function.name) have different shapes: \(rows)×\(columns) and \(FormulaValue.shape(m))")
                }
                if isScalar || m.elements.count > 1 { rows = m.rows; columns = m.columns; isScalar = false }
            }
        }
        let count = rows * columns
        try charge(count * values.count)
        var out = [Double](repeating: 0, count: count)
        var args = [Double](repeating: 0, count: values.count)
        for i in 0..<count {
            for (k, v) in values.enumerated() {
                switch v {
                case .scalar(let s): args[k] = s
                case .matrix(let m): args[k] = m.elements.count == 1 ? m.elements[0] : m.elements[i]
                default: args[k] = 0
                }
            }
            do {
                if ExpressionKernel.isSelection(function) {
                    let index = try ExpressionKernel.selection(function, args)
                    out[i] = derivative ? (index == 0 ? 1 : 0) : args[index]
                } else {
                    let local = try ExpressionKernel.call(function, args, options: environment.options.evaluation)
                    out[i] = derivative ? local.d0 : local.value
                }
            } catch {
                let place = count == 1 ? "" : " (entry \(i + 1))"
                throw .domain("\(function.name)\(derivative ? "'" : ""): \(error.message)\(place)")
            }
        }
        if isScalar { return .scalar(out[0]) }
        return .matrix(Matrix(rows: rows, columns: columns, elements: out))
    }

    /// `if`: a scalar condition picks one branch; a tensor condition picks entry by entry.
    mutating func conditional(_ condition: Expression.Condition, _ then: Expression, _ otherwise: Expression) throws(FormulaError) -> FormulaValue {
        let a = try concrete(try value(condition.lhs), for: "if")
        let b = try concrete(try value(condition.rhs), for: "if")
        if case .scalar(let x) = a, case .scalar(let y) = b {
            return try value(condition.relation.holds(x, y) ? then : otherwise)
        }
        let t = try concrete(try value(then), for: "if"), f = try concrete(try value(otherwise), for: "if")
        var rows = 0, columns = 0
        for v in [a, b, t, f] {
            if case .matrix(let m) = v {
                if rows == 0 { rows = m.rows; columns = m.columns }
                guard m.rows == rows, m.columns == columns else {
                    throw .shape("the parts of if(…) have different shapes: \(rows)×\(columns) and \(FormulaValue.shape(m))")
                }
            }
        }
        func entry(_ v: FormulaValue, _ i: Int) -> Double {
            switch v {
            case .scalar(let s): return s
            case .matrix(let m): return m.elements[i]
            default: return 0
            }
        }
        try charge(rows * columns)
        var out = Matrix(rows: rows, columns: columns)
        for i in 0..<(rows * columns) {
            out.elements[i] = condition.relation.holds(entry(a, i), entry(b, i)) ? entry(t, i) : entry(f, i)
        }
        return .matrix(out)
    }
}

extension FormulaValue {
    /// Whether this is `I` or `ones` still waiting for a size.
    var isPending: Bool {
        switch self {
        case .identity, .ones: return true
        default: return false
        }
    }
}
