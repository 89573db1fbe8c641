/// Small formatting helpers shared by NNYAML's error messages.
enum MessageText {
    /// The longest piece of user text quoted in a message, in characters.
    static let maxQuotedLength = 40

    /// `text` in single quotes, shortened with "…" when long.
    static func quoted(_ text: String) -> String {
        guard text.count > maxQuotedLength else { return "'\(text)'" }
        return "'\(text.prefix(maxQuotedLength))…'"
    }

    /// A byte count such as "2.3 MB", "512 KB" or "17 bytes" (binary multiples).
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 30 {
            return decimal(Double(bytes) / Double(1 << 30)) + " GB"
        }
        if bytes >= 1 << 20 {
            return decimal(Double(bytes) / Double(1 << 20)) + " MB"
        }
        if bytes >= 1 << 10 {
            return decimal(Double(bytes) / Double(1 << 10)) + " KB"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// "file is 2.3 MB, larger than the 1 MB limit" with exact byte counts when rounding hides the difference.
    static func sizeComparison(_ actual: Int, limit: Int, subject: String) -> String {
        var actualText = size(actual)
        var limitText = limit < 1 << 10 ? "\(limit)-byte" : size(limit)
        if actualText == size(limit) {
            actualText = "\(grouped(actual)) bytes"
            limitText = "\(grouped(limit))-byte"
        }
        return "\(subject) is \(actualText), larger than the \(limitText) limit"
    }

    /// An integer with thousands separators: 4000000 → "4,000,000".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 {
                result.append(",")
            }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A value with at most one decimal, without a trailing ".0".
    private static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        if tenths % 10 == 0 {
            return "\(tenths / 10)"
        }
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A tag as written in YAML shorthand: `tag:yaml.org,2002:binary` → `!!binary`.
    static func tag(_ tag: String) -> String {
        let standardPrefix = "tag:yaml.org,2002:"
        if tag.hasPrefix(standardPrefix) {
            return "!!" + tag.dropFirst(standardPrefix.count)
        }
        return tag
    }
}
