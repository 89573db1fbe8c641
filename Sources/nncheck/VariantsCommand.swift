import ArgumentParser
import Foundation
import NNGrade
import NNFiles
import NNProblem
import NNReport

/// `nncheck variants PROBLEM --roster roster.csv --out sheets/`: a sheet per student and the
/// instructor's key file.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "Write each rostered student's sheet of a randomised problem, and the instructor's key file.",
        discussion: """
            Writes <out>/<student>.md per student of the roster (the id made safe for a file name) and <out>/keys.json with every student's numbers and key. The key file is for the instructor only.

            The roster is a CSV file with a header row; the ids are the column named student, student_id or id, else the first column.
            """)

    @Argument(help: "The problem file (YAML) with a randomize section.") var problem: String
    @Option(help: "The roster (CSV with a header row).") var roster: String
    @Option(help: "The output folder.") var out: String

    /// The key file's name in the output folder.
    static let keysFileName = "keys.json"

    func run() throws {
        let base = try CommandSupport.loadProblem(problem)
        guard base.problem.randomization != nil else {
            Terminal.error("\(problem): the problem has no randomize section, so every student has the same numbers; use nncheck sheet")
            throw ExitCode.dataError
        }
        try CommandSupport.requireFile(roster)
        let students: [String]
        do { students = try Roster.load(path: roster).students } catch {
            Terminal.error(error.description)
            throw ExitCode.dataError
        }
        var variants: [GradableProblem] = []
        for id in students { variants.append(try CommandSupport.variant(of: base, path: problem, student: id)) }
        let names = SafeName.unique(students, reserved: ["keys"])
        do {
            let folder = try OutputFolder(path: out)
            for (g, name) in zip(variants, names) { try folder.write(StudentSheet.markdown(g), to: name + ".md") }
            try folder.write(VariantKeys.json(problemID: base.problem.id, variants: variants), to: Self.keysFileName)
        } catch {
            Terminal.error(error.message)
            throw ExitCode.cannotCreate
        }
        Terminal.write("\(base.problem.id): \(students.count) sheet\(students.count == 1 ? "" : "s") and \(Self.keysFileName) written to \(out)/\n")
    }
}
