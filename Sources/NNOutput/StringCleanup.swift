extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, line breaks and the other
    /// Unicode white space).
    public func trimmingWhitespace() -> String {
        // Visible ASCII first and last bytes begin Characters that are not whitespace
        // (`isWhitespace` looks at a Character's first scalar): nothing to trim.
        if let first = utf8.first, let last = utf8.reversed().first, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return String(self)
        }
        var sub = Substring(self)
        while let f = sub.first, f.isWhitespace { sub.removeFirst() }
        while let l = sub.last, l.isWhitespace { sub.removeLast() }
        return String(sub)
    }

    /// Every line break (any Unicode newline, CR LF counted once) replaced by a space.
    public func replacingNewlines() -> String { String(map { $0.isNewline ? " " : $0 }) }
}
