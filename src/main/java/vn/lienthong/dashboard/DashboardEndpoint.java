package vn.lienthong.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.registry.Operators;
import vn.lienthong.tracking.Audit;

/**
 * The dashboard's HTTP edge (routes/dashboard.yaml): login form, session cookie, the page and its
 * static files (shipped in the jar under {@code /dashboard/}), and the JSON data endpoints, which all
 * refuse without a live session. Every login, failed login and logout is written to the audit log (R20).
 */
public final class DashboardEndpoint {
    public static final String ADAPTER = "dashboard";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, byte[]> RESOURCES = new ConcurrentHashMap<>();
    private static final Set<String> ASSETS = Set.of("dashboard.css", "dashboard.js");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final DashboardData data;
    private final Operators operators;
    private final Sessions sessions;
    private final Audit audit;

    public DashboardEndpoint(DashboardData data, Operators operators, Sessions sessions, Audit audit) {
        this.data = data;
        this.operators = operators;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** GET /dashboard — the page, or off to the login form. */
    public void page(Exchange ex) throws IOException {
        if (session(ex).isEmpty()) {
            redirect(ex, "/dashboard/login", null);
            return;
        }
        respond(ex, 200, "text/html; charset=utf-8", resource("index.html"));
    }

    /** GET /dashboard/login */
    public void loginForm(Exchange ex) throws IOException {
        if (session(ex).isPresent()) {
            redirect(ex, "/dashboard", null);
            return;
        }
        respond(ex, 200, "text/html; charset=utf-8", loginPage(""));
    }

    /** POST /dashboard/login (form: username, password). */
    public void login(Exchange ex) throws IOException {
        Map<String, String> form = form(ex);
        String username = form.getOrDefault("username", "").strip();
        String password = form.getOrDefault("password", "");
        String remote = remote(ex);
        if (sessions.locked(username)) {
            audit.record(null, ADAPTER, "login", username, "DENIED", remote, "too many failed logins; locked for a while");
            respond(ex, 429, "text/html; charset=utf-8",
                    loginPage("Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút. / Too many failed logins: try again in 15 minutes."));
            return;
        }
        Optional<Operators.Operator> who = operators.check(username, password.toCharArray());
        if (who.isEmpty()) {
            sessions.failed(username);
            audit.record(null, ADAPTER, "login", username, "DENIED", remote, "wrong username or password");
            respond(ex, 401, "text/html; charset=utf-8",
                    loginPage("Tên đăng nhập hoặc mật khẩu không đúng. / Wrong username or password."));
            return;
        }
        sessions.succeeded(username);
        Sessions.Session s = sessions.open(who.get().username(), who.get().name());
        audit.record(null, ADAPTER, "login", username, "ALLOWED", remote, null);
        redirect(ex, "/dashboard", sessions.cookie(s));
    }

    /** POST /dashboard/logout */
    public void logout(Exchange ex) {
        String cookie = ex.getMessage().getHeader("Cookie", String.class);
        session(ex).ifPresent(s -> audit.record(null, ADAPTER, "logout", s.username(), "ALLOWED", remote(ex), null));
        sessions.close(cookie);
        redirect(ex, "/dashboard/login", Sessions.clearedCookie());
    }

    /** GET /dashboard/static/{file} — the page's CSS and JS (no data in them). */
    public void asset(Exchange ex) throws IOException {
        String file = ex.getMessage().getHeader("file", String.class);
        if (file == null || !ASSETS.contains(file)) {
            respond(ex, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        respond(ex, 200, file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", resource(file));
    }

    /** GET /dashboard/api/me — who is logged in. */
    public void me(Exchange ex) throws IOException {
        Optional<Sessions.Session> s = requireSession(ex);
        if (s.isEmpty()) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", s.get().username());
        m.put("name", s.get().name());
        m.put("expires", vn.lienthong.time.VietnamTime.iso(s.get().expires()));
        json(ex, m);
    }

    /** GET /dashboard/api/flows — today's documents per agency. */
    public void flows(Exchange ex) throws IOException {
        if (requireSession(ex).isPresent()) json(ex, data.flowsToday());
    }

    /** GET /dashboard/api/queues — messages waiting on each queue. */
    public void queues(Exchange ex) throws IOException {
        if (requireSession(ex).isPresent()) json(ex, data.queues());
    }

    /** GET /dashboard/api/refusals — the latest refusals. */
    public void refusals(Exchange ex) throws IOException {
        if (requireSession(ex).isPresent()) json(ex, data.recentRefusals(50));
    }

    /** GET /dashboard/api/stuck — documents held in a non-final status too long. */
    public void stuck(Exchange ex) throws IOException {
        if (requireSession(ex).isEmpty()) return;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stuckAfter", data.stuckAfter());
        m.put("documents", data.stuck());
        json(ex, m);
    }

    /** GET /dashboard/api/documents?q=… — search by document id, subject or number/notation. */
    public void documents(Exchange ex) throws IOException {
        if (requireSession(ex).isEmpty()) return;
        json(ex, data.search(ex.getMessage().getHeader("q", "", String.class), 50));
    }

    /** GET /dashboard/api/trace?documentId=… — a document's history as a timeline. */
    public void trace(Exchange ex) throws IOException {
        if (requireSession(ex).isEmpty()) return;
        String id = ex.getMessage().getHeader("documentId", String.class);
        if (id == null || id.isBlank()) {
            respond(ex, 400, "application/json; charset=utf-8", JSON.writeValueAsBytes(Map.of("error", "documentId is required")));
            return;
        }
        json(ex, data.timeline(id.strip()));
    }

    private Optional<Sessions.Session> session(Exchange ex) {
        return sessions.fromCookieHeader(ex.getMessage().getHeader("Cookie", String.class));
    }

    private Optional<Sessions.Session> requireSession(Exchange ex) throws IOException {
        Optional<Sessions.Session> s = session(ex);
        if (s.isEmpty()) {
            respond(ex, 401, "application/json; charset=utf-8", JSON.writeValueAsBytes(
                    Map.of("error", "chưa đăng nhập / not logged in", "login", "/dashboard/login")));
        }
        return s;
    }

    private void json(Exchange ex, Object body) throws IOException {
        respond(ex, 200, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    private static byte[] loginPage(String error) throws IOException {
        String html = new String(resource("login.html"), StandardCharsets.UTF_8);
        return html.replace("{{error}}", escape(error)).getBytes(StandardCharsets.UTF_8);
    }

    /** The page's files as read from the jar, once each. */
    private static byte[] resource(String name) throws IOException {
        byte[] cached = RESOURCES.get(name);
        if (cached != null) return cached;
        byte[] read = readResource(name);
        RESOURCES.putIfAbsent(name, read);
        return read;
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = DashboardEndpoint.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) throw new IOException("missing resource /dashboard/" + name);
            return in.readAllBytes();
        }
    }

    /** The form fields: Vert.x may have put them into headers already; otherwise the url-encoded body. */
    private static Map<String, String> form(Exchange ex) {
        Map<String, String> out = new HashMap<>();
        String body = ex.getMessage().getBody(String.class);
        if (body != null && !body.isBlank()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) continue;
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8));
            }
        }
        for (String field : new String[] {"username", "password"}) {
            Object h = ex.getMessage().getHeader(field);
            if (!out.containsKey(field) && h != null) out.put(field, h.toString());
        }
        return out;
    }

    private static void redirect(Exchange ex, String location, String setCookie) {
        Message m = reset(ex, 303);
        m.setHeader("Location", location);
        if (setCookie != null) m.setHeader("Set-Cookie", setCookie);
        m.setBody(new byte[0]);
    }

    private static void respond(Exchange ex, int status, String type, byte[] body) {
        Message m = reset(ex, status);
        m.setHeader(Exchange.CONTENT_TYPE, type);
        m.setBody(body);
    }

    private static Message reset(Exchange ex, int status) {
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader("Cache-Control", "no-store");
        m.setHeader("X-Content-Type-Options", "nosniff");
        m.setHeader("X-Frame-Options", "DENY");
        m.setHeader("Referrer-Policy", "no-referrer");
        m.setHeader("Content-Security-Policy", CSP);
        return m;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String remote(Exchange ex) {
        Object r = ex.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        return r == null ? null : r.toString();
    }
}
