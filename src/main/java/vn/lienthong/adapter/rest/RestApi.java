package vn.lienthong.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.flow.Mailbox;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.registry.Accounts;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Audit;
import vn.lienthong.tracking.TraceQuery;
import vn.lienthong.validation.Finding;

/**
 * The REST/JSON adapter (routes/rest-api.yaml): an agency's system submits packages, lists and
 * fetches what was put into its hands, posts statuses and reads a document's history. Every call is
 * authenticated by the agency's token ({@code Authorization: Bearer …}), can act only as that agency
 * (R20), and is written to the audit log.
 */
public final class RestApi {
    public static final String NAME = "rest";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String RESPONSE = "ltResponse";

    private final Intake intake;
    private final Mailbox mailbox;
    private final Accounts accounts;
    private final AgencyRegistry registry;
    private final Audit audit;
    private final TraceQuery trace;
    private final Path work;
    private final Clock clock;

    public RestApi(Intake intake, Mailbox mailbox, Accounts accounts, AgencyRegistry registry, Audit audit, TraceQuery trace,
                   Path work, Clock clock) {
        this.intake = intake;
        this.mailbox = mailbox;
        this.accounts = accounts;
        this.registry = registry;
        this.audit = audit;
        this.trace = trace;
        this.work = work;
        this.clock = clock;
    }

