import Foundation
import NNProblem
import NNOutput
import NNReport

/// Writes `gradebook.json` while a batch's reports are still being produced: workers hand in
/// each submission's nested report as it is ready, and the stream writes them in submission
/// order, so the whole document is never held in memory and little is left to write at the end.
///
/// The bytes equal `Gradebook.json(_:problem:)`. The file is a `PendingFile`: it gets its name
/// only in `finish()`, so a failed or killed batch leaves no partial gradebook.
final class GradebookJSONStream: @unchecked Sendable {
    private let file: PendingFile
    private let lock = NSLock()
    // Guarded by `lock`:
    private var writer: JSONWriter
    private var ready: [[UInt8]?]
    private var next = 0
    private var someoneIsWriting = false
    private var failure: OutputError?

    /// Starts the document for `count` submissions of `problem` in `file`.
    init(problem: Problem, count: Int, file: PendingFile) {
        self.file = file
        writer = Gradebook.jsonStart(problem: problem)
        ready = Array(repeating: nil, count: count)
    }

    /// Hands in submission `index`'s nested report (`Gradebook.nestedReport`). Thread-safe. The
    /// caller that finds nothing being written writes every report that is now next in order,
    /// outside the lock, while other workers go on.
    func submit(_ index: Int, nestedReport: [UInt8]) {
        lock.lock()
        ready[index] = nestedReport
        guard !someoneIsWriting else { lock.unlock(); return }
        someoneIsWriting = true
        while true {
            while next < ready.count, let report = ready[next] {
                writer.raw(utf8: report)
                ready[next] = nil
                next += 1
            }
            let bytes = writer.takeUTF8()
            guard !bytes.isEmpty, failure == nil else {
                someoneIsWriting = false
                lock.unlock()
                return
            }
            lock.unlock()
            do throws(OutputError) { try file.append(bytes) } catch {
                lock.lock()
                failure = error
                someoneIsWriting = false
                lock.unlock()
                return
            }
            lock.lock()
        }
    }

    /// Writes the end of the document and gives the file its name; call once every report has
    /// been handed in.
    func finish() throws(OutputError) {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        guard next == ready.count, !someoneIsWriting else {
            throw OutputError("\(file.target): \(ready.count - next) submissions were not written")
        }
        Gradebook.jsonEnd(&writer)
        try file.append(writer.takeUTF8WithTrailingNewline())
        try file.commit()
    }
}
