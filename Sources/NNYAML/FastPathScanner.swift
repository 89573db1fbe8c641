// A fast path for the simple block-mapping YAML that answer files almost always are.
//
// Invariant: for any validated UTF-8 text (BOM already skipped), `FastPathScanner.read` returns
// either `nil` or exactly the node `EventReader.read` returns for the same text: same structure,
// same scalar texts and `isQuoted` flags, same `SourceLocation`s. It never produces an error of
// its own: whenever the input is outside the subset below, or the `TreeBuilder` rejects an event
// (a limit, a duplicate key), it returns `nil` and the caller falls back to libyaml, so every
// error message still comes from the libyaml path.
//
// The subset (anything else returns `nil`):
// - No tab byte, no lone CR (CR LF is a line break), no NEL, LS, PS or U+FEFF anywhere, so that
//   LF (or CR LF) is the only line break and columns count Unicode scalars from the line start.
// - Blank lines, and comments: whole-line `#` comments at any indentation, and trailing comments
//   preceded by at least one space.
// - The root is a block mapping; block mappings nest by space indentation. A key line is
//   `KEY:` followed by a space or the end of the line, where KEY is a single-line plain scalar
//   (not starting with an indicator, not containing ` #`, not `<<`, and at most 1000 bytes up to
//   the colon, well inside libyaml's 1024-character simple-key window) or a single-line quoted
//   scalar, optionally followed by spaces before the colon. A line at column 0 starting with
//   `---` or `...` is never a key line.
// - The value on a key line is one of:
//   - nothing (or only a comment): a more-indented key line that follows starts a nested
//     mapping; otherwise the value is libyaml's empty plain scalar, located right after the colon;
//   - a single-line plain scalar not starting with an indicator (`-` is allowed when a non-blank
//     character follows it), ending at the end of the line or at ` #`, with no `: ` and no
//     trailing `:` in it; trailing spaces are not part of it;
//   - a single-line double-quoted scalar without backslashes, or a single-line single-quoted
//     scalar (`''` stands for one quote);
//   - a single-line flow sequence `[...]`, nested to any depth, whose items are plain scalars
//     (flow-safe start, no `:` or `#` inside, trailing spaces trimmed) or quoted scalars as above,
//     separated by commas; `[]` and a trailing comma after an item are accepted as libyaml does.
//   Only spaces or a comment may follow the value on its line, and the next content line may
//   not be more indented than the mapping (that would be a multi-line plain scalar or an error).
// - Dedenting must return to the indentation of an enclosing mapping; nesting (block plus flow)
//   stays at most `maxNesting` levels, far below libyaml's own limit of 1000.
// Not handled (always `nil`): block sequences (`- item`), flow mappings and JSON (`{`), block
// scalars (`|`, `>`), multi-line scalars and flows, escapes in double quotes, anchors, aliases,
// tags, merge keys, directives, document markers, documents that are not a mapping, and empty
// documents.

/// A scanner for a restricted subset of YAML that builds the same `YAMLNode` libyaml's event
/// parser would, or gives up.
///
/// See the comment at the top of this file for the exact subset and the invariant.
enum FastPathScanner {
    /// The deepest nesting of block mappings plus flow sequences the fast path accepts.
    static let maxNesting = 100

    /// Reads `text` (validated UTF-8 without BOM, whose `layout` `TextCheck.inspect` found) if it
    /// lies in the fast-path subset.
    ///
    /// Returns exactly the node `EventReader.read` would return, or `nil` when the text is outside
    /// the subset or anything would make `EventReader.read` fail; never throws.
    static func read(_ text: UnsafeBufferPointer<UInt8>, layout: TextCheck.Layout, file: String,
                     limits: YAMLLimits) -> YAMLNode? {
        guard !text.isEmpty, !layout.hasUnusualSpacing else { return nil }
        var scanner = Scanner(bytes: text, file: file, hasNonASCII: layout.hasNonASCII,
                              builder: TreeBuilder(limits: limits))
        do {
            return try scanner.document()
        } catch {
            return nil
        }
    }
}

