import Foundation

/// An open folder (a descriptor for `openat`, `linkat` and `renameat`), closed when released.
final class DirectoryHandle: Sendable {
    /// The descriptor.
    let descriptor: Int32

    init(path: String) throws(OutputError) {
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw OutputError("\(path): cannot open the folder (\(String(cString: strerror(errno))))")
        }
    }

    deinit { close(descriptor) }
}
