import Foundation

/// Seconds on a monotonic clock (not wall time), for deadlines, rate limits and latencies.
public enum MonotonicClock {
    /// Now, in seconds since an arbitrary fixed point.
    public static var now: Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
