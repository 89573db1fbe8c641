
/// What a question asks for: a quantity of the scenario, optionally one element of it.
///
/// The `ask` syntax (layers are numbered from 1, indices are 1-based as in hand calculations):
///
/// | ask | meaning |
/// |---|---|
/// | `x`, `y`, `y_hat` (or `output`), `loss` | input, target, network output ŷ, loss |
/// | `z2`, `a2` | pre-activation and activation of layer 2 |
/// | `W2`, `b2` | weights (course layout) and bias of layer 2 |
/// | `delta2` (or `dL/dz2`), `dL/da2`, `dL/dW2`, `dL/db2` | derivatives at layer 2 |
/// | `dL/dy_hat`, `dL/dx` | ∂L/∂ŷ and ∂L/∂x |
/// | `da2/dz2` | Jacobian of layer 2's activation |
/// | `dz3/da2` | Jacobian of layer 3's affine map with respect to a⁽²⁾ (= W⁽³⁾, out × in) |
/// | `w3,6`, `dL/dw3,6` | a named parameter and its gradient |
/// | `updated.W1`, `updated.b1`, `updated.w3,6`, `updated.loss`, `updated.y_hat` | after the SGD steps |
/// | `graph.w`, `graph.dw/dx` | a graph node's value, and ∂w/∂x through the graph |
/// | `z(0.5)`, `z'(0.5)` | a named function and its derivative at a point |
///
/// Any of them may end in an element index: `W2[1,3]`, `z1[2]`.
public struct QuantityReference: Sendable, Hashable, CustomStringConvertible {
    /// The quantity.
    public var quantity: Quantity
    /// 1-based element indices, or nil for the whole value.
    public var element: [Int]?

    /// Creates a reference.
    public init(_ quantity: Quantity, element: [Int]? = nil) {
        self.quantity = quantity
        self.element = element
    }

    public var description: String {
        quantity.description + (element.map { "[" + $0.map(String.init).joined(separator: ",") + "]" } ?? "")
    }
}
