package vn.lienthong.axis;

import java.util.concurrent.ThreadLocalRandom;
import vn.lienthong.config.Settings;

/**
 * Exponential backoff with jitter (R18): the wait before attempt {@code n+1} is
 * {@code initial × multiplier^(n-1)}, at most {@code max}, spread at random by ±{@code jitter}
 * (a fraction), so that gateways coming back together do not all retry in the same instant.
 */
public record Backoff(long initialMs, double multiplier, long maxMs, double jitter) {
    public Backoff {
        if (initialMs < 0 || maxMs < 0 || multiplier < 1 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("axis retry settings: initial/max ≥ 0, multiplier ≥ 1, 0 ≤ jitter ≤ 1");
        }
    }

    public static Backoff of(Settings.Axis s) {
        return new Backoff(s.retryInitialMs(), s.retryMultiplier(), s.retryMaxMs(), s.retryJitter());
    }

    /** The base wait after {@code failures} failed attempts (1 = after the first), before jitter. */
    public long baseMs(int failures) {
        double d = initialMs * Math.pow(multiplier, Math.max(0, failures - 1));
        return (long) Math.min(maxMs, d);
    }

    /** The wait after {@code failures} failed attempts, with jitter. */
    public long delayMs(int failures) {
        long base = baseMs(failures);
        if (jitter == 0 || base == 0) return base;
        double spread = (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
        return Math.max(0, Math.round(base * (1 + spread)));
    }
}
