package vn.lienthong.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.adapter.AgencyService;
import vn.lienthong.adapter.AgencyService.Caller;
import vn.lienthong.adapter.AgencyService.Denied;
import vn.lienthong.edxml.PackageBuilder;
import vn.lienthong.flow.Inbound;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * The REST/JSON adapter (routes/rest-api.yaml): an agency's system submits packages (raw edXML, or
 * JSON metadata + files from which the gateway builds the package: {@link DocumentMetadata},
 * {@link FormSubmission}), lists and fetches what was put into its hands, posts statuses (R3, R5)
 * and reads a document's history (R16). This class maps HTTP and JSON onto {@link AgencyService},
 * which does the work: every call is authenticated by the agency's registered TLS client certificate
 * ({@link GatewayHttpServer}) or its token ({@code Authorization: Bearer …}), can act only as that
 * agency (R20), and is written to the audit log with the way it was authenticated.
 */
public final class RestApi {
    /** Room left in a form's package for its XML (metadata, headers) besides the base64 files. */
    private static final long FORM_XML_ALLOWANCE = 64 * 1024;
    public static final String NAME = "rest";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String RESPONSE = "ltResponse";

    private final AgencyService agencies;
    private final AgencyRegistry registry;
    private long maxPackageBytes = 512L * 1024 * 1024;

    /** @param registry for the form submission: the metadata's agencies and the sender's name */
    public RestApi(AgencyService agencies, AgencyRegistry registry) {
        this.agencies = agencies;
        this.registry = registry;
    }

    /** The largest package the gateway accepts (validation.max-package-bytes): files submitted as a form must fit in one. */
    public RestApi maxPackageBytes(long bytes) {
        this.maxPackageBytes = bytes;
        return this;
    }

