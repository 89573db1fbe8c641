import ArgumentParser
import Foundation
import NNGrade
import NNProblem

/// `nncheck grade [PROBLEM SUBMISSIONS] [--out DIR]`: batch grading.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a folder of answer files into reports, a gradebook and a class summary.",
        discussion: """
            With no arguments, grades every problems/<id>.yaml against submissions/<id>/ into reports/<id>/.
            With PROBLEM and SUBMISSIONS, grades that folder into <out>/<problem id>/.
            Each submission gets <name>.md and <name>.json; the folder also gets gradebook.csv,
            gradebook.json and summary.md. Unreadable submissions become "ungradable" rows.
            """)

    @Argument(help: "The problem file (YAML).") var problem: String?
    @Argument(help: "The folder of answer files.") var submissions: String?
    @Option(help: "The reports folder; results go to <out>/<problem id>/.") var out = "reports"
    @Option(help: "Override every question's tolerance, e.g. '3 s.f.' or '±0.001'.") var tolerance: String?
    @Flag(help: "Show expected values and errors in every report (instructor copies), even where the problem hides the key.")
    var revealKey = false
    @Flag(help: "Do not print the progress line.") var quiet = false

    func validate() throws {
        if (problem == nil) != (submissions == nil) {
            throw ValidationError("give both PROBLEM and SUBMISSIONS, or neither to grade the bundled problems/ and submissions/")
        }
        if let tolerance, ToleranceParser.parse(tolerance) == nil {
            throw ValidationError("'\(tolerance)' is not a tolerance; try '3 s.f.', '2 d.p.', '±0.001', '1%' or 'rel 1% abs 1e-6'")
        }
    }

    func run() throws {
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
            let loaded = try CommandSupport.loadProblem(job.problem)
            let folder = job.submissions.isEmpty ? "submissions/" + loaded.id : job.submissions
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
                if job.submissions.isEmpty { continue }   // a bundled problem without submissions
                Terminal.error("\(folder): no such folder")
                throw ExitCode.noInput
            }
            let grader = Grader(problem: loaded, audience: revealKey ? .instructor : .student,
                                toleranceOverride: tolerance.flatMap(ToleranceParser.parse))
            let target = out + "/" + loaded.id
            let showProgress = !quiet && Terminal.stderrIsTerminal
            let id = loaded.id
            var progress: (@Sendable (Int, Int) -> Void)?
            if showProgress {
                progress = { @Sendable (done: Int, total: Int) in
                    if done == total || done % 25 == 0 { Terminal.errorRaw("\r\(id): graded \(done)/\(total)") }
                }
            }
            do {
                let results = try BatchGrader(grader: grader).gradeAndWrite(folder: folder, out: target, progress: progress)
                if showProgress { Terminal.errorRaw("\r\u{1B}[K") }
                let ungradable = results.filter { !$0.isGradable }.count
                Terminal.write("\(loaded.id): \(results.count) submission\(results.count == 1 ? "" : "s") graded into \(target)/"
                               + (ungradable > 0 ? " (\(ungradable) ungradable)" : "") + "\n")
            } catch {
                Terminal.error(error.message)
                failed = true
            }
        }
        if failed { throw ExitCode.cannotCreate }
    }
}
