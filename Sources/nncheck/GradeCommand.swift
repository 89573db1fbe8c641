import ArgumentParser
import Foundation
import NNCore
import NNGrade
import NNProblem
import NNFiles

/// `nncheck grade [PROBLEM SUBMISSIONS] [--out DIR] [--format FORMAT]`: batch grading, and
/// `nncheck grade PROBLEM --answers FILE --format gradescope|prairielearn [--results PATH]`: one
/// file graded into a course platform's results file.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a folder of answer files into reports, a gradebook and a class summary, or into course-platform files.",
        discussion: """
            With no arguments, grades every problems/<id>.yaml against submissions/<id>/ into reports/<id>/.

            With PROBLEM and SUBMISSIONS, grades that folder into <out>/<problem id>/.

            --format reports (the default): each submission gets <name>.md and <name>.json; the folder also gets gradebook.csv, gradebook.json and summary.md. Unreadable submissions become "ungradable" rows.

            --format gradescope or prairielearn: each submission gets <name>/results.json instead. --format canvas: the folder gets canvas.csv, for Canvas's gradebook import. For these, --out defaults to exports.

            With PROBLEM and --answers FILE (gradescope or prairielearn only), grades that one file and writes its results.json to --results PATH, or to standard output without --results; the exit status is 0 whenever the results were written, even for an unreadable answer file.
            """)

    @Argument(help: "The problem file (YAML).") var problem: String?
    @Argument(help: "The folder of answer files.") var submissions: String?
    @Option(help: "The output folder; results go to <out>/<problem id>/ (default: reports, or exports for platform formats).")
    var out: String?
    @Option(help: "What to write: reports, gradescope, prairielearn or canvas.") var format: GradeFormat = .reports
    @Option(help: "Grade this one answer file (with PROBLEM and --format gradescope or prairielearn).") var answers: String?
    @Option(help: "With --answers: write the results.json here (atomically) instead of to standard output.") var results: String?
    @Option(help: "Override every question's tolerance, e.g. '3 s.f.' or '±0.001'.", transform: CommandSupport.tolerance)
    var tolerance: Tolerance?
    @Flag(help: "Show expected values and errors in every report (instructor copies), even where the problem hides the key.")
    var revealKey = false
    @Flag(help: "Do not print the progress line.") var quiet = false

    /// The output formats.
    enum GradeFormat: String, ExpressibleByArgument, CaseIterable {
        case reports, gradescope, prairielearn, canvas

        /// The per-submission platform, for the formats that have one.
        var platform: PlatformExport.Platform? {
            switch self {
            case .gradescope: return .gradescope
            case .prairielearn: return .prairielearn
            case .reports, .canvas: return nil
            }
        }
    }

    func validate() throws {
        if answers != nil {
            guard problem != nil, submissions == nil else {
                throw ValidationError("--answers grades one file: give PROBLEM and --answers FILE, without SUBMISSIONS")
            }
            guard format.platform != nil else {
                throw ValidationError("--answers needs --format gradescope or --format prairielearn")
            }
        } else if results != nil {
            throw ValidationError("--results is for one answer file: give it with --answers FILE")
        } else if (problem == nil) != (submissions == nil) {
            throw ValidationError("give both PROBLEM and SUBMISSIONS, or neither to grade the bundled problems/ and submissions/")
        }
    }

    func run() throws {
        if let answers, let problem, let platform = format.platform {
            try gradeOne(answers: answers, problem: problem, platform: platform)
            return
        }
        var jobs: [(problem: String, submissions: String)] = []
        if let problem, let submissions {
            jobs = [(problem, submissions)]
        } else {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: "problems")) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            guard !files.isEmpty else {
                Terminal.error("problems: no problem files found (run from the repository root, or give PROBLEM and SUBMISSIONS)")
                throw ExitCode.noInput
            }
            for f in files { jobs.append(("problems/" + f, "")) }
        }
        var failed = false
        for job in jobs {
            let gradable = try CommandSupport.loadProblem(job.problem)
            let loaded = gradable.problem
            let folder = job.submissions.isEmpty ? "submissions/" + loaded.id : job.submissions
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
                if job.submissions.isEmpty { continue }   // a bundled problem without submissions
                Terminal.error("\(folder): no such folder")
                throw ExitCode.noInput
            }
            let target = (out ?? (format == .reports ? "reports" : "exports")) + "/" + loaded.id
            let showProgress = !quiet && Terminal.stderrIsTerminal
            let id = loaded.id
            var progress: (@Sendable (Int, Int) -> Void)?
            if showProgress {
                progress = { @Sendable (done: Int, total: Int) in
                    if done == total || done % 25 == 0 { Terminal.errorRaw("\r\(id): graded \(done)/\(total)") }
                }
            }
            do {
                let batch = BatchGrader(grader: grader(for: gradable))
                let results: [SubmissionResult]
                let written: String
                switch format {
                case .reports:
                    results = try batch.gradeAndWrite(folder: folder, out: target, progress: progress)
                    written = "graded into \(target)/"
                case .gradescope, .prairielearn:
                    let platform: PlatformExport.Platform = format == .gradescope ? .gradescope : .prairielearn
                    results = try PlatformExport(batch: batch).gradeAndWrite(folder: folder, out: target, platform: platform, progress: progress)
                    written = "graded for \(format.rawValue) into \(target)/<name>/\(PlatformExport.resultsFileName)"
                case .canvas:
                    results = try PlatformExport(batch: batch).gradeAndWriteCanvas(folder: folder, out: target, progress: progress)
                    written = "graded into \(target)/\(PlatformExport.canvasFileName)"
                }
                ResultsKeptUntilExit.keep(results)
                if showProgress { Terminal.errorRaw("\r\u{1B}[K") }
                let ungradable = results.filter { !$0.isGradable }.count
                Terminal.write("\(loaded.id): \(results.count) submission\(results.count == 1 ? "" : "s") \(written)"
                               + (ungradable > 0 ? " (\(ungradable) ungradable)" : "") + "\n")
            } catch {
                Terminal.error(error.message)
                failed = true
            }
        }
        if failed { throw ExitCode.cannotCreate }
    }

    /// The grader for a loaded problem, with the command's audience and tolerance.
    private func grader(for gradable: GradableProblem) -> Grader {
        Grader(gradable: gradable, audience: revealKey ? .instructor : .student,
               toleranceOverride: tolerance)
    }

    /// Grades one answer file into one platform results file (or standard output).
    private func gradeOne(answers: String, problem: String, platform: PlatformExport.Platform) throws {
        let gradable = try CommandSupport.loadProblem(problem)
        let loaded = gradable.problem
        let export = PlatformExport(batch: BatchGrader(grader: grader(for: gradable)))
        guard let results else {
            Terminal.write(export.grade(file: answers, platform: platform).text)
            return
        }
        do {
            let result = try export.grade(file: answers, platform: platform, resultsPath: results)
            if !quiet {
                let score = result.isGradable
                    ? "\(NumberFormatting.significant(result.earned, digits: 6)) / \(NumberFormatting.significant(result.possible, digits: 6)) points"
                    : "ungradable: \(result.ungradableReason ?? "")"
                Terminal.error("\(loaded.id): \(answers): \(score); wrote \(results)")
            }
        } catch {
            Terminal.error(error.message)
            throw ExitCode.cannotCreate
        }
    }
}

/// Batch results the process keeps until it exits instead of freeing them one by one: it exits
/// right after, and freeing 10,000 results (about 1.5 million strings and arrays) took 40 ms on
/// one thread, after everything was written.
enum ResultsKeptUntilExit {
    private nonisolated(unsafe) static var kept: [[SubmissionResult]] = []

    /// Keeps `results` alive until the process exits (called from the main thread only).
    static func keep(_ results: [SubmissionResult]) { kept.append(results) }
}
