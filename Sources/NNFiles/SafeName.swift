import Foundation

/// File names derived from untrusted text (student ids, submission names).
public enum SafeName {
    /// Whether `name` is a plain file name: no separators, not `.`/`..`, no control characters,
    /// at most 200 bytes.
    public static func isSafe(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 200
            && !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }

    /// A safe base name for `raw`: letters, digits, `.`, `_` and `-` kept, anything else as `_`,
    /// no leading dot, at most 100 characters; empty input becomes `submission`.
    public static func sanitize(_ raw: String) -> String {
        var out = ""
        for u in raw.unicodeScalars {
            if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "." || u == "_" || u == "-" {
                out.unicodeScalars.append(u)
            } else {
                out += "_"
            }
            if out.count >= 100 { break }
        }
        while out.hasPrefix(".") { out.removeFirst() }
        return out.isEmpty ? "submission" : out
    }

    /// Distinct safe base names for a list of raw names, in order: later duplicates get `-2`, `-3`, ….
    /// Names in `reserved` (compared case-insensitively) are never handed out.
    public static func unique(_ raws: [String], reserved: Set<String> = []) -> [String] {
        var used = Set(reserved.map { $0.lowercased() })
        return raws.map { raw in
            let base = sanitize(raw)
            var candidate = base
            var k = 2
            while used.contains(candidate.lowercased()) {
                candidate = base + "-\(k)"
                k += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}
