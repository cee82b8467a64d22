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
import vn.lienthong.edxml.PackageBuilder;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.flow.Mailbox;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.registry.Accounts;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.status.StatusCode;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Audit;
import vn.lienthong.tracking.TraceQuery;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * The REST/JSON adapter (routes/rest-api.yaml): an agency's system submits packages (raw edXML, or
 * JSON metadata + files from which the gateway builds the package: {@link DocumentMetadata},
 * {@link FormSubmission}), lists and fetches what was put into its hands, posts statuses (R3, R5)
 * and reads a document's history (R16). Every call is authenticated by the agency's registered TLS
 * client certificate ({@link GatewayHttpServer}) or its token ({@code Authorization: Bearer …}), can
 * act only as that agency (R20), and is written to the audit log with the way it was authenticated.
 */
public final class RestApi {
    public static final String NAME = "rest";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String RESPONSE = "ltResponse";
    private static final String AUTH_METHOD = "ltAuthMethod";

    private final Intake intake;
    private final Mailbox mailbox;
    private final Accounts accounts;
    private final AgencyRegistry registry;
    private final Audit audit;
    private final TraceQuery trace;
    private final Path work;
    private final Clock clock;
    private long maxPackageBytes = 512L * 1024 * 1024;

    /** The largest package the gateway accepts (validation.max-package-bytes): files submitted as a form must fit in one. */
    public RestApi maxPackageBytes(long bytes) {
        this.maxPackageBytes = bytes;
        return this;
    }

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

