/// Builds a `YAMLNode` tree from a stream of parse events without recursion, enforcing
/// `YAMLLimits` as each event arrives.
///
/// Alias expansion is never performed eagerly: each completed anchored node is memoized with
/// its expanded node count and height, an alias adds that memoized count to the running total
/// (so a "billion laughs" document fails as soon as the total passes `maxNodes`), and the
/// alias is represented by the already-built node value, which shares storage.
struct TreeBuilder {
    /// A completed anchored node with its expanded size (node count) and height (nesting levels).
    private struct Anchored {
        var node: YAMLNode
        var size: Int
        var height: Int
    }

    /// One entry of a mapping under construction.
    private enum MappingEntry {
        case pair(YAMLPair)
        /// The mappings named by a merge key (`<<`), in priority order.
        case merge([[YAMLPair]])
    }

    /// A list or mapping whose end event has not arrived yet.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        var anchor: String?
        /// For lists: this list is the value of a merge key (`<<: [*a, *b]`).
        var isMergeList: Bool
        /// Where this collection's items (or entries) begin on the builder's shared stack.
        var start: Int
        var pendingKey: YAMLScalar?
        var pendingKeyIsMerge = false
        var hasMerge = false
        var keyLines: [String: Int] = [:]
        var size = 1
        var height = 1
    }

    private let limits: YAMLLimits
    private var frames: [Frame] = []
    /// The items of every open list, innermost last (one shared stack: each finished list is
    /// copied out once at its exact size instead of growing an array of its own).
    private var itemStack: [YAMLNode] = []
    /// The entries of every open mapping, innermost last.
    private var entryStack: [MappingEntry] = []
    private var anchors: [String: Anchored] = [:]
    private var nodeCount = 0
    /// The finished document root, once its last event has been seen.
    private(set) var root: YAMLNode?

    /// Creates a builder enforcing `limits`.
    init(limits: YAMLLimits) {
        self.limits = limits
    }

    // MARK: Events

    /// Handles a scalar event; `length` is the scalar's UTF-8 byte count, checked before `makeText` runs.
    mutating func scalar(length: Int, makeText: () -> String, isQuoted: Bool, tag: String?, anchor: String?,
                         at location: SourceLocation) throws(InputError) {
        try checkProperties(tag: tag, anchor: anchor, at: location)
        if length > limits.maxScalarLength {
            let comparison = MessageText.sizeComparison(length, limit: limits.maxScalarLength, subject: "value")
            throw InputError(at: location, "\(comparison) for a single value in \(limits.fileKind)")
        }
        try count(1, at: location)
        let scalar = YAMLScalar(text: makeText(), isQuoted: isQuoted, location: location)
        if let anchor {
            anchors[anchor] = Anchored(node: .scalar(scalar), size: 1, height: 0)
        }
        if expectsKey {
            try acceptKey(scalar)
        } else {
            try attach(.scalar(scalar), size: 1, height: 0)
        }
    }

    /// Handles an alias event (`*name`).
    mutating func alias(_ name: String, at location: SourceLocation) throws(InputError) {
        guard limits.allowAliases else {
            throw InputError(at: location, "aliases are not allowed in \(limits.fileKind) (found alias *\(name))")
        }
        guard let target = anchors[name] else {
            throw InputError(at: location, "alias *\(name) refers to an anchor &\(name) that is not defined before it")
        }
        try count(target.size, at: location, expanding: true)
        try checkDepth(ofAliasWithHeight: target.height, at: location)
        var node = target.node
        if case .scalar(var scalar) = node {
            scalar.location = location
            node = .scalar(scalar)
            if expectsKey {
                try acceptKey(scalar)
                return
            }
        } else if expectsKey {
            throw InputError(at: location, "mapping keys must be single values, but alias *\(name) is a \(node.kindName)")
        }
        try attach(node, size: target.size, height: target.height)
    }

    /// Handles the start of a list or mapping.
    mutating func startCollection(isMapping: Bool, tag: String?, anchor: String?,
                                  at location: SourceLocation) throws(InputError) {
        try checkProperties(tag: tag, anchor: anchor, at: location)
        if expectsKey {
            throw InputError(at: location, "mapping keys must be single values, not a \(isMapping ? "mapping" : "list")")
        }
        try count(1, at: location)
        if frames.count + 1 > limits.maxDepth {
            throw tooDeep(at: location)
        }
        var isMergeList = false
        if !isMapping, let parent = frames.indices.last, frames[parent].isMapping, frames[parent].pendingKeyIsMerge {
            isMergeList = true
        }
        frames.append(Frame(isMapping: isMapping, location: location, anchor: anchor, isMergeList: isMergeList,
                            start: isMapping ? entryStack.count : itemStack.count))
    }

    /// Handles the end of the innermost list or mapping.
    mutating func endCollection() throws(InputError) {
        guard let frame = frames.popLast() else { return }
        let node: YAMLNode
        if frame.isMapping {
            node = .mapping(Self.resolvedPairs(entryStack[frame.start...], hasMerge: frame.hasMerge), frame.location)
            for _ in frame.start..<entryStack.count { entryStack.removeLast() }
        } else {
            node = .sequence(Array(itemStack[frame.start...]), frame.location)
            for _ in frame.start..<itemStack.count { itemStack.removeLast() }
        }
        if let anchor = frame.anchor {
            anchors[anchor] = Anchored(node: node, size: frame.size, height: frame.height)
        }
        try attach(node, size: frame.size, height: frame.height)
    }

    // MARK: Helpers

    /// Whether the next node is a key of the innermost mapping.
    private var expectsKey: Bool {
        // By index: `frames.last` would copy the whole frame (its key table included) per value.
        guard let top = frames.indices.last else { return false }
        return frames[top].isMapping && frames[top].pendingKey == nil
    }

    /// Rejects tags always and anchors when aliases are not allowed.
    private func checkProperties(tag: String?, anchor: String?, at location: SourceLocation) throws(InputError) {
        if let tag {
            let shown = MessageText.quoted(MessageText.tag(tag))
            var message = "YAML tags are not supported (found \(shown)); write plain values without tags"
            if tag.contains("python") {
                message += " (this looks like Python-specific output, e.g. yaml.dump of numpy values;"
                    + " convert them to plain numbers and lists first)"
            }
            throw InputError(at: location, message)
        }
        if let anchor, !limits.allowAliases {
            throw InputError(at: location, "aliases are not allowed in \(limits.fileKind) (found anchor &\(anchor))")
        }
    }

    /// Adds `amount` nodes to the running total and fails once it passes `maxNodes`.
    private mutating func count(_ amount: Int, at location: SourceLocation, expanding: Bool = false) throws(InputError) {
        nodeCount += amount
        guard nodeCount > limits.maxNodes else { return }
        let limit = MessageText.grouped(limits.maxNodes)
        let how = (expanding || !anchors.isEmpty) ? " after expanding aliases" : ""
        throw InputError(at: location, "document is too large: more than \(limit) values\(how)"
                         + " (the limit for \(limits.fileKind))")
    }

    /// Fails when an alias of the given height would nest deeper than `maxDepth` where it is used.
    private func checkDepth(ofAliasWithHeight height: Int, at location: SourceLocation) throws(InputError) {
        guard height > 0, let top = frames.last else { return }
        var deepest = frames.count + height
        if top.isMapping && top.pendingKeyIsMerge {
            deepest -= 1
        } else if top.isMergeList {
            deepest -= 2
        }
        if deepest > limits.maxDepth {
            throw tooDeep(at: location)
        }
    }

    /// The error for nesting deeper than `maxDepth`.
    private func tooDeep(at location: SourceLocation) -> InputError {
        InputError(at: location, "nesting is too deep: more than \(limits.maxDepth) levels of lists and mappings"
                   + " (the limit for \(limits.fileKind))")
    }

    /// Records `key` as the pending key of the innermost mapping after the duplicate and merge-key checks.
    private mutating func acceptKey(_ key: YAMLScalar) throws(InputError) {
        let top = frames.count - 1
        let isMerge = !key.isQuoted && key.text == "<<"
        if isMerge && !limits.allowAliases {
            throw InputError(at: key.location, "aliases are not allowed in \(limits.fileKind) (found merge key <<)")
        }
        if let firstLine = frames[top].keyLines[key.text] {
            throw InputError(at: key.location,
                             "duplicate key \(MessageText.quoted(key.text)): it is already defined on line \(firstLine)")
        }
        frames[top].keyLines[key.text] = key.location.line
        frames[top].pendingKey = key
        frames[top].pendingKeyIsMerge = isMerge
        frames[top].size += 1
    }

    /// Adds a completed value to the innermost collection, or makes it the root.
    private mutating func attach(_ node: YAMLNode, size: Int, height: Int) throws(InputError) {
        let top = frames.count - 1
        guard top >= 0 else {
            root = node
            return
        }
        frames[top].size += size
        guard frames[top].isMapping else {
            itemStack.append(node)
            frames[top].height = max(frames[top].height, 1 + height)
            return
        }
        guard let key = frames[top].pendingKey else {
            throw InputError(at: node.location, "mapping keys must be single values, not a \(node.kindName)")
        }
        if frames[top].pendingKeyIsMerge {
            let sources = try Self.mergeSources(of: node, fileKind: limits.fileKind)
            entryStack.append(.merge(sources))
            frames[top].hasMerge = true
            // Merged values sit one level higher than inside their source mapping (two for `<<: [..]`).
            var valueHeight = height - 1
            if case .sequence = node {
                valueHeight -= 1
            }
            frames[top].height = max(frames[top].height, 1 + valueHeight)
        } else {
            entryStack.append(.pair(YAMLPair(key: key, value: node)))
            frames[top].height = max(frames[top].height, 1 + height)
        }
        frames[top].pendingKey = nil
        frames[top].pendingKeyIsMerge = false
    }

    /// The mappings a merge key's value names: one mapping or a list of mappings.
    private static func mergeSources(of node: YAMLNode, fileKind: String) throws(InputError) -> [[YAMLPair]] {
        switch node {
        case .mapping(let pairs, _):
            return [pairs]
        case .sequence(let elements, _):
            var sources: [[YAMLPair]] = []
            for element in elements {
                guard case .mapping(let pairs, _) = element else {
                    throw InputError(at: element.location,
                                     "a merge key << list may only contain mappings, but found a \(element.kindName)")
                }
                sources.append(pairs)
            }
            return sources
        case .scalar:
            throw InputError(at: node.location,
                             "a merge key << must be followed by a mapping or a list of mappings, but found a scalar")
        }
    }

    /// The mapping's pairs in document order with merge keys applied: explicit keys win over
    /// merged ones, and earlier merge sources win over later ones.
    private static func resolvedPairs(_ entries: ArraySlice<MappingEntry>, hasMerge: Bool) -> [YAMLPair] {
        var pairs: [YAMLPair] = []
        pairs.reserveCapacity(entries.count)
        guard hasMerge else {
            for case .pair(let pair) in entries {
                pairs.append(pair)
            }
            return pairs
        }
        var seen: Set<String> = []
        for case .pair(let pair) in entries {
            seen.insert(pair.key.text)
        }
        for entry in entries {
            switch entry {
            case .pair(let pair):
                pairs.append(pair)
            case .merge(let sources):
                for source in sources {
                    for pair in source where seen.insert(pair.key.text).inserted {
                        pairs.append(pair)
                    }
                }
            }
        }
        return pairs
    }
}
