import ArgumentParser

/// Entry point: parses the command line and runs the chosen subcommand.
@main
struct NNCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nncheck",
        abstract: "Check neural-network calculation homework: solve problem files, self-check and grade answer files.",
        version: "0.1.0",
        subcommands: [SolveCommand.self, CheckCommand.self, GradeCommand.self, TemplateCommand.self, ReviewTemplateCommand.self, VerifyCommand.self,
                      SheetCommand.self, VariantsCommand.self, ServeCommand.self])
}
