/// Bounded reading of any input file (CSV data, notebooks), with the same checks as YAML files.
public enum BoundedFile {
    /// The file's bytes, or an `InputError` when it cannot be opened, is a directory, or is larger
    /// than `maxBytes` (checked from its size before reading, and again while reading).
    /// `fileKind` names the files in messages ("larger than the 4 MB limit for data files").
    public static func bytes(ofPath path: String, displayName: String, maxBytes: Int,
                             fileKind: String) throws(InputError) -> [UInt8] {
        let limits = YAMLLimits(maxBytes: maxBytes, maxDepth: 1, maxNodes: 1, maxScalarLength: maxBytes,
                                allowAliases: false, fileKind: fileKind)
        return try FileBytes.contents(ofPath: path, displayName: displayName, limits: limits)
    }
}
