package vn.lienthong.adapter.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.deadletter.DeadLetters;
import vn.lienthong.registry.Accounts;
import vn.lienthong.tracking.Audit;

/**
 * The operators' dead-letter API on the gateway's HTTP port (routes/admin.yaml), what
 * {@code bin/lienthong dlq} calls: {@code Authorization: Bearer <operator token>} (credentials file,
 * {@code operators:}), every call audited.
 *
 * <pre>
 *   GET  /admin/dlq                 list
 *   GET  /admin/dlq/{id}            show
 *   POST /admin/dlq/{id}/replay     put back on the queue it came from ({id} = all: every dead letter)
 *   POST /admin/dlq/{id}/discard    remove for good
 * </pre>
 */
public final class DeadLetterApi {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final DeadLetters deadLetters;
    private final Accounts accounts;
    private final Audit audit;

    public DeadLetterApi(DeadLetters deadLetters, Accounts accounts, Audit audit) {
        this.deadLetters = deadLetters;
        this.accounts = accounts;
        this.audit = audit;
    }

    public void handle(Exchange ex) throws Exception {
        Message m = ex.getMessage();
        String remote = remote(ex);
        String auth = m.getHeader("Authorization", String.class);
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        Optional<String> operator = accounts.operatorForToken(token);
        String path = m.getHeader(Exchange.HTTP_URI, "", String.class).replaceFirst("\\?.*$", "").replaceFirst("^.*?/admin/dlq", "");
        String method = m.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        if (operator.isEmpty()) {
            audit.record(null, "admin", "dlq " + method + " " + path, null, "DENIED", remote, token == null ? "no token" : "unknown token");
            reply(m, 401, Map.of("error", "missing or unknown operator token (Authorization: Bearer <token>)"));
            return;
        }
        String who = operator.get();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        try {
            if ("GET".equals(method) && path.replace("/", "").isEmpty()) {
                reply(m, 200, deadLetters.list(who, remote));
            } else if ("GET".equals(method) && parts.length == 1) {
                Optional<DeadLetters.Details> d = deadLetters.show(who, parts[0], remote);
                if (d.isPresent()) reply(m, 200, d.get());
                else reply(m, 404, Map.of("error", "no dead letter " + parts[0]));
            } else if ("POST".equals(method) && parts.length == 2 && parts[1].equals("replay")) {
                DeadLetters.Outcome o = deadLetters.replay(who, parts[0].equals("all") ? null : parts[0], remote);
                reply(m, o.detail() == null ? 200 : o.ids().isEmpty() ? 404 : 207, o);
            } else if ("POST".equals(method) && parts.length == 2 && parts[1].equals("discard")) {
                DeadLetters.Outcome o = deadLetters.discard(who, parts[0], remote);
                reply(m, o.detail() == null ? 200 : 404, o);
            } else {
                reply(m, 404, Map.of("error", "unknown: " + method + " /admin/dlq" + path));
            }
        } catch (IllegalArgumentException e) {
            reply(m, 400, Map.of("error", e.getMessage()));
        }
    }

    private static void reply(Message m, int status, Object body) throws Exception {
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        m.setBody(JSON.writeValueAsBytes(body));
    }

    private static String remote(Exchange ex) {
        Object r = ex.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        return r == null ? null : r.toString();
    }
}
