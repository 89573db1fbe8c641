import NNCore

/// Formulas one typical mistake away from a student's formula, each with the mistake's name:
/// the student's formula is that mistake applied to the right one when its mutation is right.
enum FormulaMutations {
    /// The most mutations tried for one formula.
    static let limit = 64

    /// Every single-site mutation: `*` ↔ `.*`, an activation ↔ its derivative.
    static func all(of expression: Expression) -> [(Expression, String)] {
        var out: [(Expression, String)] = []
        collect(expression, rebuild: { $0 }, into: &out)
        return out
    }

    private static func collect(_ e: Expression, rebuild: (Expression) -> Expression, into out: inout [(Expression, String)]) {
        guard out.count < limit else { return }
        switch e {
        case .number, .constant, .variable:
            return
        case .negate(let a):
            collect(a, rebuild: { rebuild(.negate($0)) }, into: &out)
        case .binary(let op, let a, let b):
            if op == .multiply, !a.isConstant, !b.isConstant {
                out.append((rebuild(.tensor(.elementwiseProduct(a, b))),
                            "a matrix product (*) where the element-wise product (.*) belongs"))
            }
            collect(a, rebuild: { rebuild(.binary(op, $0, b)) }, into: &out)
            collect(b, rebuild: { rebuild(.binary(op, a, $0)) }, into: &out)
        case .call(let f, let args):
            if ![.min, .max, .clamp, .abs, .sqrt].contains(f) {
                out.append((rebuild(.tensor(.derivative(f, args))), "\(f.name) used where its derivative \(f.name)′ belongs"))
            }
            for i in args.indices {
                collect(args[i], rebuild: { var copy = args; copy[i] = $0; return rebuild(.call(f, copy)) }, into: &out)
            }
        case .conditional(let c, let t, let o):
            collect(t, rebuild: { rebuild(.conditional(c, then: $0, else: o)) }, into: &out)
            collect(o, rebuild: { rebuild(.conditional(c, then: t, else: $0)) }, into: &out)
        case .tensor(let operation):
            switch operation {
            case .elementwiseProduct(let a, let b):
                out.append((rebuild(.binary(.multiply, a, b)),
                            "an element-wise product (.*) where the matrix product (*) belongs"))
                collect(a, rebuild: { rebuild(.tensor(.elementwiseProduct($0, b))) }, into: &out)
                collect(b, rebuild: { rebuild(.tensor(.elementwiseProduct(a, $0))) }, into: &out)
            case .transpose(let m):
                collect(m, rebuild: { rebuild(.tensor(.transpose($0))) }, into: &out)
            case .derivative(let f, let args):
                out.append((rebuild(.call(f, args)), "\(f.name)′ used where \(f.name) itself belongs"))
                for i in args.indices {
                    collect(args[i], rebuild: { var copy = args; copy[i] = $0; return rebuild(.tensor(.derivative(f, copy))) }, into: &out)
                }
            case .named(let name, let arg, let derivative, let iterations):
                if iterations == 1 {
                    out.append((rebuild(.tensor(.named(name, arg, derivative: !derivative, iterations: 1))),
                                derivative ? "\(name)′ used where \(name) itself belongs" : "\(name) used where its derivative \(name)′ belongs"))
                }
                collect(arg, rebuild: { rebuild(.tensor(.named(name, $0, derivative: derivative, iterations: iterations))) }, into: &out)
            case .call(let f, let args, let derivative):
                if f == .softmax {
                    out.append((rebuild(.tensor(.call(f, args, derivative: !derivative))),
                                derivative ? "softmax′ used where softmax itself belongs" : "softmax used where its derivative softmax′ belongs"))
                }
                for i in args.indices {
                    collect(args[i], rebuild: { var copy = args; copy[i] = $0; return rebuild(.tensor(.call(f, copy, derivative: derivative))) }, into: &out)
                }
            case .identity, .ones:
                return
            }
        }
    }
}
