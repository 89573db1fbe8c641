/// A position-carrying YAML tree node: a scalar, a list or a mapping.
///
/// Nodes produced from aliases share storage with the anchored node they refer to and
/// keep the anchored node's locations (scalars reached through an alias are relocated to
/// the alias itself).
public indirect enum YAMLNode: Sendable, Hashable {
    /// A scalar value, kept as text.
    case scalar(YAMLScalar)
    /// A list (YAML sequence) and the location where it starts.
    case sequence([YAMLNode], SourceLocation)
    /// A mapping with its entries in document order (merge keys already applied) and the
    /// location where it starts. Keys are unique.
    case mapping([YAMLPair], SourceLocation)

    /// Where the node starts in its file.
    public var location: SourceLocation {
        switch self {
        case .scalar(let scalar):
            return scalar.location
        case .sequence(_, let location), .mapping(_, let location):
            return location
        }
    }

    /// The kind of node for messages: "scalar", "list" or "mapping".
    public var kindName: String {
        switch self {
        case .scalar:
            return "scalar"
        case .sequence:
            return "list"
        case .mapping:
            return "mapping"
        }
    }
}
