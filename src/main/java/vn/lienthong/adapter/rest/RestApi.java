package vn.lienthong.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.adapter.AgencyService;
import vn.lienthong.adapter.AgencyService.Caller;
import vn.lienthong.adapter.AgencyService.Denied;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Mailbox;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.Finding;

/**
 * The REST/JSON adapter (routes/rest-api.yaml): an agency's system submits packages, lists and
 * fetches what was put into its hands, posts statuses and reads a document's history. Every call is
 * authenticated by the agency's token ({@code Authorization: Bearer …}), can act only as that agency
 * (R20), and is written to the audit log. The operations themselves are {@link AgencyService}'s
 * (shared with the SOAP adapter); this bean maps HTTP and JSON to them.
 */
public final class RestApi {
    public static final String NAME = "rest";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String RESPONSE = "ltResponse";

    private final AgencyService agencies;

    public RestApi(AgencyService agencies) {
        this.agencies = agencies;
    }

    /** POST /api/v1/documents — the body is an edXML package (document or status); answered 202 once it is durable. */
    public void submit(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "submit");
            byte[] body = ex.getMessage().getBody(byte[].class);
            if (body == null || body.length == 0) {
                stop(ex, 400, Map.of("error", "empty body: send the edXML package (Content-Type: application/xml)"));
                return;
            }
            String name = ex.getMessage().getHeader("X-File-Name", String.class);
            handedIn(ex, agencies.handIn(caller, name, new ByteArrayInputStream(body), "submit"));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /** POST /api/v1/documents/{id}/status — JSON {"code": "03", "description": "..."} about a received document. */
    @SuppressWarnings("unchecked")
    public void postStatus(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "status");
            long id = ex.getMessage().getHeader("id", Long.class);
            byte[] body = ex.getMessage().getBody(byte[].class);
            Map<String, Object> req = body == null || body.length == 0 ? Map.of() : JSON.readValue(body, Map.class);
            String code = String.valueOf(req.getOrDefault("code", ""));
            String description = String.valueOf(req.getOrDefault("description", ""));
            handedIn(ex, agencies.reportOnReceived(caller, id, code, description));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    private void handedIn(Exchange ex, Inbound in) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("intakeKey", in.intakeKey());
        answer.put("outcome", in.refused() ? "refused" : "accepted");
        answer.put("documentId", in.documentId());
        answer.put("receivedAt", in.receivedAt());
        answer.put("legalValue", in.legalValue());
        answer.put("reasons", in.refusals().stream().map(Finding::sentence).toList());
        answer.put("warnings", in.warnings().stream().map(Finding::sentence).toList());
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Headers.DUPLICATE_ID, "in:" + in.intakeKey());
        ex.setProperty(RESPONSE, JSON.writeValueAsBytes(answer));
        m.setBody(in.toJson());
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
        try {
            Caller caller = authenticate(ex, "list");
            String box = ex.getMessage().getHeader("box", "inbox", String.class);
            boolean all = Boolean.parseBoolean(ex.getMessage().getHeader("all", "false", String.class));
            List<Mailbox.Entry> entries = agencies.list(caller, box, all);
            ok(ex, "application/json; charset=utf-8", JSON.writeValueAsBytes(entries));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /** GET /api/v1/documents/{id} — the package itself, only from the agency's own mailbox. */
    public void fetch(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "fetch");
            Path file = agencies.fetch(caller, ex.getMessage().getHeader("id", Long.class));
            ok(ex, "application/xml; charset=utf-8", Files.readAllBytes(file));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /** GET /api/v1/history?sender=…&documentId=… — a document's history, for its sender and its receivers only. */
    public void history(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "history");
            List<Map<String, Object>> events = agencies.history(caller, ex.getMessage().getHeader("sender", String.class),
                    ex.getMessage().getHeader("documentId", String.class)).stream().map(e -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("at", VietnamTime.iso(e.at()));
                        m.put("event", e.what());
                        m.put("agency", e.agency());
                        m.put("detail", e.detail());
                        return m;
                    }).toList();
            ok(ex, "application/json; charset=utf-8", JSON.writeValueAsBytes(events));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /** GET /api/v1/openapi.json */
    public void openapi(Exchange ex) throws IOException {
        ok(ex, "application/json; charset=utf-8", Files.readAllBytes(Path.of(ex.getContext().resolvePropertyPlaceholders("{{lienthong.schemas}}"))
                .resolve("openapi.json")));
    }

    private Caller authenticate(Exchange ex, String action) throws Denied {
        return agencies.authenticate(NAME, action, ex.getMessage().getHeader("Authorization", String.class), remote(ex));
    }

    private static void refuse(Exchange ex, Denied d) {
        int status = switch (d.kind()) {
            case UNAUTHENTICATED -> 401;
            case NOT_FOUND -> 404;
            case BAD_REQUEST -> 400;
        };
        stop(ex, status, Map.of("error", d.english()));
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
