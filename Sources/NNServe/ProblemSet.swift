import Foundation
import NNFiles
import NNGrade
import NNOutput
import NNProblem
import NNReport
import NNYAML

/// The problems a server offers, loaded from one folder and prepared once (keys solved, mistake
/// catalogues built). A set is immutable: a reload builds a new one and swaps it in whole.
public struct ProblemSet: Sendable {
    /// One problem ready to be checked against.
    public struct Entry: Sendable {
        /// The problem's file name inside the folder (for logs only; never sent to clients).
        public var fileName: String
        /// The prepared student-mode check.
        public var check: StudentCheck
        /// The problem.
        public var problem: Problem { check.problem }
    }

    /// The problems in id order.
    public let entries: [Entry]
    private let byID: [String: Int]

    /// A set of prepared problems; ids must be unique.
    public init(entries: [Entry]) throws(ProblemSetError) {
        var byID: [String: Int] = [:]
        let sorted = entries.sorted { $0.problem.id.utf8.lexicographicallyPrecedes($1.problem.id.utf8) }
        for (i, e) in sorted.enumerated() {
            if let j = byID[e.problem.id] {
                throw ProblemSetError("\(e.fileName): problem id '\(e.problem.id)' is also the id of \(sorted[j].fileName)")
            }
            byID[e.problem.id] = i
        }
        self.entries = sorted
        self.byID = byID
    }

    /// The problem with this exact id, if the set has it. Ids are looked up, never used as paths.
    public subscript(id: String) -> Entry? { byID[id].map { entries[$0] } }

    /// Loads every `*.yaml` and `*.yml` file directly in `folder` (hidden files skipped). Any file
    /// that is not a regular file, or does not load, fails the whole set with that file's one-line
    /// error, so a broken edit never half-replaces a running server's problems.
    public static func load(folder: String) throws(ProblemSetError) -> ProblemSet {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw ProblemSetError("\(folder): cannot read the folder")
        }
        let files = names.filter { !$0.hasPrefix(".") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !files.isEmpty else { throw ProblemSetError("\(folder): no problem files (*.yaml) in the folder") }
        var entries: [Entry] = []
        for name in files {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { throw ProblemSetError("\(path): cannot be read") }
            // FIFOs, devices, sockets and symbolic links are never opened (a FIFO would block the load).
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw ProblemSetError("\(path): not a regular file; only plain problem files are served")
            }
            do {
                let gradable = try GradableProblem.load(path: path)
                entries.append(Entry(fileName: name, check: StudentCheck(gradable: gradable)))
            } catch {
                throw ProblemSetError(error.description)
            }
        }
        return try ProblemSet(entries: entries)
    }
}

/// Why a problem folder could not be loaded: one line, with file:line:column where known.
public struct ProblemSetError: Error, CustomStringConvertible, Sendable {
    /// The message.
    public var description: String
    /// Creates an error with a one-line message.
    public init(_ description: String) { self.description = description }
}