    /**
     * POST /api/v1/documents — the body is an edXML package (document or status), or, as multipart/form-data, a JSON
     * {@code metadata} part and the files from which the gateway builds the package; answered 202 once it is durable.
     */
    public void submit(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "submit");
            String type = ex.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/form-data")) {
                submitForm(ex, caller);
                return;
            }
            byte[] body = ex.getMessage().getBody(byte[].class);
            handedIn(ex, agencies.handIn(caller, ex.getMessage().getHeader("X-File-Name", String.class),
                    new ByteArrayInputStream(body == null ? new byte[0] : body), "submit"));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /**
     * The JSON + files form of a submission: the metadata is checked against the published schema (every bad field
     * refused at once, 400), the package is built with the agency as From and handed in like raw edXML.
     */
    private void submitForm(Exchange ex, Caller caller) throws IOException, Denied {
        FormSubmission form = FormSubmission.of(ex);
        List<DocumentMetadata.FieldError> errors = new ArrayList<>(form.problems());
        DocumentMetadata meta = null;
        if (form.metadata() != null) {
            meta = DocumentMetadata.parse(form.metadata(), registry);
            errors.addAll(meta.errors());
        }
        long total = form.files().stream().mapToLong(PackageBuilder.File::size).sum();
        // base64 makes the files a third larger in the package; the package must stay within validation.max-package-bytes
        if (total / 3 * 4 + FORM_XML_ALLOWANCE > maxPackageBytes) {
            refuseForm(ex, caller, 413, List.of(new DocumentMetadata.FieldError("files", Finding.of(ReasonCode.XML_TOO_LARGE,
                    "files: " + total + " bytes; the package may not exceed " + maxPackageBytes + " bytes (validation.max-package-bytes),"
                            + " so the files together at most about " + (maxPackageBytes - FORM_XML_ALLOWANCE) / 4 * 3 + " bytes"))));
            return;
        }
        if (!errors.isEmpty()) {
            refuseForm(ex, caller, 400, errors);
            return;
        }
        PackageBuilder builder = meta.toBuilder(registry.find(caller.agency()).orElseThrow(), registry);
        form.files().forEach(builder::attach);
        Path file = builder.writeTo(agencies.workFile("rest-form"));
        String name = "rest-" + meta.documentId(caller.agency()).replaceAll("[^0-9A-Za-z.-]", "_") + ".edxml";
        handedIn(ex, agencies.handIn(caller, name, file, "submit form"));
    }

    private void refuseForm(Exchange ex, Caller caller, int status, List<DocumentMetadata.FieldError> errors) {
        agencies.refused(caller, "submit form", null, String.join("; ", errors.stream().map(e -> e.finding().sentence()).toList()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "refused");
        body.put("error", "Văn bản chưa được nhận: xem từng lý do / The document was not accepted: see each reason");
        body.put("reasons", errors.stream().map(DocumentMetadata.FieldError::toJson).toList());
        stop(ex, status, body);
    }

    /**
     * POST /api/v1/documents/{id}/status — JSON {"code": "03", "description": "..."} about a document received in the mailbox:
     * 02 (refused, with the reason), 03 accepted, 04 assigned, 05 in progress, 06 completed (R3), 15 / 16 agreeing to or refusing a
     * recall, update, replacement or take-back (R5). Relayed to the sender once the state machine allows it.
     */
    public void postStatus(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "status");
            long id = ex.getMessage().getHeader("id", Long.class);
            Map<String, Object> req = statusRequest(ex, caller);
            if (req == null) return;
            handedIn(ex, agencies.reportOnReceived(caller, id, text(req.get("code")), text(req.get("description"))));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /**
     * POST /api/v1/statuses — JSON {"documentId": "...", "sender": "...", "code": "13", "description": "..."}: a status by
     * document id; the sender's take-back request 13 (lấy lại, R5) about its own document ({@code sender} defaults to the
     * caller), or a receiver's 02–06, 15, 16 about a document it received.
     */
    public void postStatusById(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "status");
            Map<String, Object> req = statusRequest(ex, caller);
            if (req == null) return;
            handedIn(ex, agencies.reportByDocument(caller, text(req.get("sender")), text(req.get("documentId")), text(req.get("code")),
                    text(req.get("description"))));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /** The JSON body of a status request, or null when it is not JSON (refused, 400 E120). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> statusRequest(Exchange ex, Caller caller) {
        Map<String, Object> req;
        try {
            byte[] body = ex.getMessage().getBody(byte[].class);
            req = body == null || body.length == 0 ? null : JSON.readValue(body, Map.class);
        } catch (IOException e) {
            req = null;
        }
        if (req == null) {
            Finding why = Finding.of(ReasonCode.METADATA_NOT_JSON, "{\"code\": \"03\", \"description\": \"…\"}");
            agencies.refused(caller, "status", null, why.sentence());
            refuseField(ex, why);
        }
        return req;
    }

    private static String text(Object v) {
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).strip();
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
            ok(ex, "application/json; charset=utf-8", JSON.writeValueAsBytes(agencies.list(caller, box, all)));
        } catch (Denied d) {
            refuse(ex, d);
        }
    }

    /** GET /api/v1/documents/{id} — the package itself, only from the agency's own mailbox. */
    public void fetch(Exchange ex) throws IOException {
        try {
            Caller caller = authenticate(ex, "fetch");
            ok(ex, "application/xml; charset=utf-8", Files.readAllBytes(agencies.fetch(caller, ex.getMessage().getHeader("id", Long.class))));
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

    /**
     * Who calls (R20): the agency whose registered TLS client certificate the connection presented, else the agency of the
     * token. The certificate header is taken off the message (it never reaches a queue).
     */
    private Caller authenticate(Exchange ex, String action) throws Denied {
        java.security.cert.X509Certificate cert = GatewayHttpServer.clientCertificate(ex).orElse(null);
        ex.getMessage().removeHeader(GatewayHttpServer.CLIENT_CERTIFICATE);
        return agencies.authenticate(NAME, action, ex.getMessage().getHeader("Authorization", String.class), cert, remote(ex));
    }

    /** The handed-in package goes on the inbound queue (duplicate id from its intake key); the answer waits in a property. */
    private static void handedIn(Exchange ex, Inbound in) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("intakeKey", in.intakeKey());
        answer.put("outcome", in.refused() ? "refused" : "accepted");
        answer.put("documentId", in.documentId());
        answer.put("receivedAt", in.receivedAt());
        answer.put("legalValue", in.legalValue());
        answer.put("reasons", in.refusals().stream().map(Finding::sentence).toList());
        answer.put("warnings", in.warnings().stream().map(Finding::sentence).toList());
        ex.setProperty(RESPONSE, JSON.writeValueAsBytes(answer));
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Headers.DUPLICATE_ID, "in:" + in.intakeKey());
        m.setBody(in.toJson());
    }

    /** A refused call: 401, 404 or 400; a refusal about a field of the request carries it as a reason, like a form's. */
    private static void refuse(Exchange ex, Denied d) {
        if (d.finding() != null) {
            refuseField(ex, d.finding());
            return;
        }
        int status = switch (d.kind()) {
            case UNAUTHENTICATED -> 401;
            case NOT_FOUND -> 404;
            case BAD_REQUEST -> 400;
        };
        stop(ex, status, Map.of("error", d.english()));
    }

    private static void refuseField(Exchange ex, Finding why) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "refused");
        body.put("error", why.sentence());
        String field = why.detail() == null ? "" : why.detail().replaceAll("[: '].*", "");
        body.put("reasons", List.of(new DocumentMetadata.FieldError(field, why).toJson()));
        stop(ex, 400, body);
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
