import Foundation
import Logging

/// The server's current problem set, swapped atomically on reload. Requests take the set once
/// and use it to the end, so a reload never changes a check half-way.
public final class ProblemStore: @unchecked Sendable {
    private let lock = NSLock()
    private var set: ProblemSet
    /// The folder the problems are loaded from.
    public let folder: String

    /// A store serving `set`, reloaded from `folder`.
    public init(set: ProblemSet, folder: String) {
        self.set = set
        self.folder = folder
    }

    /// Loads `folder` for a new store.
    public static func load(folder: String) throws(ProblemSetError) -> ProblemStore {
        ProblemStore(set: try ProblemSet.load(folder: folder), folder: folder)
    }

    /// The set in force now.
    public var current: ProblemSet {
        lock.lock()
        defer { lock.unlock() }
        return set
    }

    /// Loads the folder again and swaps the new set in; a folder that does not load leaves the
    /// old set in force and the error is returned (and logged by the caller).
    @discardableResult
    public func reload() -> Result<ProblemSet, ProblemSetError> {
        let loaded: ProblemSet
        do { loaded = try ProblemSet.load(folder: folder) } catch { return .failure(error) }
        lock.lock()
        set = loaded
        lock.unlock()
        return .success(loaded)
    }

    /// `reload()`, logging the outcome: the ids now served, or why the old set stays.
    public func reload(logger: Logger) {
        switch reload() {
        case .success(let set):
            logger.info("reloaded problems", metadata: ["count": "\(set.entries.count)",
                                                        "ids": "\(set.entries.map(\.problem.id).joined(separator: ","))"])
        case .failure(let error):
            logger.error("reload failed; the previous problems stay in force", metadata: ["error": "\(error.description)"])
        }
    }
}
