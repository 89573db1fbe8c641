import Foundation
import NNYAML

/// Answers inside a Jupyter notebook (`.ipynb`), where students run their experiments.
///
/// The answers are the YAML of one cell: the first cell whose metadata tags include `answers`,
/// or else the first raw or markdown cell whose first line is `# nncheck answers` (a YAML
/// comment). Lines that are Markdown code fences (```` ``` ```` or ```` ```yaml ````) are blanked,
/// so the YAML may sit in a fenced block. Errors point to the cell (1-based, as Jupyter numbers
/// cells from the top) and the line inside it: `nb.ipynb (cell 7):3:5: message`.
///
/// A notebook is at most `maximumBytes` (16 MiB: outputs and images count); its answers cell is
/// then held to the answer-file limits. A notebook without such a cell is ungradable with that reason.
public enum NotebookAnswers {
    /// The largest notebook read, in bytes.
    public static let maximumBytes = 16 << 20
    /// The first line that marks an answers cell.
    public static let marker = "# nncheck answers"

    /// The YAML text of the answers cell and its 1-based cell number.
    public static func answersCell(_ bytes: [UInt8], file: String) throws(InputError) -> (yaml: String, cell: Int) {
        guard bytes.count <= maximumBytes else {
            throw InputError(file: file, message: "the notebook is larger than the 16 MB limit for notebooks")
        }
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw InputError(file: file, message: "not a Jupyter notebook: the file is not valid JSON")
        }
        guard let root = json as? [String: Any], let cells = root["cells"] as? [Any] else {
            throw InputError(file: file, message: "not a Jupyter notebook: no 'cells' list (nbformat 4 is read)")
        }
        var marked: (String, Int)?
        for (i, item) in cells.enumerated() {
            guard let cell = item as? [String: Any] else { continue }
            let source = Self.source(cell["source"])
            let tags = ((cell["metadata"] as? [String: Any])?["tags"] as? [Any])?.compactMap { $0 as? String } ?? []
            if tags.contains("answers") { return (Self.unfenced(source), i + 1) }
            let type = cell["cell_type"] as? String
            if marked == nil, type == "raw" || type == "markdown",
               source.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first?
                   .trimmingCharacters(in: .whitespaces) == marker {
                marked = (Self.unfenced(source), i + 1)
            }
        }
        guard let marked else {
            throw InputError(file: file, message: "the notebook has no answers cell (a cell tagged 'answers', or a raw or markdown cell whose first line is '\(marker)')")
        }
        return marked
    }

    /// Reads the submission in a notebook.
    public static func submission(_ bytes: [UInt8], file: String, limits: YAMLLimits = .answerFile) throws(InputError) -> Submission {
        let (yaml, cell) = try answersCell(bytes, file: file)
        let cellName = "\(file) (cell \(cell))"
        let root = try YAMLReader.read(Array(yaml.utf8), file: cellName, limits: limits)
        var submission = try SubmissionLoader.submission(from: root, file: cellName)
        submission.file = file
        return submission
    }

    /// A cell's source: a string or a list of lines.
    static func source(_ value: Any?) -> String {
        if let s = value as? String { return s }
        if let lines = value as? [Any] { return lines.compactMap { $0 as? String }.joined() }
        return ""
    }

    /// The source with Markdown code-fence lines blanked (line numbers are kept).
    static func unfenced(_ source: String) -> String {
        source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("```") ? "" : String($0) }
            .joined(separator: "\n")
    }
}
