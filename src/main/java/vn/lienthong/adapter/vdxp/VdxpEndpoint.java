package vn.lienthong.adapter.vdxp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.flow.Mailbox;
import vn.lienthong.pipeline.Headers;
import vn.lienthong.registry.Accounts;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Audit;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;
import vn.lienthong.validation.Finding;

/**
 * The national-axis-compatible API under {@code /vdxp} (routes/vdxp.yaml): a system built with the
 * Government Office's SDK reaches this provincial axis by changing only its endpoint address.
 * Requests are authenticated by the XroadVnpt-* HMAC of the agency's system id (R20); sendEdoc's
 * body must match its hash-file; an agency sends only as itself and reads only its own mailbox.
 * Replies are always HTTP 200 with the SDK's JSON shapes.
 */
public final class VdxpEndpoint {
    /** How agencies authenticate here, for the audit log (R20): HMAC-SHA256 over the XroadVnpt-* headers. */
    private static final String AUTH_METHOD = "hmac";
    public static final String NAME = "vdxp";
    private static final String RESPONSE = "ltResponse";
    public static final String INBOUND = "ltInbound";

    private final VdxpAuthenticator authenticator;
    private final Accounts accounts;
    private final AgencyRegistry registry;
    private final Intake intake;
    private final Mailbox mailbox;
    private final TrackingStore store;
    private final Audit audit;
    private final Path work;

    public VdxpEndpoint(Accounts accounts, AgencyRegistry registry, Intake intake, Mailbox mailbox, TrackingStore store, Audit audit, Path work) {
        this.authenticator = new VdxpAuthenticator(accounts::vdxpSecret);
        this.accounts = accounts;
        this.registry = registry;
        this.intake = intake;
        this.mailbox = mailbox;
        this.store = store;
        this.audit = audit;
        this.work = work;
    }