/// The ASCII bytes the scanner looks at.
private enum Byte {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let doubleQuote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let singleQuote: UInt8 = 0x27
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let less: UInt8 = 0x3C
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let leftBrace: UInt8 = 0x7B
    static let rightBrace: UInt8 = 0x7D
}

/// The input is outside the fast-path subset (or the tree builder rejected it).
private struct Unsupported: Error {}

/// The scanning state over one document.
private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let file: String
    let hasNonASCII: Bool
    var builder: TreeBuilder
    /// The next byte to read.
    var index = 0
    /// The current 1-based line and the byte offset where it starts.
    var line = 1
    var lineStart = 0
    /// A forward-only cache for counting columns on lines with non-ASCII text.
    var columnIndex = 0
    var columnValue = 1
    /// The key column of each open block mapping, outermost first.
    var indents: [Int] = []
    /// The position of the empty value of a key written as `key:` whose value is not known yet.
    var pendingEmptyValue: SourceLocation?

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, hasNonASCII: Bool, builder: TreeBuilder) {
        self.bytes = bytes
        self.count = bytes.count
        self.file = file
        self.hasNonASCII = hasNonASCII
        self.builder = builder
        indents.reserveCapacity(8)
    }

    // MARK: Lines

    /// Scans every line and returns the finished root mapping.
    mutating func document() throws(Unsupported) -> YAMLNode {
        while index < count {
            lineStart = index
            var position = index
            while position < count && bytes[position] == Byte.space {
                position += 1
            }
            index = position
            guard position < count else { break }
            let byte = bytes[position]
            if byte == Byte.lf || byte == Byte.cr {
                try lineBreak()
            } else if byte == Byte.hash {
                try comment()
            } else {
                try contentLine(indent: position - lineStart)
            }
        }
        try resolvePendingEmptyValue()
        guard !indents.isEmpty else { throw Unsupported() }
        while !indents.isEmpty {
            indents.removeLast()
            try endCollection()
        }
        guard let root = builder.root else { throw Unsupported() }
        return root
    }

    /// Handles a line whose first non-space byte (at `index`) starts content.
    mutating func contentLine(indent: Int) throws(Unsupported) {
        if pendingEmptyValue != nil {
            if let top = indents.last, indent > top {
                pendingEmptyValue = nil
                try keyLine(indent: indent, startsMapping: true)
                return
            }
            try resolvePendingEmptyValue()
        }
        guard let top = indents.last else {
            try keyLine(indent: indent, startsMapping: true)
            return
        }
        guard indent <= top else { throw Unsupported() }
        while let innermost = indents.last, innermost > indent {
            indents.removeLast()
            try endCollection()
        }
        guard indents.last == indent else { throw Unsupported() }
        try keyLine(indent: indent, startsMapping: false)
    }

    /// Scans `KEY: value` starting at `index`, opening a mapping at the key first if asked.
    mutating func keyLine(indent: Int, startsMapping: Bool) throws(Unsupported) {
        let keyStart = index
        if indent == 0 && keyStart + 2 < count {
            let first = bytes[keyStart]
            if (first == Byte.minus || first == Byte.dot)
                && bytes[keyStart + 1] == first && bytes[keyStart + 2] == first {
                throw Unsupported()
            }
        }
        let keyLocation = location(at: keyStart)
        let colon: Int
        let first = bytes[keyStart]
        if first == Byte.doubleQuote || first == Byte.singleQuote {
            let quoted = try quotedScalar(at: keyStart)
            var position = quoted.end
            while position < count && bytes[position] == Byte.space {
                position += 1
            }
            guard position < count && bytes[position] == Byte.colon && isBlankOrEnd(position + 1) else {
                throw Unsupported()
            }
            colon = position
            try checkKeyLength(from: keyStart, to: colon)
            try open(startsMapping: startsMapping, indent: indent, at: keyLocation)
            try emit(quoted, at: keyLocation)
        } else {
            guard isPlainStart(at: keyStart, inFlow: false) else { throw Unsupported() }
            var position = keyStart
            while true {
                guard position < count else { throw Unsupported() }
                let byte = bytes[position]
                if byte == Byte.lf || byte == Byte.cr {
                    throw Unsupported()
                }
                if byte == Byte.colon && isBlankOrEnd(position + 1) {
                    break
                }
                if byte == Byte.space && position + 1 < count && bytes[position + 1] == Byte.hash {
                    throw Unsupported()
                }
                position += 1
            }
            colon = position
            try checkKeyLength(from: keyStart, to: colon)
            var end = colon
            while end > keyStart && bytes[end - 1] == Byte.space {
                end -= 1
            }
            if end - keyStart == 2 && bytes[keyStart] == Byte.less && bytes[keyStart + 1] == Byte.less {
                throw Unsupported()  // a merge key
            }
            try open(startsMapping: startsMapping, indent: indent, at: keyLocation)
            try emitPlain(from: keyStart, to: end, at: keyLocation)
        }
        try value(afterColon: colon)
    }

    /// Scans what follows a key's colon up to and including the line break.
    mutating func value(afterColon colon: Int) throws(Unsupported) {
        var position = colon + 1
        while position < count && bytes[position] == Byte.space {
            position += 1
        }
        index = position
        guard position < count else {
            pendingEmptyValue = location(at: colon + 1)
            return
        }
        switch bytes[position] {
        case Byte.lf, Byte.cr:
            pendingEmptyValue = location(at: colon + 1)
            try lineBreak()
        case Byte.hash:
            // The colon is followed by a space, so this `#` starts a comment.
            pendingEmptyValue = location(at: colon + 1)
            try comment()
        case Byte.doubleQuote, Byte.singleQuote:
            let quoted = try quotedScalar(at: position)
            try emit(quoted, at: location(at: position))
            index = quoted.end
            try restOfLine()
        case Byte.leftBracket:
            try flowSequence(at: position)
            try restOfLine()
        default:
            try plainValue(at: position)
            try restOfLine()
        }
    }

    /// Scans a block plain scalar value starting at `start` up to the end of the line or ` #`.
    mutating func plainValue(at start: Int) throws(Unsupported) {
        guard isPlainStart(at: start, inFlow: false) else { throw Unsupported() }
        var position = start
        var end = start
        while position < count {
            let byte = bytes[position]
            if byte == Byte.lf || byte == Byte.cr {
                break
            }
            if byte == Byte.space {
                if position + 1 < count && bytes[position + 1] == Byte.hash {
                    break
                }
            } else {
                if byte == Byte.colon && isBlankOrEnd(position + 1) {
                    throw Unsupported()
                }
                end = position + 1
            }
            position += 1
        }
        try emitPlain(from: start, to: end, at: location(at: start))
        index = end
    }

    /// Scans a single-line flow sequence starting at the `[` at `start`, nested ones included.
    mutating func flowSequence(at start: Int) throws(Unsupported) {
        var depth = 0
        var position = start
        var expectsItem = true
        while true {
            while position < count && bytes[position] == Byte.space {
                position += 1
            }
            guard position < count else { throw Unsupported() }
            let byte = bytes[position]
            if byte == Byte.rightBracket {
                // Closes `[]`, `[a]` and also `[a,]` (libyaml accepts one trailing comma).
                try endCollection()
                position += 1
                depth -= 1
                if depth == 0 {
                    break
                }
                expectsItem = false
            } else if !expectsItem {
                guard byte == Byte.comma else { throw Unsupported() }
                position += 1
                expectsItem = true
            } else if byte == Byte.leftBracket {
                depth += 1
                guard indents.count + depth <= FastPathScanner.maxNesting else { throw Unsupported() }
                try startCollection(isMapping: false, at: location(at: position))
                position += 1
            } else if byte == Byte.doubleQuote || byte == Byte.singleQuote {
                let quoted = try quotedScalar(at: position)
                try emit(quoted, at: location(at: position))
                position = quoted.end
                expectsItem = false
            } else {
                guard isPlainStart(at: position, inFlow: true) else { throw Unsupported() }
                let itemStart = position
                var end = position
                scan: while true {
                    guard position < count else { throw Unsupported() }
                    switch bytes[position] {
                    case Byte.comma, Byte.rightBracket, Byte.leftBracket, Byte.leftBrace, Byte.rightBrace:
                        break scan
                    case Byte.lf, Byte.cr, Byte.colon, Byte.hash:
                        throw Unsupported()
                    case Byte.space:
                        position += 1
                    default:
                        position += 1
                        end = position
                    }
                }
                try emitPlain(from: itemStart, to: end, at: location(at: itemStart))
                expectsItem = false
            }
        }
        index = position
    }

    /// After a value: optional spaces, then a comment (after at least one space), then the line break or the end.
    mutating func restOfLine() throws(Unsupported) {
        let start = index
        while index < count && bytes[index] == Byte.space {
            index += 1
        }
        guard index < count else { return }
        let byte = bytes[index]
        if byte == Byte.hash && index > start {
            try comment()
        } else {
            try lineBreak()
        }
    }

    /// Skips a comment from the `#` at `index` through its line break.
    mutating func comment() throws(Unsupported) {
        while index < count && bytes[index] != Byte.lf && bytes[index] != Byte.cr {
            index += 1
        }
        try lineBreak()
    }

    /// Consumes the line break at `index` (LF or CR LF), or accepts the end of the text.
    mutating func lineBreak() throws(Unsupported) {
        guard index < count else { return }
        switch bytes[index] {
        case Byte.lf:
            index += 1
        case Byte.cr:
            index += 2  // `layout.hasUnusualSpacing` is false, so an LF follows
        default:
            throw Unsupported()
        }
        line += 1
        lineStart = index
    }

    // MARK: Scalars

    /// A quoted scalar's extent: its content bytes and the unescaped length.
    struct Quoted {
        var contentStart: Int
        var contentEnd: Int
        /// The offset just past the closing quote.
        var end: Int
        /// Whether it is single-quoted and contains `''`.
        var hasDoubledQuotes: Bool
        /// The UTF-8 length after unescaping.
        var length: Int
    }

    /// Scans a single-line quoted scalar whose opening quote is at `start`.
    func quotedScalar(at start: Int) throws(Unsupported) -> Quoted {
        let quote = bytes[start]
        var position = start + 1
        var doubled = 0
        while true {
            guard position < count else { throw Unsupported() }
            let byte = bytes[position]
            if byte == quote {
                if quote == Byte.singleQuote && position + 1 < count && bytes[position + 1] == Byte.singleQuote {
                    doubled += 1
                    position += 2
                    continue
                }
                break
            }
            if byte == Byte.lf || byte == Byte.cr || (quote == Byte.doubleQuote && byte == Byte.backslash) {
                throw Unsupported()
            }
            position += 1
        }
        return Quoted(contentStart: start + 1, contentEnd: position, end: position + 1,
                      hasDoubledQuotes: doubled > 0, length: position - start - 1 - doubled)
    }

    /// Whether a plain scalar may start at `position` (libyaml's rule, narrowed where unsure).
    func isPlainStart(at position: Int, inFlow: Bool) -> Bool {
        switch bytes[position] {
        case Byte.minus:
            guard position + 1 < count else { return false }
            switch bytes[position + 1] {
            case Byte.space, Byte.lf, Byte.cr:
                return false
            case Byte.comma, Byte.leftBracket, Byte.rightBracket, Byte.leftBrace, Byte.rightBrace,
                 Byte.hash, Byte.colon:
                return !inFlow
            default:
                return true
            }
        case Byte.space, Byte.lf, Byte.cr,
             0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23,  // ? : , [ ] { } #
             0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60:  // & * ! | > ' " % @ `
            return false
        default:
            return true
        }
    }

    /// Whether `position` holds a space or line break, or is the end of the text.
    func isBlankOrEnd(_ position: Int) -> Bool {
        guard position < count else { return true }
        let byte = bytes[position]
        return byte == Byte.space || byte == Byte.lf || byte == Byte.cr
    }

    /// Fails for keys so long that libyaml would no longer treat them as simple keys.
    func checkKeyLength(from start: Int, to colon: Int) throws(Unsupported) {
        guard colon - start <= 1000 else { throw Unsupported() }
    }

    /// The location of byte `position` on the current line.
    mutating func location(at position: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column(at: position))
    }

    /// The 1-based column of byte `position` on the current line, in Unicode scalars.
    mutating func column(at position: Int) -> Int {
        guard hasNonASCII else { return position - lineStart + 1 }
        if columnIndex < lineStart || columnIndex > position {
            columnIndex = lineStart
            columnValue = 1
        }
        while columnIndex < position {
            if bytes[columnIndex] & 0xC0 != 0x80 {
                columnValue += 1
            }
            columnIndex += 1
        }
        return columnValue
    }

    // MARK: Events

    /// Starts a block mapping at its first key when `startsMapping` is set.
    mutating func open(startsMapping: Bool, indent: Int, at location: SourceLocation) throws(Unsupported) {
        guard startsMapping else { return }
        guard indents.count < FastPathScanner.maxNesting else { throw Unsupported() }
        indents.append(indent)
        try startCollection(isMapping: true, at: location)
    }

    /// Emits the empty plain scalar of a `key:` line that no nested block followed.
    mutating func resolvePendingEmptyValue() throws(Unsupported) {
        guard let location = pendingEmptyValue else { return }
        pendingEmptyValue = nil
        do {
            try builder.scalar(length: 0, makeText: { "" }, isQuoted: false, tag: nil, anchor: nil, at: location)
        } catch {
            throw Unsupported()
        }
    }

    /// Emits the plain scalar made of bytes `start..<end`.
    mutating func emitPlain(from start: Int, to end: Int, at location: SourceLocation) throws(Unsupported) {
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        do {
            try builder.scalar(length: end - start, makeText: { String(decoding: slice, as: UTF8.self) },
                               isQuoted: false, tag: nil, anchor: nil, at: location)
        } catch {
            throw Unsupported()
        }
    }

    /// Emits a quoted scalar scanned by `quotedScalar(at:)`.
    mutating func emit(_ quoted: Quoted, at location: SourceLocation) throws(Unsupported) {
        let slice = UnsafeBufferPointer(rebasing: bytes[quoted.contentStart..<quoted.contentEnd])
        do {
            try builder.scalar(length: quoted.length,
                               makeText: {
                                   quoted.hasDoubledQuotes ? Self.undoublingQuotes(slice, length: quoted.length)
                                       : String(decoding: slice, as: UTF8.self)
                               },
                               isQuoted: true, tag: nil, anchor: nil, at: location)
        } catch {
            throw Unsupported()
        }
    }

    /// The text of single-quoted content with each `''` turned into one quote.
    static func undoublingQuotes(_ content: UnsafeBufferPointer<UInt8>, length: Int) -> String {
        String(unsafeUninitializedCapacity: length) { output in
            var written = 0
            var position = 0
            while position < content.count {
                let byte = content[position]
                output[written] = byte
                written += 1
                position += byte == Byte.singleQuote ? 2 : 1
            }
            return written
        }
    }

    /// Starts a list or mapping.
    mutating func startCollection(isMapping: Bool, at location: SourceLocation) throws(Unsupported) {
        do {
            try builder.startCollection(isMapping: isMapping, tag: nil, anchor: nil, at: location)
        } catch {
            throw Unsupported()
        }
    }

    /// Ends the innermost list or mapping.
    mutating func endCollection() throws(Unsupported) {
        do {
            try builder.endCollection()
        } catch {
            throw Unsupported()
        }
    }
}
