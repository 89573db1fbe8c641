import Foundation

/// Waiting for a value with a deadline, without waiting for the work to notice it.
enum FirstOf {
    /// The value `work` produces, or nil when `timeoutSeconds` pass first. The work is not
    /// interrupted (grading cannot be); it finishes on its own and its value is dropped.
    static func value<T: Sendable>(timeoutSeconds: Double, _ work: @escaping @Sendable () async -> T) async -> T? {
        guard timeoutSeconds > 0 else { return nil }
        let once = Once<T?>()
        return await withCheckedContinuation { (c: CheckedContinuation<T?, Never>) in
            once.attach(c)
            let timer = Task {
                try? await Task.sleep(nanoseconds: UInt64(timeoutSeconds * 1e9))
                once.resume(nil)
            }
            Task {
                let v = await work()
                once.resume(v)
                timer.cancel()
            }
        }
    }
}

/// A continuation resumed by whichever of several racers comes first.
private final class Once<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Never>?

    func attach(_ c: CheckedContinuation<T, Never>) {
        lock.lock()
        continuation = c
        lock.unlock()
    }

    func resume(_ value: T) {
        lock.lock()
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume(returning: value)
    }
}
