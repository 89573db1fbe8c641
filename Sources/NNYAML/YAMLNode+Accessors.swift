/// Typed accessors that throw an `InputError` located at the node when it has the wrong kind.
extension YAMLNode {
    /// Returns the mapping's pairs, or throws "`what` must be a mapping …" located at this node.
    public func mapping(_ what: String) throws(InputError) -> [YAMLPair] {
        guard case .mapping(let pairs, _) = self else {
            throw InputError(at: location, "\(what) must be a mapping (key: value entries), but found \(foundText)")
        }
        return pairs
    }

    /// Returns the list's elements, or throws "`what` must be a list …" located at this node.
    public func sequence(_ what: String) throws(InputError) -> [YAMLNode] {
        guard case .sequence(let elements, _) = self else {
            throw InputError(at: location, "\(what) must be a list, but found \(foundText)")
        }
        return elements
    }

    /// Returns the scalar, or throws "`what` must be a single value …" located at this node.
    public func scalar(_ what: String) throws(InputError) -> YAMLScalar {
        guard case .scalar(let scalar) = self else {
            throw InputError(at: location, "\(what) must be a single value, but found \(foundText)")
        }
        return scalar
    }

    /// The value stored under `key` (compared as exact text) if this node is a mapping; otherwise `nil`.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        for pair in pairs where pair.key.text == key {
            return pair.value
        }
        return nil
    }

    /// Describes this node for "but found …" messages.
    var foundText: String {
        switch self {
        case .scalar(let scalar):
            if scalar.isNull {
                return scalar.text.isEmpty ? "an empty value" : "an empty value (\(scalar.text))"
            }
            return "the value \(MessageText.quoted(scalar.text))"
        case .sequence:
            return "a list"
        case .mapping:
            return "a mapping"
        }
    }
}
