#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// Elementary functions from the platform C math library, in one place so that the rest of the
/// core imports nothing. These are the only bindings NNCore has outside the standard library.
public enum Elementary {
    /// eˣ.
    @inlinable public static func exp(_ x: Double) -> Double { _exp(x) }
    /// Natural logarithm.
    @inlinable public static func log(_ x: Double) -> Double { _log(x) }
    /// Base-10 logarithm.
    @inlinable public static func log10(_ x: Double) -> Double { _log10(x) }
    /// Base-2 logarithm.
    @inlinable public static func log2(_ x: Double) -> Double { _log2(x) }
    /// log(1 + x), accurate for small x.
    @inlinable public static func log1p(_ x: Double) -> Double { _log1p(x) }
    /// eˣ − 1, accurate for small x.
    @inlinable public static func expm1(_ x: Double) -> Double { _expm1(x) }
    /// Hyperbolic tangent.
    @inlinable public static func tanh(_ x: Double) -> Double { _tanh(x) }
    /// Error function.
    @inlinable public static func erf(_ x: Double) -> Double { _erf(x) }
    /// xʸ.
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { _pow(x, y) }
    /// Sine.
    @inlinable public static func sin(_ x: Double) -> Double { _sin(x) }
    /// Cosine.
    @inlinable public static func cos(_ x: Double) -> Double { _cos(x) }
    /// Square root.
    @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
    /// π.
    public static let pi = Double.pi
    /// Euler's number e.
    public static let e = 2.718281828459045
}

/// Direct bindings to libm, as free functions so that `Elementary`'s static names do not shadow them.
@usableFromInline func _exp(_ x: Double) -> Double { exp(x) }
@usableFromInline func _log(_ x: Double) -> Double { log(x) }
@usableFromInline func _log10(_ x: Double) -> Double { log10(x) }
@usableFromInline func _log2(_ x: Double) -> Double { log2(x) }
@usableFromInline func _log1p(_ x: Double) -> Double { log1p(x) }
@usableFromInline func _expm1(_ x: Double) -> Double { expm1(x) }
@usableFromInline func _tanh(_ x: Double) -> Double { tanh(x) }
@usableFromInline func _erf(_ x: Double) -> Double { erf(x) }
@usableFromInline func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline func _sin(_ x: Double) -> Double { sin(x) }
@usableFromInline func _cos(_ x: Double) -> Double { cos(x) }
