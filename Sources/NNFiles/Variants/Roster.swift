import CSV
import Foundation
import NNYAML

/// A class roster: the student ids a randomised problem's sheets are written for.
///
/// A CSV file (RFC 4180, read with CSV.swift) with a header row. The ids are the column named
/// `student`, `student_id` or `id` (case-insensitive; the first of these), else the first
/// column. Ids are trimmed; a row with an empty id, a repeated id, or more than 100,000 rows is
/// an error with the file and line.
public struct Roster: Sendable, Equatable {
    /// The ids in file order.
    public var students: [String]

    /// The largest roster file read, in bytes.
    public static let maximumBytes = 10_000_000
    /// The most rows read.
    public static let maximumRows = 100_000
    /// Header names that mark the id column, in order of preference.
    public static let idColumns = ["student", "student_id", "id"]

    /// Reads a roster file.
    public static func load(path: String) throws(InputError) -> Roster {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw InputError(file: path, message: "not a readable regular file")
        }
        guard st.st_size <= maximumBytes else { throw InputError(file: path, message: "the roster is larger than \(maximumBytes) bytes") }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, message: "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: path, message: "the roster is not UTF-8 text") }
        return try parse(text, file: path)
    }

    /// Reads roster text.
    public static func parse(_ text: String, file: String) throws(InputError) -> Roster {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true, trimFields: true)
        } catch CSVError.cannotReadHeaderRow {
            throw InputError(file: file, line: 1, message: "the roster has no header row; the first line names the columns (e.g. student)")
        } catch {
            throw InputError(file: file, line: 1, message: "cannot read the CSV: \(error)")
        }
        guard let header = reader.headerRow, !header.isEmpty, header != [""] else {
            throw InputError(file: file, line: 1, message: "the roster has no header row; the first line names the columns (e.g. student)")
        }
        let lowered = header.map { $0.lowercased() }
        let column = idColumns.lazy.compactMap { lowered.firstIndex(of: $0) }.first ?? 0
        var students: [String] = []
        var seen: [String: Int] = [:]
        var line = 1
        while let row = reader.next() {
            line += 1
            if let error = reader.error { throw InputError(file: file, line: line, message: "cannot read the CSV: \(error)") }
            if row.allSatisfy({ $0.isEmpty }) { continue }
            guard students.count < maximumRows else { throw InputError(file: file, line: line, message: "the roster has more than \(maximumRows) students") }
            let id = column < row.count ? row[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            guard !id.isEmpty else { throw InputError(file: file, line: line, message: "no student id in column '\(header[column])'") }
            guard id.count <= 200, !id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw InputError(file: file, line: line, message: "a student id must be one line of at most 200 characters without control characters")
            }
            if let first = seen[id] { throw InputError(file: file, line: line, message: "student '\(id)' is listed twice (first on line \(first))") }
            seen[id] = line
            students.append(id)
        }
        if let error = reader.error { throw InputError(file: file, line: line, message: "cannot read the CSV: \(error)") }
        guard !students.isEmpty else { throw InputError(file: file, message: "the roster lists no students") }
        return Roster(students: students)
    }
}
