package vn.lienthong.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard logins (R20): a random 256-bit session id per login, valid for a fixed time, kept in
 * memory (a restart logs everyone out). The id travels in an HttpOnly, SameSite=Strict cookie.
 */
public final class Sessions {
    public static final String COOKIE = "lienthong_dashboard";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A logged-in operator. */
    public record Session(String id, String username, String name, Instant expires) { }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    public Sessions(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    private static final int MAX_FAILURES = 5;
    private static final Duration LOCK = Duration.ofMinutes(15);
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant first) { }

    /** Whether a username has had too many failed logins in the last 15 minutes (password guessing). */
    public boolean locked(String username) {
        Failures f = failures.get(username);
        if (f == null) return false;
        if (f.first().plus(LOCK).isBefore(clock.instant())) {
            failures.remove(username);
            return false;
        }
        return f.count() >= MAX_FAILURES;
    }

    public void failed(String username) {
        Instant now = clock.instant();
        if (failures.size() > 10_000) failures.values().removeIf(f -> f.first().plus(LOCK).isBefore(now));
        failures.merge(username, new Failures(1, now), (a, b) -> a.first().plus(LOCK).isBefore(now) ? b : new Failures(a.count() + 1, a.first()));
    }

    public void succeeded(String username) {
        failures.remove(username);
    }

    public Session open(String username, String name) {
        Instant now = clock.instant();
        byId.values().removeIf(s -> !s.expires().isAfter(now));
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(id), username, name, now.plus(lifetime));
        byId.put(s.id(), s);
        return s;
    }

    /** The live session named in a Cookie header, if any. */
    public Optional<Session> fromCookieHeader(String cookieHeader) {
        String id = cookieValue(cookieHeader);
        if (id == null) return Optional.empty();
        Session s = byId.get(id);
        if (s == null) return Optional.empty();
        if (!s.expires().isAfter(clock.instant())) {
            byId.remove(id);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void close(String cookieHeader) {
        String id = cookieValue(cookieHeader);
        if (id != null) byId.remove(id);
    }

    /** The Set-Cookie value that hands the session to the browser. */
    public String cookie(Session s) {
        return COOKIE + "=" + s.id() + "; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=" + lifetime.toSeconds();
    }

    /** The Set-Cookie value that removes it. */
    public static String clearedCookie() {
        return COOKIE + "=; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    static String cookieValue(String header) {
        if (header == null) return null;
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) return p.substring(COOKIE.length() + 1);
        }
        return null;
    }
}
