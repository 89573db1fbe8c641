/// Hard resource limits applied while reading one YAML document.
///
/// Every limit is enforced while the document is being converted, before any
/// oversized structure exists in memory.
public struct YAMLLimits: Sendable, Hashable {
    /// The largest accepted file size in bytes (checked before parsing).
    public var maxBytes: Int
    /// The deepest accepted nesting of lists and mappings (the root collection is level 1).
    public var maxDepth: Int
    /// The most nodes (scalars, including mapping keys, lists and mappings) a document may
    /// contain, counted after alias and merge-key expansion.
    public var maxNodes: Int
    /// The longest accepted scalar, in UTF-8 bytes.
    public var maxScalarLength: Int
    /// Whether anchors (`&a`), aliases (`*a`) and merge keys (`<<`) are accepted.
    public var allowAliases: Bool
    /// A plural noun phrase naming the files these limits are for, used in messages
    /// ("larger than the 1 MB limit for answer files").
    public var fileKind: String

    /// Creates limits; messages call the files "YAML files".
    public init(maxBytes: Int, maxDepth: Int, maxNodes: Int, maxScalarLength: Int, allowAliases: Bool) {
        self.init(maxBytes: maxBytes, maxDepth: maxDepth, maxNodes: maxNodes,
                  maxScalarLength: maxScalarLength, allowAliases: allowAliases, fileKind: "YAML files")
    }

    /// Creates limits whose messages name the files `fileKind` (a plural, e.g. "answer files").
    public init(maxBytes: Int, maxDepth: Int, maxNodes: Int, maxScalarLength: Int, allowAliases: Bool,
                fileKind: String) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxScalarLength = maxScalarLength
        self.allowAliases = allowAliases
        self.fileKind = fileKind
    }

    /// Limits for student answer files: 1 MiB, depth 16, 2,000,000 nodes, 1 MiB scalars, no aliases.
    public static let answerFile = YAMLLimits(
        maxBytes: 1 << 20, maxDepth: 16, maxNodes: 2_000_000, maxScalarLength: 1 << 20,
        allowAliases: false, fileKind: "answer files")

    /// Limits for instructor problem files: 8 MiB, depth 64, 4,000,000 nodes after alias
    /// expansion, 1 MiB scalars, aliases and merge keys allowed.
    public static let problemFile = YAMLLimits(
        maxBytes: 8 << 20, maxDepth: 64, maxNodes: 4_000_000, maxScalarLength: 1 << 20,
        allowAliases: true, fileKind: "problem files")
}
