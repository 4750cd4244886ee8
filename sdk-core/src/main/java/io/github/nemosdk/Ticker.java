package io.github.nemosdk;

/**
 * The monotonic time source of every deadline the SDK keeps itself: a chat turn's idle, heartbeat-only and total
 * timeouts, the "still working" interval, a response body's deadline and a download's stall and progress checks.
 * The default reads {@link System#nanoTime()}; tests inject one they advance by hand, so a deadline passes when the
 * test says so rather than after real time. (The time the JDK's HTTP client waits for response headers, set by
 * {@code requestTimeout}, is its own and not read through this.)
 */
@FunctionalInterface
public interface Ticker {
    /**
     * The current time in nanoseconds, on an arbitrary origin: only differences between two readings mean something.
     *
     * @return the time
     */
    long nanoTime();

    /**
     * The default ticker: {@link System#nanoTime()}.
     *
     * @return the system ticker
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