    public void handle(Exchange ex) throws IOException {
        Message m = ex.getMessage();
        String opName = m.getHeader("op", String.class);
        Map<String, Object> headers = new LinkedHashMap<>(m.getHeaders());
        byte[] body = m.getBody(byte[].class);
        VdxpRequest req = VdxpRequest.of(m.getHeader(Exchange.HTTP_METHOD, "POST", String.class), "/" + opName, headers,
                body == null ? new byte[0] : body);
        Optional<VdxpOperation> op = req.operation();
        if (op.isEmpty()) {
            reply(ex, VdxpResponses.bytes(VdxpResponses.fail("404", "unknown operation " + opName)));
            return;
        }
        VdxpAuthenticator.Result auth = authenticator.verify(req);
        String agency = auth.systemId().flatMap(accounts::agencyForSystemId).orElse(null);
        if (auth.failed() || agency == null) {
            audit.record(null, NAME, opName, auth.claimedSystemId().orElse(null), "DENIED", null, auth.detail(), AUTH_METHOD);
            reply(ex, VdxpResponses.failure(op.get(), "401", "authentication failed: " + auth.reason().map(Enum::name).orElse("unknown system")));
            return;
        }
        switch (op.get()) {
            case SEND_EDOC -> sendEdoc(ex, req, auth, agency);
            case GET_RECEIVED_EDOC_LIST -> {
                boolean statuses = "status".equalsIgnoreCase(req.messageType().orElse("edoc"));
                List<VdxpResponses.ReceivedEdoc> items = mailbox.list(agency, statuses ? "STATUS" : "DOCUMENT", false).stream()
                        .map(e -> new VdxpResponses.ReceivedEdoc(Long.toString(e.id()), "eDoc", statuses ? "status" : "edoc",
                                VietnamTime.iso(e.createdAt()), VietnamTime.iso(e.createdAt()), e.sender(), agency, "initial",
                                e.documentId()))
                        .toList();
                ok(ex, agency, opName, items.size() + " items", VdxpResponses.receivedEdocList(items));
            }
            case GET_EDOC, DOWNLOAD_EDOC -> {
                Optional<Path> file = req.docId().flatMap(VdxpEndpoint::number).flatMap(id -> mailbox.peek(agency, id));
                if (file.isEmpty()) {
                    audit.record(agency, NAME, opName, req.docId().orElse(null), "DENIED", null, "not in the agency's mailbox", AUTH_METHOD);
                    reply(ex, VdxpResponses.failure(op.get(), "404", "no such document for " + agency));
                    return;
                }
                byte[] edxml = Files.readAllBytes(file.get());
                audit.record(agency, NAME, opName, req.docId().orElse(null), "ALLOWED", null, null, AUTH_METHOD);
                reply(ex, op.get() == VdxpOperation.GET_EDOC ? VdxpResponses.bytes(VdxpResponses.edoc(edxml)) : VdxpResponses.downloadEdoc(edxml));
            }
            case UPDATE_STATUS -> {
                Optional<Long> id = req.docId().flatMap(VdxpEndpoint::number);
                boolean done = req.edocStatus().map(s -> s == VdxpRequest.EdocStatus.DONE).orElse(false);
                boolean known = id.isPresent() && (done ? mailbox.acknowledge(agency, id.get()) : mailbox.peek(agency, id.get()).isPresent());
                if (!known) {
                    audit.record(agency, NAME, opName, req.docId().orElse(null), "DENIED", null, "not in the agency's mailbox", AUTH_METHOD);
                    reply(ex, VdxpResponses.bytes(VdxpResponses.fail("404", "no such document for " + agency)));
                    return;
                }
                ok(ex, agency, opName, req.status().orElse(null), VdxpResponses.ok());
            }
            case GET_SENT_EDOC_LIST -> {
                List<VdxpResponses.SentEdoc> items = store.inTransaction(c -> Jdbc.list(c, "SELECT p.intake_key, d.agency_id, d.state,"
                        + " p.document_id, p.kind, p.received_at, p.outcome, p.reason_text FROM package p LEFT JOIN delivery d ON d.package_ref = p.id"
                        + " WHERE p.handed_in_by = ? AND p.adapter = ? ORDER BY p.id", rs -> new VdxpResponses.SentEdoc("eDoc", rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), "STATUS".equals(rs.getString(5)) ? "status" : "edoc", null,
                        null, VietnamTime.iso(rs.getObject(6, java.time.OffsetDateTime.class)), rs.getString(7), rs.getString(8),
                        rs.getString(1), agency, null), agency, NAME));
                ok(ex, agency, opName, items.size() + " items", VdxpResponses.sentEdocList(items));
            }
            case GET_AGENCIES_LIST -> ok(ex, agency, opName, null, VdxpResponses.agenciesList(registry.all().stream()
                    .map(a -> new VdxpResponses.Agency(a.id(), "", a.id(), a.name(), a.email(), "")).toList()));
            default -> reply(ex, VdxpResponses.failure(op.get(), "501", op.get().name() + " is not offered by the provincial axis"));
        }
    }

    private void sendEdoc(Exchange ex, VdxpRequest req, VdxpAuthenticator.Result auth, String agency) throws IOException {
        String from = req.from().orElse(null);
        if (from != null && !from.equals(auth.systemId().orElse(null))) {
            audit.record(agency, NAME, "sendEdoc", from, "DENIED", null, "from is not the authenticated system", AUTH_METHOD);
            reply(ex, VdxpResponses.bytes(VdxpResponses.sendEdocFail("403", "E301 from " + from + " is not " + agency)));
            return;
        }
        Files.createDirectories(work);
        Path file = Files.write(work.resolve(UUID.randomUUID() + ".edxml"), auth.file().orElse(new byte[0]));
        try {
            String name = "vdxp-" + auth.fileSha256Hex().orElse(UUID.randomUUID().toString()) + ".edxml";
            Inbound in = intake.take(file, name, NAME, agency, name + "|" + UUID.randomUUID());
            audit.record(agency, NAME, "sendEdoc", in.documentId(), in.refused() ? "REFUSED" : "ALLOWED", null, null, AUTH_METHOD);
            String answer = in.refused()
                    ? VdxpResponses.sendEdocFail(in.refusals().get(0).reason().code(),
                            in.refusals().stream().map(Finding::sentence).collect(Collectors.joining("; ")))
                    : VdxpResponses.sendEdocOk(in.intakeKey());
            Message m = ex.getMessage();
            m.removeHeaders("*");
            m.setHeader(Headers.DUPLICATE_ID, "in:" + in.intakeKey());
            m.setHeader(INBOUND, true);   // refused ones are recorded too (their 02 goes to the agency's mailbox)
            ex.setProperty(RESPONSE, VdxpResponses.bytes(answer));
            m.setBody(in.toJson());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** After the inbound queue has the package: the SDK's answer. */
    public void answer(Exchange ex) {
        reply(ex, ex.getProperty(RESPONSE, byte[].class));
    }

    private void ok(Exchange ex, String agency, String op, String detail, String json) {
        audit.record(agency, NAME, op, null, "ALLOWED", null, detail, AUTH_METHOD);
        reply(ex, VdxpResponses.bytes(json));
    }

    private static void reply(Exchange ex, byte[] json) {
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(json);
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
