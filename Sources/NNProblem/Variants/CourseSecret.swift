import Foundation

/// Finds the course secret of a randomised problem: the environment variable the problem names
/// (`randomize.seed_secret_env`), or else the course secret file `secrets/<VARIABLE>` in the
/// problem file's folder (its text, surrounding whitespace removed). The problem file itself
/// never holds the secret. Keep the secret file out of anything students can read; the bundled
/// demo problem commits its file on purpose, so that `nncheck grade` runs with no set-up.
public enum CourseSecret {
    /// The folder, next to the problem file, that holds course secret files.
    public static let folderName = "secrets"

    /// The secret, or nil when neither the variable nor the file gives a non-empty one.
    public static func find(_ randomization: Randomization, problemFile: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> VariantSecret? {
        if let value = environment[randomization.secretVariable], let secret = VariantSecret(text: value) { return secret }
        let path = filePath(randomization, problemFile: problemFile)
        var st = stat()
        // Only a regular file of a sensible size is read (never a FIFO or a device).
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size <= 4096,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return VariantSecret(text: String(decoding: data, as: UTF8.self))
    }

    /// The course secret file's path for a problem file.
    public static func filePath(_ randomization: Randomization, problemFile: String) -> String {
        let folder = (problemFile as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + folderName + "/" + randomization.secretVariable
    }

    /// The one-line message for a randomised problem whose secret is not set.
    public static func missingMessage(_ randomization: Randomization, problemFile: String) -> String {
        "\(problemFile):\(randomization.location.line):\(randomization.location.column): the problem is randomised per student, and its course secret is not set: set the environment variable \(randomization.secretVariable), or write the secret to \(filePath(randomization, problemFile: problemFile))"
    }
}
