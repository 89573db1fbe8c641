import Foundation

/// The first error raised by concurrent workers.
final class ErrorBox: @unchecked Sendable {
    private var error: OutputError?
    private let lock = NSLock()
    func record(_ e: OutputError) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var first: OutputError? { lock.lock(); defer { lock.unlock() }; return error }
}