    /** POST /api/v1/documents — the body is an edXML package (document or status); answered 202 once it is durable. */
    public void submit(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "submit");
        if (agency.isEmpty()) return;
        byte[] body = ex.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            stop(ex, 400, Map.of("error", "empty body: send the edXML package (Content-Type: application/xml)"));
            return;
        }
        String name = Optional.ofNullable(ex.getMessage().getHeader("X-File-Name", String.class)).orElse("rest-" + UUID.randomUUID() + ".edxml");
        handIn(ex, agency.get(), name, body, "submit");
    }

    /** POST /api/v1/documents/{id}/status — JSON {"code": "03", "description": "...", "staff": "..."} about a received document. */
    @SuppressWarnings("unchecked")
    public void postStatus(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "status");
        if (agency.isEmpty()) return;
        long id = ex.getMessage().getHeader("id", Long.class);
        Optional<Mailbox.Entry> entry = mailbox.list(agency.get(), "DOCUMENT", true).stream().filter(e -> e.id() == id).findFirst();
        if (entry.isEmpty()) {
            deny(ex, agency.get(), "status", "mailbox " + id, 404, "no such document in your mailbox");
            return;
        }
        Map<String, Object> req = JSON.readValue(ex.getMessage().getBody(byte[].class), Map.class);
        String code = String.valueOf(req.getOrDefault("code", ""));
        String description = String.valueOf(req.getOrDefault("description", ""));
        Mailbox.Entry e = entry.get();
        String name = registry.find(agency.get()).map(a -> a.name()).orElse(agency.get());
        var out = new ByteArrayOutputStream();
        new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId(agency.get(), name),
                new ResponseFor(e.sender(), null, null, e.documentId()), null, code, description,
                VietnamTime.formatEdxml(VietnamTime.now(clock))), out);
        handIn(ex, agency.get(), "status-" + code + "-" + id + "-" + UUID.randomUUID() + ".edxml", out.toByteArray(), "status " + code);
    }

    private void handIn(Exchange ex, String agency, String name, byte[] body, String action) throws IOException {
        Files.createDirectories(work);
        Path file = Files.write(work.resolve(UUID.randomUUID() + ".edxml"), body);
        try {
            Inbound in = intake.take(file, name, NAME, agency, name + "|" + UUID.randomUUID());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("intakeKey", in.intakeKey());
            answer.put("outcome", in.refused() ? "refused" : "accepted");
            answer.put("documentId", in.documentId());
            answer.put("receivedAt", in.receivedAt());
            answer.put("legalValue", in.legalValue());
            answer.put("reasons", in.refusals().stream().map(Finding::sentence).toList());
            answer.put("warnings", in.warnings().stream().map(Finding::sentence).toList());
            audit.record(agency, NAME, action, in.documentId(), in.refused() ? "REFUSED" : "ALLOWED", remote(ex), name);
            Message m = ex.getMessage();
            m.removeHeaders("*");
            m.setHeader(Headers.DUPLICATE_ID, "in:" + in.intakeKey());
            ex.setProperty(RESPONSE, JSON.writeValueAsBytes(answer));
            m.setBody(in.toJson());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** After the inbound queue has the package: the answer to the client. */
    public void answer(Exchange ex) {
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        m.setBody(ex.getProperty(RESPONSE, byte[].class));
    }

    /** GET /api/v1/documents?box=inbox|status&all=true — what waits in the agency's mailbox. */
    public void list(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "list");
        if (agency.isEmpty()) return;
        String box = ex.getMessage().getHeader("box", "inbox", String.class);
        boolean all = Boolean.parseBoolean(ex.getMessage().getHeader("all", "false", String.class));
        List<Mailbox.Entry> entries = mailbox.list(agency.get(), "status".equals(box) ? "STATUS" : "DOCUMENT", all);
        audit.record(agency.get(), NAME, "list " + box, null, "ALLOWED", remote(ex), entries.size() + " entries");
        ok(ex, "application/json; charset=utf-8", JSON.writeValueAsBytes(entries));
    }

    /** GET /api/v1/documents/{id} — the package itself, only from the agency's own mailbox. */
    public void fetch(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "fetch");
        if (agency.isEmpty()) return;
        long id = ex.getMessage().getHeader("id", Long.class);
        Optional<Path> file = mailbox.fetch(agency.get(), id);
        if (file.isEmpty()) {
            deny(ex, agency.get(), "fetch", "mailbox " + id, 404, "no such document in your mailbox");
            return;
        }
        audit.record(agency.get(), NAME, "fetch", "mailbox " + id, "ALLOWED", remote(ex), null);
        ok(ex, "application/xml; charset=utf-8", Files.readAllBytes(file.get()));
    }

    /** GET /api/v1/history?sender=…&documentId=… — a document's history, for its sender and its receivers only. */
    public void history(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "history");
        if (agency.isEmpty()) return;
        String documentId = ex.getMessage().getHeader("documentId", String.class);
        String sender = ex.getMessage().getHeader("sender", agency.get(), String.class);
        if (documentId == null || !mailbox.concerns(agency.get(), sender, documentId)) {
            deny(ex, agency.get(), "history", documentId, 404, "no such document among yours");
            return;
        }
        List<Map<String, Object>> events = trace.of(documentId).stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", VietnamTime.iso(e.at()));
            m.put("event", e.what());
            m.put("agency", e.agency());
            m.put("detail", e.detail());
            return m;
        }).toList();
        audit.record(agency.get(), NAME, "history", documentId, "ALLOWED", remote(ex), null);
        ok(ex, "application/json; charset=utf-8", JSON.writeValueAsBytes(events));
    }

    /** GET /api/v1/openapi.json */
    public void openapi(Exchange ex) throws IOException {
        ok(ex, "application/json; charset=utf-8", Files.readAllBytes(Path.of(ex.getContext().resolvePropertyPlaceholders("{{lienthong.schemas}}"))
                .resolve("openapi.json")));
    }

    private Optional<String> authenticate(Exchange ex, String action) {
        String auth = ex.getMessage().getHeader("Authorization", String.class);
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7) : null;
        Optional<String> agency = accounts.agencyForToken(token);
        if (agency.isEmpty()) {
            audit.record(null, NAME, action, null, "DENIED", remote(ex), token == null ? "no token" : "unknown token");
            stop(ex, 401, Map.of("error", "missing or unknown token (Authorization: Bearer <token>)"));
        }
        return agency;
    }

    private void deny(Exchange ex, String agency, String action, String target, int status, String why) {
        audit.record(agency, NAME, action, target, "DENIED", remote(ex), why);
        stop(ex, status, Map.of("error", why));
    }

    private static void ok(Exchange ex, String type, byte[] body) {
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, type);
        m.setBody(body);
    }

    private static void stop(Exchange ex, int status, Map<String, ?> body) {
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        try {
            m.setBody(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            m.setBody("{}");
        }
        ex.setRouteStop(true);
    }

    private static String remote(Exchange ex) {
        Object r = ex.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        return r == null ? null : r.toString();
    }
}
