package vn.lienthong.axis;

/**
 * A call to the national axis that did not succeed, with what kind of failure it was and whether a
 * later attempt may succeed (R18: retried with backoff; a permanent failure is dead-lettered at once).
 *
 * <table>
 *   <caption>Failure behaviour</caption>
 *   <tr><th>kind</th><th>what happened</th><th>retried?</th></tr>
 *   <tr><td>UNREACHABLE</td><td>connection refused, DNS, reset, TLS failure</td><td>yes</td></tr>
 *   <tr><td>TIMEOUT</td><td>no connection or no answer within the configured timeouts</td><td>yes</td></tr>
 *   <tr><td>SERVER_ERROR</td><td>HTTP 5xx, 408 or 429</td><td>yes</td></tr>
 *   <tr><td>MALFORMED</td><td>the answer is not JSON, or lacks status/ErrorCode/ErrorDesc (or DocId, data)</td><td>yes</td></tr>
 *   <tr><td>CLIENT_ERROR</td><td>HTTP 4xx other than 408/429 (wrong endpoint path, proxy refusal)</td><td>no</td></tr>
 *   <tr><td>AUTH_REFUSED</td><td>the axis refused our HMAC (FAIL with 401/403 or an authentication message)</td><td>no</td></tr>
 *   <tr><td>REFUSED</td><td>the axis answered FAIL for the package itself (e.g. unknown receiver)</td><td>no</td></tr>
 * </table>
 */
public final class AxisException extends Exception {
    public enum Kind {
        UNREACHABLE(true), TIMEOUT(true), SERVER_ERROR(true), MALFORMED(true), CLIENT_ERROR(false), AUTH_REFUSED(false), REFUSED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public AxisException(Kind kind, String message) {
        super(kind + ": " + message);
        this.kind = kind;
    }

    public AxisException(Kind kind, String message, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
