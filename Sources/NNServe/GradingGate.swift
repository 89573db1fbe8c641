import Foundation

/// A cap on how many answer files are graded at once, with a bounded queue of waiters.
///
/// Grading is CPU work; it runs on a dispatch queue of its own, never on the server's event loops
/// or Swift's cooperative threads, so a slow check cannot stall other connections. Past the
/// queue's bound, `enter` refuses at once (the server answers 503) instead of piling up work.
public final class GradingGate: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private let maxWaiting: Int
    private var running = 0
    private var waiting: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0
    private let queue = DispatchQueue(label: "nncheck.grading", attributes: .concurrent)

    /// A gate letting `limit` checks run at once and `maxWaiting` wait.
    public init(limit: Int, maxWaiting: Int) {
        self.limit = max(1, limit)
        self.maxWaiting = max(0, maxWaiting)
    }

    /// Checks running and waiting now.
    public var load: (running: Int, waiting: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (running, waiting.count)
    }

    /// Runs `work` on the grading queue once a slot is free; nil when the queue is full or no slot
    /// frees before `deadline` (seconds on `MonotonicClock`). The slot is held until `work` ends,
    /// even when the caller has stopped waiting, so the cap on CPU work always holds.
    public func run<T: Sendable>(deadline: Double, _ work: @escaping @Sendable () -> T) async -> T? {
        guard await enter(deadline: deadline) else { return nil }
        let remaining = deadline - MonotonicClock.now
        return await FirstOf.value(timeoutSeconds: remaining) { [self] in
            await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
                queue.async {
                    let value = work()
                    self.leave()
                    c.resume(returning: value)
                }
            }
        }
    }

    /// Takes a slot, waiting until `deadline` at most; false when refused or timed out.
    func enter(deadline: Double) async -> Bool {
        switch admitNow() {
        case .admitted: return true
        case .refused: return false
        case .mayWait(let id):
            let timer = TimerBox()
            let admitted = await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
                guard enqueue(id, c) else { return }
                // Started only once the waiter is queued, so its expiry always finds it (or finds it admitted).
                timer.set(Task { [self] in
                    try? await Task.sleep(nanoseconds: UInt64(max(0, deadline - MonotonicClock.now) * 1e9))
                    cancelWaiter(id)
                })
            }
            timer.cancel()
            return admitted
        }
    }

    private enum Admission { case admitted, refused, mayWait(UInt64) }

    /// A slot now if one is free; else a waiter id if the queue has room.
    private func admitNow() -> Admission {
        lock.lock()
        defer { lock.unlock() }
        if running < limit {
            running += 1
            return .admitted
        }
        guard waiting.count < maxWaiting else { return .refused }
        nextID += 1
        return .mayWait(nextID)
    }

    /// Queues a waiter, or admits it at once (resuming it) if a slot freed meanwhile; true when queued.
    private func enqueue(_ id: UInt64, _ c: CheckedContinuation<Bool, Never>) -> Bool {
        lock.lock()
        if running < limit {
            running += 1
            lock.unlock()
            c.resume(returning: true)
            return false
        }
        waiting.append((id, c))
        lock.unlock()
        return true
    }

    /// Frees a slot, handing it straight to the longest waiter if there is one.
    func leave() {
        lock.lock()
        if waiting.isEmpty {
            running -= 1
            lock.unlock()
        } else {
            let next = waiting.removeFirst()
            lock.unlock()
            next.continuation.resume(returning: true)
        }
    }

    /// Gives up a waiter whose deadline passed (no-op if it was already admitted).
    private func cancelWaiter(_ id: UInt64) {
        lock.lock()
        guard let i = waiting.firstIndex(where: { $0.id == id }) else {
            lock.unlock()
            return
        }
        let w = waiting.remove(at: i)
        lock.unlock()
        w.continuation.resume(returning: false)
    }
}

/// The expiry task of one waiter, cancelled once the waiter is admitted.
private final class TimerBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<Void, Never>?
    private var cancelled = false

    func set(_ t: Task<Void, Never>) {
        lock.lock()
        if cancelled { t.cancel() } else { task = t }
        lock.unlock()
    }

    func cancel() {
        lock.lock()
        cancelled = true
        task?.cancel()
        lock.unlock()
    }
}
