import Dispatch
import Foundation
import NNYAML
import NNCore
import NNGrade
import NNReport

/// Grades a folder of submissions in parallel and writes the reports, the gradebook and the class
/// summary. Every file in gives exactly one result out, in a stable (sorted) order.
public struct BatchGrader: Sendable {
    /// The grader for the problem.
    public let grader: Grader
    /// Limits for answer files.
    public var limits: YAMLLimits = .answerFile

    /// Report base names used by the batch files, never given to a submission.
    public static let reservedNames: Set<String> = ["gradebook", "summary"]

    /// Creates a batch grader.
    public init(grader: Grader) { self.grader = grader }

    /// The files of a submissions folder that are graded: every non-hidden entry that is not a
    /// folder, sorted by name. Symbolic links are listed (and reported as ungradable, not followed).
    public static func submissionFiles(in folder: String) throws(OutputError) -> [String] {
        try listedNames(in: folder).filter { name in
            var st = stat()
            guard lstat(folder + "/" + name, &st) == 0 else { return true }
            return (st.st_mode & S_IFMT) != S_IFDIR
        }
    }

    /// The non-hidden entries of a folder, sorted by name (folders included).
    private static func listedNames(in folder: String) throws(OutputError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw OutputError("\(folder): cannot read the folder")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Reads and grades one file; any problem with the file becomes an ungradable result.
    public func gradeFile(path: String, displayName: String) -> SubmissionResult {
        gradeFile(path: path, displayName: displayName, status: Self.linkStatus(path)).result
    }

    /// Reads and grades an answer file already in memory (an upload); `displayName` names it in
    /// messages and its extension says how it is read, as a path's would. Any problem with the bytes
    /// becomes an ungradable result, exactly as for a file.
    public func gradeBytes(_ bytes: [UInt8], displayName: String) -> SubmissionResult {
        do {
            let submission = try SubmissionLoader.load(bytes: bytes, file: displayName, limits: limits)
            return grader.grade(submission)
        } catch {
            return grader.ungradable(file: displayName, student: Self.studentFallback(displayName), reason: error.description)
        }
    }

    /// The `lstat` of `path` (a symbolic link itself, not its target); all zero when it fails.
    private static func linkStatus(_ path: String) -> stat {
        var st = stat()
        if lstat(path, &st) != 0 { st = stat() }
        return st
    }

    /// `gradeFile` for a path whose `lstat` status is known (all zero when `lstat` failed).
    /// Also returns the wrong numeric answers of a randomised problem's submission, for
    /// `CopyingDetector` (none for a fixed problem).
    private func gradeFile(path: String, displayName: String, status st: stat)
        -> (result: SubmissionResult, wrong: [WrongAnswer])
    {
        if (st.st_mode & S_IFMT) == S_IFLNK {
            return (grader.ungradable(file: displayName, student: Self.studentFallback(displayName),
                                      reason: "\(displayName): symbolic links are not followed"), [])
        }
        // Opening a FIFO blocks until a writer appears, and devices never end: neither is read.
        if let kind = Self.specialFileKind(st.st_mode) {
            return (grader.ungradable(file: displayName, student: Self.studentFallback(displayName),
                                      reason: "\(displayName): not a regular file (\(kind)); only plain files are graded"), [])
        }
        do {
            let submission = try SubmissionLoader.load(path: path, displayName: displayName, limits: limits)
            let result = grader.grade(submission)
            guard grader.isRandomised else { return (result, []) }
            return (result, CopyingDetector.wrongAnswers(result, submission: submission))
        } catch {
            var reason = error.description
            if displayName.unicodeScalars.contains("\u{FFFD}") && st.st_mode == 0 {
                // The listing decoded a name that is not UTF-8 lossily, so the file cannot be opened by it.
                reason = "\(displayName): the file name is not valid UTF-8, so the file cannot be opened; rename it"
            }
            return (grader.ungradable(file: displayName, student: Self.studentFallback(displayName), reason: reason), [])
        }
    }

    /// "a FIFO", "a device" or "a socket" for those file types; nil for anything else.
    static func specialFileKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return nil
        }
    }

    static func studentFallback(_ file: String) -> String {
        var name = file
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(100).map(Character.init))
    }

    /// Grades every file in `folder` (in parallel) and returns the results in file-name order.
    public func grade(folder: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(OutputError) -> [SubmissionResult] {
        // Subfolders are dropped by the workers (which stat every entry anyway), not by the listing.
        let names = try Self.listedNames(in: folder)
        let box = SlotBox<(result: SubmissionResult, wrong: [WrongAnswer])?>(count: names.count, empty: nil)
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: names.count) { i in
            let path = folder + "/" + names[i]
            let st = Self.linkStatus(path)
            if (st.st_mode & S_IFMT) != S_IFDIR {
                box.set(i, gradeFile(path: path, displayName: names[i], status: st))
            }
            if let progress { progress(done.increment(), names.count) }
        }
        let graded = box.values().compactMap { $0 }
        var results = graded.map(\.result)
        guard grader.isRandomised else { return results }
        for (i, notice) in CopyingDetector.notices(results, wrong: graded.map(\.wrong), grader: grader).enumerated() {
            results[i].copying = notice
        }
        return results
    }

    /// The base name of each result's report files (and platform export folders), in order:
    /// the submission's file name without its extension, made safe and unique.
    public static func reportNames(for results: [SubmissionResult]) -> [String] {
        SafeName.unique(results.map { studentFallback($0.file) }, reserved: reservedNames)
    }

    /// Grades a folder and writes `<out>/<name>.md` and `<name>.json` per submission, plus
    /// `gradebook.csv`, `gradebook.json` and `summary.md`. Returns the results.
    public func gradeAndWrite(folder: String, out: String, progress: (@Sendable (Int, Int) -> Void)? = nil)
        throws(OutputError) -> [SubmissionResult]
    {
        var folderStatus = stat(), outStatus = stat()
        if stat(folder, &folderStatus) == 0, stat(out, &outStatus) == 0,
           folderStatus.st_dev == outStatus.st_dev, folderStatus.st_ino == outStatus.st_ino {
            // Reports would mix with answer files, and the stale-report clean-up would delete them.
            throw OutputError("\(out): the reports folder is the submissions folder; choose another output folder")
        }
        let results = try grade(folder: folder, progress: progress)
        let output = try OutputFolder(path: out)
        let names = Self.reportNames(for: results)
        let failures = ErrorBox()
        let problem = grader.problem
        // gradebook.json is written as the JSON reports are made (nested, so the batch file is not
        // serialised twice), and gets its name after gradebook.csv.
        let gradebookJSON = GradebookJSONStream(problem: problem, count: results.count,
                                                file: try output.pendingFile(named: "gradebook.json"))
        // The gradebook CSV and the class summary are computed alongside the reports (the first
        // two iterations) and written after them, in the same order as before.
        let batchTexts = SlotBox<String>(count: 2, empty: "")
        DispatchQueue.concurrentPerform(iterations: results.count + 2) { iteration in
            if iteration == 0 { batchTexts.set(0, Gradebook.csv(results, problem: problem)); return }
            if iteration == 1 { batchTexts.set(1, ClassSummary.markdown(results, problem: problem)); return }
            let i = iteration - 2
            do throws(OutputError) {
                // A copying notice names another student: only in instructor copies of the reports.
                var result = results[i]
                if grader.audience == .student { result.copying = nil }
                try output.write(bytes: SubmissionReport.markdownUTF8(result, problem: problem).bytes, to: names[i] + ".md")
                let json = SubmissionReport.jsonUTF8(result)
                try output.write(bytes: json, to: names[i] + ".json")
                gradebookJSON.submit(i, nestedReport: Gradebook.nestedReport(json))
            } catch {
                failures.record(error)
            }
        }
        if let first = failures.first { throw first }
        let texts = batchTexts.values()
        try output.write(texts[0], to: "gradebook.csv")
        try gradebookJSON.finish()
        try output.write(texts[1], to: "summary.md")
        // Reports of submissions no longer in the folder are removed; a folder that was empty has none.
        if !output.wasEmpty {
            var keep = Set(names.flatMap { [$0 + ".md", $0 + ".json"] })
            keep.formUnion(["gradebook.csv", "gradebook.json", "summary.md", PlatformExport.canvasFileName])
            output.removeStale(keeping: keep, extensions: [".md", ".json", ".csv"])
        }
        return results
    }
}
