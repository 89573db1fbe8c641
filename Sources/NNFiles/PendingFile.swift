import Foundation
#if os(Linux)
import Synchronization
#endif

/// An output file that is written completely before it gets its name, so no reader and no crash
/// ever sees part of it.
///
/// On Linux the bytes go to an unnamed file in the target folder (`O_TMPFILE`), which `commit()`
/// links in under its name with one `linkat`; when a file of that name already exists (a re-run)
/// the finished file is linked under a hidden temporary name and renamed over it. A run killed
/// before `commit()` leaves nothing behind: an unnamed file vanishes with its process. On ext4
/// this costs about half the kernel time of creating and renaming a named temporary file.
///
/// Elsewhere, or where the file system or kernel lacks `O_TMPFILE` or `/proc` is not mounted
/// (through which an unnamed file is linked where `AT_EMPTY_PATH` is not allowed), the bytes go
/// to a hidden temporary file
/// (`.nncheck-tmp-<name>-<random>`) in the same folder, renamed over the target by `commit()`;
/// `OutputFolder` removes such leftovers of a killed run the next time it opens the folder. A file
/// that is never committed is removed when the value is released.
///
/// Everything is done relative to the folder's open descriptor, so no path is walked per file.
/// Appends and the commit are not synchronised: one writer at a time.
public final class PendingFile: @unchecked Sendable {
    /// The path the file will have once committed.
    public let target: String
    private let directory: DirectoryHandle
    private let name: String
    private var descriptor: Int32
    /// The name of the hidden temporary file holding the bytes, or nil for an unnamed file.
    private let temporary: String?
    private var isFinished = false

    /// Opens a new pending file for `name` (a safe file name) inside `folder`; `mayBeUnnamed`
    /// false forces the portable named-temporary-file way (for tests on Linux).
    init(in folder: OutputFolder, name: String, mayBeUnnamed: Bool = true) throws(OutputError) {
        guard SafeName.isSafe(name) else { throw OutputError("refusing to write unsafe file name '\(name)'") }
        directory = folder.directory
        self.name = name
        target = folder.path + "/" + name
        #if os(Linux)
        if mayBeUnnamed && Self.unnamedFilesCanBeLinked {
            let fd = openat(directory.descriptor, ".", Self.unnamedFileFlag | O_WRONLY | O_CLOEXEC, 0o644)
            if fd >= 0 {
                descriptor = fd
                temporary = nil
                return
            }
        }
        #endif
        let temporaryName = Self.temporaryName(for: name)
        let fd = openat(directory.descriptor, temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError("\(target): cannot write (\(String(cString: strerror(errno))))") }
        descriptor = fd
        temporary = temporaryName
    }

    deinit {
        guard !isFinished else { return }
        close(descriptor)
        if let temporary { unlinkat(directory.descriptor, temporary, 0) }
    }

    /// Appends `bytes` to the file.
    public func append(_ bytes: [UInt8]) throws(OutputError) {
        var failure: OutputError?
        bytes.withUnsafeBytes { buf in
            do throws(OutputError) { try append(buf) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Appends the bytes of `buf` to the file.
    public func append(_ buf: UnsafeRawBufferPointer) throws(OutputError) {
        guard !isFinished else { throw OutputError("\(target): the file was already finished") }
        var offset = 0
        while offset < buf.count, let base = buf.baseAddress {
            let n = write(descriptor, base + offset, buf.count - offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw failure(n < 0 ? errno : ENOSPC) }
            offset += n
        }
    }

    /// Gives the complete file its name, replacing any file of that name.
    public func commit() throws(OutputError) {
        guard !isFinished else { throw OutputError("\(target): the file was already finished") }
        isFinished = true
        let folder = directory.descriptor
        if let temporary {
            guard close(descriptor) == 0, renameat(folder, temporary, folder, name) == 0 else {
                let code = errno
                unlinkat(folder, temporary, 0)
                throw failure(code)
            }
            return
        }
        #if os(Linux)
        defer { close(descriptor) }
        let linked = linkUnnamed(as: name)
        if linked == 0 { return }
        guard linked == EEXIST else { throw failure(linked) }
        let named = Self.temporaryName(for: name)
        let relinked = linkUnnamed(as: named)
        guard relinked == 0 else { throw failure(relinked) }
        guard renameat(folder, named, folder, name) == 0 else {
            let code = errno
            unlinkat(folder, named, 0)
            throw failure(code)
        }
        #endif
    }

    private func failure(_ code: Int32) -> OutputError {
        OutputError("\(target): cannot write (\(String(cString: strerror(code))))")
    }

    /// A fresh hidden temporary file name for writing `name`.
    private static func temporaryName(for name: String) -> String {
        OutputFolder.temporaryPrefix + name + "-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    #if os(Linux)
    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; the same value on every architecture Swift runs
    /// on), which Glibc's Swift overlay does not export.
    private static let unnamedFileFlag: Int32 = 0o20000000 | O_DIRECTORY
    /// `AT_EMPTY_PATH`, also not exported.
    private static let emptyPathFlag: Int32 = 0x1000

    /// Whether an open file can be linked by its `/proc/self/fd` entry (procfs is mounted).
    private static let procFileHandlesWork = access("/proc/self/fd", F_OK) == 0

    /// Whether `linkat(fd, "", …, AT_EMPTY_PATH)` may be used: 0 not tried yet, 1 it works,
    /// 2 it is refused (Linux before 6.10 requires `CAP_DAC_READ_SEARCH` for it).
    private static let emptyPathLinking = Atomic<Int>(0)

    /// Whether an unnamed file, once written, can surely be given a name.
    private static var unnamedFilesCanBeLinked: Bool {
        procFileHandlesWork || emptyPathLinking.load(ordering: .relaxed) == 1
    }

    /// Links the unnamed file into the folder as `linkName`; 0 or the `errno` of the failure.
    /// `AT_EMPTY_PATH` avoids resolving `/proc/self/fd/N`, where it is allowed.
    private func linkUnnamed(as linkName: String) -> Int32 {
        let folder = directory.descriptor
        if Self.emptyPathLinking.load(ordering: .relaxed) != 2 {
            if linkat(descriptor, "", folder, linkName, Self.emptyPathFlag) == 0 {
                Self.emptyPathLinking.store(1, ordering: .relaxed)
                return 0
            }
            let code = errno
            if code != ENOENT && code != EPERM {
                Self.emptyPathLinking.store(1, ordering: .relaxed)  // allowed, but failed (e.g. EEXIST)
                return code
            }
            Self.emptyPathLinking.store(2, ordering: .relaxed)
        }
        guard Self.procFileHandlesWork else { return ENOENT }
        let handle = "/proc/self/fd/\(descriptor)"
        return linkat(AT_FDCWD, handle, folder, linkName, AT_SYMLINK_FOLLOW) == 0 ? 0 : errno
    }
    #endif
}
