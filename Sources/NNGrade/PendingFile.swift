import Foundation

/// An output file that is written completely before it gets its name, so no reader and no crash
/// ever sees part of it.
///
/// On Linux the bytes go to an unnamed file in the target folder (`O_TMPFILE`), which `commit()`
/// links in under its name with one `linkat`; when a file of that name already exists (a re-run)
/// the finished file is linked under a hidden temporary name and renamed over it. A run killed
/// before `commit()` leaves nothing behind: an unnamed file vanishes with its process. On ext4
/// this costs about half the kernel time of creating and renaming a named temporary file.
///
/// Elsewhere, or where the file system or kernel lacks `O_TMPFILE` or `/proc` is not mounted,
/// the bytes go to a hidden temporary file (`.nncheck-tmp-<name>-<random>`) in the same folder,
/// renamed over the target by `commit()`; `OutputFolder` removes such leftovers of a killed run
/// the next time it opens the folder. A file that is never committed is removed when the value
/// is released.
///
/// Appends and the commit are not synchronised: one writer at a time.
public final class PendingFile: @unchecked Sendable {
    /// The path the file will have once committed.
    public let target: String
    private let folder: String
    private let name: String
    private var descriptor: Int32
    /// The hidden temporary file holding the bytes, or nil for an unnamed (`O_TMPFILE`) file.
    private let temporary: String?
    private var isFinished = false

    /// Opens a new pending file for `name` (a safe file name) inside `folder`; `mayBeUnnamed`
    /// false forces the portable named-temporary-file way (for tests on Linux).
    init(in folder: OutputFolder, name: String, mayBeUnnamed: Bool = true) throws(OutputError) {
        guard SafeName.isSafe(name) else { throw OutputError("refusing to write unsafe file name '\(name)'") }
        self.folder = folder.path
        self.name = name
        target = folder.path + "/" + name
        #if os(Linux)
        if mayBeUnnamed && Self.procFileHandlesWork {
            let fd = open(folder.path, Self.unnamedFileFlag | O_WRONLY | O_CLOEXEC, 0o644)
            if fd >= 0 {
                descriptor = fd
                temporary = nil
                return
            }
        }
        #endif
        let path = Self.temporaryPath(in: folder.path, for: name)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputError("\(target): cannot write (\(String(cString: strerror(errno))))") }
        descriptor = fd
        temporary = path
    }

    deinit {
        guard !isFinished else { return }
        close(descriptor)
        if let temporary { unlink(temporary) }
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
        if let temporary {
            guard close(descriptor) == 0, rename(temporary, target) == 0 else {
                let code = errno
                unlink(temporary)
                throw failure(code)
            }
            return
        }
        #if os(Linux)
        defer { close(descriptor) }
        let handle = "/proc/self/fd/\(descriptor)"
        if linkat(AT_FDCWD, handle, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0 { return }
        guard errno == EEXIST else { throw failure(errno) }
        let named = Self.temporaryPath(in: folder, for: name)
        guard linkat(AT_FDCWD, handle, AT_FDCWD, named, AT_SYMLINK_FOLLOW) == 0 else { throw failure(errno) }
        guard rename(named, target) == 0 else {
            let code = errno
            unlink(named)
            throw failure(code)
        }
        #endif
    }

    private func failure(_ code: Int32) -> OutputError {
        OutputError("\(target): cannot write (\(String(cString: strerror(code))))")
    }

    /// A fresh hidden temporary path in `folder` for writing `name`.
    private static func temporaryPath(in folder: String, for name: String) -> String {
        folder + "/" + OutputFolder.temporaryPrefix + name + "-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    #if os(Linux)
    /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; the same value on every architecture Swift runs
    /// on), which Glibc's Swift overlay does not export.
    private static let unnamedFileFlag: Int32 = 0o20000000 | O_DIRECTORY

    /// Whether an open file can be linked by its `/proc/self/fd` entry (procfs is mounted).
    private static let procFileHandlesWork = access("/proc/self/fd", F_OK) == 0
    #endif
}
