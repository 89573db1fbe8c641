/// One `key: value` entry of a mapping.
///
/// Keys are always scalars; the reader rejects lists or mappings used as keys.
public struct YAMLPair: Sendable, Hashable {
    /// The key, as written.
    public var key: YAMLScalar
    /// The value.
    public var value: YAMLNode

    /// Creates a pair from a key and a value.
    public init(key: YAMLScalar, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
