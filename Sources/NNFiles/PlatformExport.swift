import Dispatch
import NNCore
import NNProblem
import NNGrade
import NNReport

/// Grades answer files into the files course platforms read: a `results.json` per submission for
/// Gradescope or PrairieLearn, or one Canvas import CSV for a batch. All files are written
/// atomically through `OutputFolder`, and per-submission folders use the same safe names as the
/// reports (`<name>.md` and `<name>/results.json` belong to the same submission).
public struct PlatformExport: Sendable {
    /// A platform that takes one results file per submission.
    public typealias Platform = ResultsPlatform

    /// The file name of a per-submission results file.
    public static let resultsFileName = "results.json"
    /// The file name of the Canvas import file.
    public static let canvasFileName = "canvas.csv"

    /// The batch grader that reads and grades the files.
    public let batch: BatchGrader

    /// Creates an exporter.
    public init(batch: BatchGrader) { self.batch = batch }

    /// Grades every file in `folder` and writes `<out>/<name>/results.json` per submission. Returns the results.
    public func gradeAndWrite(folder: String, out: String, platform: Platform,
                              progress: (@Sendable (Int, Int) -> Void)? = nil) throws(OutputError) -> [SubmissionResult]
    {
        let results = try batch.grade(folder: folder, progress: progress)
        let root = try OutputFolder(path: out)
        let names = BatchGrader.reportNames(for: results)
        let problem = batch.grader.problem
        let failures = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: results.count) { i in
            do throws(OutputError) {
                let submissionFolder = try OutputFolder(path: root.path + "/" + names[i])
                try submissionFolder.write(platform.resultsJSON(results[i], problem: problem), to: Self.resultsFileName)
            } catch {
                failures.record(error)
            }
        }
        if let first = failures.first { throw first }
        return results
    }

    /// Grades every file in `folder` and writes the Canvas import file `<out>/canvas.csv`. Returns the results.
    public func gradeAndWriteCanvas(folder: String, out: String,
                                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws(OutputError) -> [SubmissionResult]
    {
        let results = try batch.grade(folder: folder, progress: progress)
        try OutputFolder(path: out).write(CanvasGradebook.csv(results, problem: batch.grader.problem), to: Self.canvasFileName)
        return results
    }

    /// Grades one answer file; the result and its results file text. A file that cannot be read
    /// gives an ungradable result, never an error.
    public func grade(file path: String, platform: Platform) -> (result: SubmissionResult, text: String) {
        let result = batch.gradeFile(path: path, displayName: Self.lastComponent(path))
        return (result, platform.resultsJSON(result, problem: batch.grader.problem))
    }

    /// Grades one answer file and writes exactly one results file at `resultsPath` (atomically,
    /// creating its folder if needed). Returns the result.
    public func grade(file path: String, platform: Platform, resultsPath: String) throws(OutputError) -> SubmissionResult {
        let (result, text) = grade(file: path, platform: platform)
        try OutputFolder.write(text, toPath: resultsPath)
        return result
    }

    /// The part of a path after its last slash.
    static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
