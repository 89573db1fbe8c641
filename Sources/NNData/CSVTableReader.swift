import CSV
import NNYAML

/// Reads CSV data files into a `NumericTable` with the yaslab/CSV.swift parser (RFC 4180:
/// quoted fields, doubled quotes, CRLF or LF line ends).
///
/// The rules, each broken one a one-line `file:line:column: message` error (the column is the
/// field's 1-based position in its row):
/// - the file is at most `maximumBytes` (8 MiB), UTF-8 (a leading byte-order mark is skipped),
///   and not empty;
/// - the first row is a header of distinct, non-empty column names;
/// - every other row has exactly as many fields as the header (a ragged row is an error); an
///   entirely empty line is skipped;
/// - every field is a decimal number: optional sign, digits with an optional fraction, optional
///   exponent (`12`, `-0.5`, `.5`, `1.5e-3`), finite as a double; spaces around a field are
///   ignored. `nan`, `inf`, `0x10`, `1,5` and empty fields are errors, so nothing is graded from
///   half a data set.
public enum CSVTableReader {
    /// The largest data file accepted, in bytes.
    public static let maximumBytes = 8 << 20

    /// Reads a CSV file from disk; `displayName` is the name messages show.
    public static func read(path: String, displayName: String) throws(InputError) -> NumericTable {
        let bytes = try BoundedFile.bytes(ofPath: path, displayName: displayName, maxBytes: maximumBytes,
                                          fileKind: "data files")
        return try parse(bytes, file: displayName)
    }

    /// Parses CSV bytes.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> NumericTable {
        guard bytes.count <= maximumBytes else {
            throw InputError(file: file, message: "the data file is larger than the 8 MB limit for data files")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            let (line, column) = invalidUTF8Position(body)
            throw InputError(file: file, line: line, column: column, message: "the data file is not UTF-8 text")
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputError(file: file, message: "the data file is empty")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw InputError(file: file, line: 1, column: 1, message: "cannot read the header row")
        }
        guard let header = reader.headerRow else {
            throw InputError(file: file, line: 1, column: 1, message: "cannot read the header row")
        }
        for (i, name) in header.enumerated() {
            guard !name.isEmpty else { throw InputError(file: file, line: 1, column: i + 1, message: "column \(i + 1) has no name") }
            if let first = header.firstIndex(of: name), first < i {
                throw InputError(file: file, line: 1, column: i + 1, message: "column name '\(clip(name))' is used twice (also column \(first + 1))")
            }
        }
        var line = 1 + newlines(in: header)
        var values: [Double] = []
        var lines: [Int] = []
        while let row = reader.next() {
            line += 1
            defer { line += newlines(in: row) }
            if row.count == 1 && row[0].isEmpty { continue }
            guard row.count == header.count else {
                throw InputError(file: file, line: line, column: min(row.count, header.count) + 1,
                                 message: "this row has \(row.count) field\(row.count == 1 ? "" : "s") but the header has \(header.count)")
            }
            for (c, field) in row.enumerated() {
                guard !field.isEmpty else {
                    throw InputError(file: file, line: line, column: c + 1, message: "the value of '\(clip(header[c]))' is missing")
                }
                guard let v = number(field) else {
                    throw InputError(file: file, line: line, column: c + 1, message: "'\(clip(field))' is not a number")
                }
                values.append(v)
            }
            lines.append(line)
        }
        if let error = reader.error {
            throw InputError(file: file, line: line, message: "cannot read the data file: \(error)")
        }
        guard !lines.isEmpty else { throw InputError(file: file, message: "the data file has a header but no rows") }
        return NumericTable(columns: header, values: values, lines: lines, file: file)
    }

    /// A decimal number as the rules above describe, or nil.
    static func number(_ text: String) -> Double? {
        let u = Array(text.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            return i - start
        }
        if i < u.count, u[i] == 0x2B || u[i] == 0x2D { i += 1 }
        var mantissa = digits()
        if i < u.count, u[i] == 0x2E { i += 1; mantissa += digits() }
        guard mantissa > 0 else { return nil }
        if i < u.count, u[i] == 0x65 || u[i] == 0x45 {
            i += 1
            if i < u.count, u[i] == 0x2B || u[i] == 0x2D { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == u.count, let v = Double(text), v.isFinite else { return nil }
        return v
    }

    /// Line breaks inside the fields of a row (quoted fields may span lines): LF, and CR not followed by LF.
    static func newlines(in row: [String]) -> Int {
        var n = 0
        for field in row {
            var previousCR = false
            for b in field.utf8 {
                if b == 0x0A { if !previousCR { n += 1 }; previousCR = false }
                else if b == 0x0D { n += 1; previousCR = true }
                else { previousCR = false }
            }
        }
        return n
    }

    /// The 1-based line and column (in characters decoded so far) of the first byte that is not UTF-8.
    static func invalidUTF8Position(_ bytes: ArraySlice<UInt8>) -> (Int, Int) {
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                return (line, column)
            }
        }
    }

    static func clip(_ s: String) -> String { s.count > 40 ? String(s.prefix(40)) + "…" : s }
}