    /**
     * POST /api/v1/documents — the body is an edXML package (document or status), or, as multipart/form-data, a JSON
     * {@code metadata} part and the files from which the gateway builds the package; answered 202 once it is durable.
     */
    public void submit(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "submit");
        if (agency.isEmpty()) return;
        String type = ex.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            submitForm(ex, agency.get());
            return;
        }
        byte[] body = ex.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            stop(ex, 400, Map.of("error", "empty body: send the edXML package (Content-Type: application/xml)"));
            return;
        }
        String name = Optional.ofNullable(ex.getMessage().getHeader("X-File-Name", String.class)).orElse("rest-" + UUID.randomUUID() + ".edxml");
        handIn(ex, agency.get(), name, body, "submit");
    }

    /**
     * POST /api/v1/documents/{id}/status — JSON {"code": "03", "description": "..."} about a document received in the mailbox:
     * 02 (refused, with the reason), 03 accepted, 04 assigned, 05 in progress, 06 completed (R3), 15 / 16 agreeing to or refusing a
     * recall, update, replacement or take-back (R5). Relayed to the sender once the state machine allows it.
     */
    public void postStatus(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "status");
        if (agency.isEmpty()) return;
        long id = ex.getMessage().getHeader("id", Long.class);
        Optional<ResponseFor> about = mailbox.documentOf(agency.get(), id);
        if (about.isEmpty()) {
            deny(ex, agency.get(), "status", "mailbox " + id, 404, "no such document in your mailbox");
            return;
        }
        Optional<Map<String, Object>> req = statusRequest(ex, agency.get(), RECEIVER_CODES,
                "mã 13 do cơ quan gửi báo, qua POST /api/v1/statuses / 13 is reported by the sender, through POST /api/v1/statuses");
        if (req.isEmpty()) return;
        sendStatus(ex, agency.get(), about.get(), req.get(), "mailbox " + id);
    }

    /**
     * POST /api/v1/statuses — JSON {"documentId": "...", "sender": "...", "code": "13", "description": "..."}: a status by
     * document id; the sender's take-back request 13 (lấy lại, R5) about its own document ({@code sender} defaults to the
     * caller), or a receiver's 02–06, 15, 16 about a document it received.
     */
    public void postStatusById(Exchange ex) throws IOException {
        Optional<String> agency = authenticate(ex, "status");
        if (agency.isEmpty()) return;
        Optional<Map<String, Object>> req = statusRequest(ex, agency.get(), StatusCode.REPORTED_BY_AGENCIES, null);
        if (req.isEmpty()) return;
        String documentId = text(req.get().get("documentId"));
        String sender = Optional.ofNullable(text(req.get().get("sender"))).orElse(agency.get());
        if (documentId == null) {
            refuseStatus(ex, agency.get(), Finding.of(ReasonCode.MISSING_FIELD, "documentId"));
            return;
        }
        if (!mailbox.concerns(agency.get(), sender, documentId)) {
            deny(ex, agency.get(), "status", documentId, 404, "no such document among yours (sender " + sender + ")");
            return;
        }
        sendStatus(ex, agency.get(), new ResponseFor(sender, null, null, documentId), req.get(), documentId);
    }

    private static final java.util.Set<String> RECEIVER_CODES = java.util.Set.of("02", "03", "04", "05", "06", "15", "16");

    /** The JSON body of a status request, checked: a code the agency may report, the reason where one is needed. */
    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> statusRequest(Exchange ex, String agency, java.util.Set<String> allowed, String hint13) {
        Map<String, Object> req;
        try {
            byte[] body = ex.getMessage().getBody(byte[].class);
            req = body == null || body.length == 0 ? null : JSON.readValue(body, Map.class);
        } catch (IOException e) {
            req = null;
        }
        if (req == null) {
            refuseStatus(ex, agency, Finding.of(ReasonCode.METADATA_NOT_JSON, "{\"code\": \"03\", \"description\": \"…\"}"));
            return Optional.empty();
        }
        String code = text(req.get("code"));
        String description = text(req.get("description"));
        if (code == null) {
            refuseStatus(ex, agency, Finding.of(ReasonCode.MISSING_FIELD, "code"));
            return Optional.empty();
        }
        if (!allowed.contains(code)) {
            String why = "13".equals(code) && hint13 != null ? hint13
                    : "01".equals(code) ? "01 do trục liên thông tự tạo khi văn bản đến / 01 is made by the gateway when the document arrives"
                    : "được phép / allowed: " + String.join(", ", new java.util.TreeSet<>(allowed));
            refuseStatus(ex, agency, Finding.of(ReasonCode.STATUS_BAD_CODE, "code '" + code + "': " + why));
            return Optional.empty();
        }
        if (description == null && StatusCode.NEED_REASON.contains(code)) {
            refuseStatus(ex, agency, Finding.of(ReasonCode.MISSING_FIELD, "description: trạng thái " + code + " cần nêu lý do / status " + code
                    + " needs the reason"));
            return Optional.empty();
        }
        if (description != null && description.length() > 2000) {
            refuseStatus(ex, agency, Finding.of(ReasonCode.METADATA_BAD_VALUE, "description: dài quá 2000 ký tự / longer than 2000 characters"));
            return Optional.empty();
        }
        return Optional.of(req);
    }

    private void refuseStatus(Exchange ex, String agency, Finding why) {
        audit.record(agency, NAME, "status", null, "REFUSED", remote(ex), why.sentence(), authMethod(ex));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "refused");
        body.put("error", why.sentence());
        String field = why.detail() == null ? "" : why.detail().replaceAll("[: '].*", "");
        body.put("reasons", List.of(new DocumentMetadata.FieldError(field, why).toJson()));
        stop(ex, 400, body);
    }

    private void sendStatus(Exchange ex, String agency, ResponseFor about, Map<String, Object> req, String target) throws IOException {
        String code = text(req.get("code"));
        String description = Optional.ofNullable(text(req.get("description")))
                .orElseGet(() -> StatusCode.of(code).map(StatusCode::vietnamese).orElse(""));
        String name = registry.find(agency).map(a -> a.name()).orElse(agency);
        var out = new ByteArrayOutputStream();
        new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId(agency, name), about, null, code, description,
                VietnamTime.formatEdxml(VietnamTime.now(clock))), out);
        handIn(ex, agency, "status-" + code + "-" + UUID.randomUUID() + ".edxml", out.toByteArray(), "status " + code);
    }

    private static String text(Object v) {
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v).strip();
    }

    /**
     * The JSON + files form of a submission: the metadata is checked against the published schema (every bad field
     * refused at once, 400), the package is built with the agency as From and handed to the intake like raw edXML.
     */
    private void submitForm(Exchange ex, String agency) throws IOException {
        FormSubmission form = FormSubmission.of(ex);
        List<DocumentMetadata.FieldError> errors = new java.util.ArrayList<>(form.problems());
        DocumentMetadata meta = null;
        if (form.metadata() != null) {
            meta = DocumentMetadata.parse(form.metadata(), registry);
            errors.addAll(meta.errors());
        }
        long total = form.files().stream().mapToLong(PackageBuilder.File::size).sum();
        // base64 makes the files a third larger in the package; the package must stay within validation.max-package-bytes
        if (total / 3 * 4 + 64 * 1024 > maxPackageBytes) {
            refuseForm(ex, agency, 413, List.of(new DocumentMetadata.FieldError("files", Finding.of(ReasonCode.XML_TOO_LARGE,
                    "files: " + total + " bytes; the package may not exceed " + maxPackageBytes + " bytes (validation.max-package-bytes),"
                            + " so the files together at most about " + (maxPackageBytes - 64 * 1024) / 4 * 3 + " bytes"))));
            return;
        }
        if (!errors.isEmpty()) {
            refuseForm(ex, agency, 400, errors);
            return;
        }
        vn.lienthong.registry.Agency sender = registry.find(agency).orElseThrow();
        PackageBuilder builder = meta.toBuilder(sender, registry);
        form.files().forEach(builder::attach);
        Files.createDirectories(work);
        Path file = builder.writeTo(work.resolve("rest-form-" + UUID.randomUUID() + ".edxml"));
        String documentId = meta.documentId(agency);
        handIn(ex, agency, "rest-" + documentId.replaceAll("[^0-9A-Za-z.-]", "_") + ".edxml", file, "submit form");
    }

    private void refuseForm(Exchange ex, String agency, int status, List<DocumentMetadata.FieldError> errors) {
        audit.record(agency, NAME, "submit form", null, "REFUSED", remote(ex),
                String.join("; ", errors.stream().map(e -> e.finding().sentence()).toList()), authMethod(ex));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "refused");
        body.put("error", "Văn bản chưa được nhận: xem từng lý do / The document was not accepted: see each reason");
        body.put("reasons", errors.stream().map(DocumentMetadata.FieldError::toJson).toList());
        stop(ex, status, body);
    }

    private void handIn(Exchange ex, String agency, String name, byte[] body, String action) throws IOException {
        Files.createDirectories(work);
        handIn(ex, agency, name, Files.write(work.resolve(UUID.randomUUID() + ".edxml"), body), action);
    }

    /** Hands the package in {@code file} (deleted afterwards) to the intake, as the agency. */
    private void handIn(Exchange ex, String agency, String name, Path file, String action) throws IOException {
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
            audit.record(agency, NAME, action, in.documentId(), in.refused() ? "REFUSED" : "ALLOWED", remote(ex), name, authMethod(ex));
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
        audit.record(agency.get(), NAME, "list " + box, null, "ALLOWED", remote(ex), entries.size() + " entries", authMethod(ex));
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
        audit.record(agency.get(), NAME, "fetch", "mailbox " + id, "ALLOWED", remote(ex), null, authMethod(ex));
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
        audit.record(agency.get(), NAME, "history", documentId, "ALLOWED", remote(ex), null, authMethod(ex));
        ok(ex, "application/json; charset=utf-8", JSON.writeValueAsBytes(events));
    }

    /** GET /api/v1/openapi.json */
    public void openapi(Exchange ex) throws IOException {
        ok(ex, "application/json; charset=utf-8", Files.readAllBytes(Path.of(ex.getContext().resolvePropertyPlaceholders("{{lienthong.schemas}}"))
                .resolve("openapi.json")));
    }

    /**
     * Who calls (R20): the agency whose registered TLS client certificate the connection presented, else the agency of the
     * bearer token. A certificate that is not registered, or a token of another agency than the certificate's, is refused.
     * The method is kept on the exchange for the audit log.
     */
    private Optional<String> authenticate(Exchange ex, String action) {
        String auth = ex.getMessage().getHeader("Authorization", String.class);
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7) : null;
        Optional<java.security.cert.X509Certificate> cert = GatewayHttpServer.clientCertificate(ex);
        ex.getMessage().removeHeader(GatewayHttpServer.CLIENT_CERTIFICATE);
        Optional<String> byToken = accounts.agencyForToken(token);
        if (cert.isPresent()) {
            String fp = Accounts.fingerprint(cert.get());
            Optional<String> byCert = accounts.agencyForCertificate(cert.get());
            if (byCert.isEmpty()) {
                audit.record(null, NAME, action, null, "DENIED", remote(ex), "unregistered client certificate SHA-256 " + fp + " "
                        + cert.get().getSubjectX500Principal().getName(), "client-certificate");
                stop(ex, 401, Map.of("error", "client certificate not registered for any agency (SHA-256 " + fp + ")"));
                return Optional.empty();
            }
            if (token != null && byToken.isPresent() && !byToken.equals(byCert)) {
                audit.record(byCert.get(), NAME, action, null, "DENIED", remote(ex), "token of " + byToken.get() + " with the certificate of "
                        + byCert.get(), "client-certificate");
                stop(ex, 401, Map.of("error", "the token and the client certificate belong to different agencies"));
                return Optional.empty();
            }
            ex.setProperty(AUTH_METHOD, "client-certificate");
            return byCert;
        }
        if (byToken.isEmpty()) {
            audit.record(null, NAME, action, null, "DENIED", remote(ex), token == null ? "no token" : "unknown token", token == null ? null : "token");
            stop(ex, 401, Map.of("error", "missing or unknown token (Authorization: Bearer <token>) or client certificate"));
            return Optional.empty();
        }
        ex.setProperty(AUTH_METHOD, "token");
        return byToken;
    }

    private static String authMethod(Exchange ex) {
        return ex.getProperty(AUTH_METHOD, String.class);
    }

    private void deny(Exchange ex, String agency, String action, String target, int status, String why) {
        audit.record(agency, NAME, action, target, "DENIED", remote(ex), why, authMethod(ex));
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
