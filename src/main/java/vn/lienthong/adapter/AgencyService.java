package vn.lienthong.adapter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;
import vn.lienthong.flow.Inbound;
import vn.lienthong.flow.Intake;
import vn.lienthong.flow.Mailbox;
import vn.lienthong.registry.Accounts;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.status.StatusCode;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Audit;
import vn.lienthong.tracking.TraceQuery;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * What an agency's system may do through a pull adapter (REST/JSON, SOAP), whatever the protocol:
 * authenticate with its API token, hand in a package as itself, list and fetch what is addressed to
 * it, report a status, read a document's history. Every access, allowed or denied, is written to the
 * audit log (R20: an agency acts only as itself and reads only what concerns it). No Camel here: the
 * adapters' beans translate their protocol to these calls and the answers back.
 */
public final class AgencyService {
    /** Statuses a receiver reports about a document in its mailbox (R3); 13 is the sender's, about its own. */
    public static final Set<String> RECEIVER_CODES = Set.of("02", "03", "04", "05", "06", "15", "16");
    public static final String SENDER_CODE = StatusCode.TAKE_BACK_REQUEST.code();

    private final Intake intake;
    private final Mailbox mailbox;
    private final Accounts accounts;
    private final AgencyRegistry registry;
    private final Audit audit;
    private final TraceQuery trace;
    private final Path work;
    private final Clock clock;

    public AgencyService(Intake intake, Mailbox mailbox, Accounts accounts, AgencyRegistry registry, Audit audit, TraceQuery trace,
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

    /** The authenticated agency, through which adapter, from where (for the audit log). */
    public record Caller(String agency, String adapter, String remote) { }

    /** Why a call is not served. */
    public enum Refusal { UNAUTHENTICATED, NOT_FOUND, BAD_REQUEST }

    /** A call refused (already audited): the kind, and the sentence for the caller in Vietnamese and English. */
    public static final class Denied extends Exception {
        private final Refusal kind;
        private final String vietnamese;

        Denied(Refusal kind, String vietnamese, String english) {
            super(english, null, false, false);
            this.kind = kind;
            this.vietnamese = vietnamese;
        }

        public Refusal kind() { return kind; }
        public String vietnamese() { return vietnamese; }
        public String english() { return getMessage(); }
    }

    /**
     * The agency whose API token the call carries: {@code Authorization: Bearer <token>}, or HTTP Basic
     * with the organisation id as user and the token as password (the token must be that agency's).
     * A missing, unknown or mismatched token is audited as denied.
     */
    public Caller authenticate(String adapter, String action, String authorization, String remote) throws Denied {
        String token = null;
        String claimed = null;
        String why = "no token";
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7);
            why = "unknown token";
        } else if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair = basic(authorization.substring(6).strip());
            int colon = pair == null ? -1 : pair.indexOf(':');
            if (colon < 0) {
                why = "malformed Basic credentials";
            } else {
                claimed = pair.substring(0, colon).strip();
                token = pair.substring(colon + 1);
                why = "unknown token";
            }
        }
        Optional<String> agency = accounts.agencyForToken(token);
        if (agency.isPresent() && claimed != null && !claimed.isEmpty() && !claimed.equals(agency.get())) {
            why = "token is not that of " + claimed;
            agency = Optional.empty();
        }
        if (agency.isEmpty()) {
            audit.record(null, adapter, action, claimed, "DENIED", remote, why);
            throw new Denied(Refusal.UNAUTHENTICATED, "Thiếu hoặc sai mã truy cập (token) của cơ quan",
                    "missing or unknown token (Authorization: Bearer <token>)");
        }
        return new Caller(agency.get(), adapter, remote);
    }

    /**
     * Hands a package in as the caller (intake: parse, checks, sender = caller (E301), archive). The
     * answer carries the verdict; the adapter then puts {@link Inbound#toJson()} on the inbound queue
     * with the duplicate id {@code in:<intakeKey>} and answers once it is durable.
     */
    public Inbound handIn(Caller caller, String fileName, InputStream body, String action) throws IOException, Denied {
        Files.createDirectories(work);
        Path file = work.resolve(UUID.randomUUID() + ".edxml");
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(file) == 0) {
                deny(caller, action, fileName, Refusal.BAD_REQUEST, "Gói tin rỗng", "empty package: send the edXML package");
            }
            String name = fileName == null || fileName.isBlank() ? caller.adapter() + "-" + UUID.randomUUID() + ".edxml" : fileName;
            Inbound in = intake.take(file, name, caller.adapter(), caller.agency(), name + "|" + UUID.randomUUID());
            audit.record(caller.agency(), caller.adapter(), action, in.documentId(), in.refused() ? "REFUSED" : "ALLOWED", caller.remote(), name);
            return in;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** What waits in the caller's mailbox: {@code box} "status" = statuses about its own documents, else documents for it. */
    public List<Mailbox.Entry> list(Caller caller, String box, boolean includeFetched) {
        List<Mailbox.Entry> entries = mailbox.list(caller.agency(), "status".equals(box) ? "STATUS" : "DOCUMENT", includeFetched);
        audit.record(caller.agency(), caller.adapter(), "list " + box, null, "ALLOWED", caller.remote(), entries.size() + " entries");
        return entries;
    }

    /** One mailbox entry's package, only from the caller's own mailbox; marks it fetched. */
    public Path fetch(Caller caller, long id) throws Denied {
        Optional<Path> file = mailbox.fetch(caller.agency(), id);
        if (file.isEmpty()) notInMailbox(caller, "fetch", id);
        audit.record(caller.agency(), caller.adapter(), "fetch", "mailbox " + id, "ALLOWED", caller.remote(), null);
        return file.get();
    }

    /** The caller reports a status (02–06, 15, 16) about a document in its mailbox: a status packet handed in as the caller. */
    public Inbound reportOnReceived(Caller caller, long id, String code, String description) throws IOException, Denied {
        Optional<Mailbox.Entry> entry = mailbox.list(caller.agency(), "DOCUMENT", true).stream().filter(e -> e.id() == id).findFirst();
        if (entry.isEmpty()) notInMailbox(caller, "status", id);
        if (!RECEIVER_CODES.contains(code)) badCode(caller, code, "02–06, 15, 16 about a received document");
        Mailbox.Entry e = entry.get();
        return handInStatus(caller, new ResponseFor(e.sender(), null, null, e.documentId()), code, description,
                "status-" + code + "-" + id + "-" + UUID.randomUUID() + ".edxml");
    }

    /** The sender asks to take back its own document (13): a status packet handed in as the caller. */
    public Inbound reportOnSent(Caller caller, String documentId, String code, String description) throws IOException, Denied {
        if (documentId == null || !mailbox.concerns(caller.agency(), caller.agency(), documentId)) {
            deny(caller, "status " + code, documentId, Refusal.NOT_FOUND, "Không có văn bản này trong số văn bản cơ quan đã gửi",
                    "no such document among those you sent");
        }
        if (!SENDER_CODE.equals(code)) badCode(caller, code, "13 about a document you sent");
        return handInStatus(caller, new ResponseFor(caller.agency(), null, null, documentId), code, description,
                "status-" + code + "-" + UUID.randomUUID() + ".edxml");
    }

    /** A document's history (R16), for its sender and its receivers only; {@code sender} defaults to the caller. */
    public List<TraceQuery.Event> history(Caller caller, String sender, String documentId) throws Denied {
        String from = sender == null || sender.isBlank() ? caller.agency() : sender;
        if (documentId == null || !mailbox.concerns(caller.agency(), from, documentId)) {
            deny(caller, "history", documentId, Refusal.NOT_FOUND, "Không có văn bản này trong số văn bản của cơ quan",
                    "no such document among yours");
        }
        List<TraceQuery.Event> events = trace.of(documentId);
        audit.record(caller.agency(), caller.adapter(), "history", documentId, "ALLOWED", caller.remote(), null);
        return events;
    }

    private Inbound handInStatus(Caller caller, ResponseFor about, String code, String description, String name) throws IOException, Denied {
        String agencyName = registry.find(caller.agency()).map(a -> a.name()).orElse(caller.agency());
        var out = new ByteArrayOutputStream();
        new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId(caller.agency(), agencyName), about, null, code,
                description == null ? "" : description, VietnamTime.formatEdxml(VietnamTime.now(clock))), out);
        return handIn(caller, name, new ByteArrayInputStream(out.toByteArray()), "status " + code);
    }

    private void notInMailbox(Caller caller, String action, long id) throws Denied {
        deny(caller, action, "mailbox " + id, Refusal.NOT_FOUND, "Không có văn bản này trong hộp thư của cơ quan",
                "no such document in your mailbox");
    }

    private void badCode(Caller caller, String code, String allowed) throws Denied {
        Finding f = Finding.of(ReasonCode.STATUS_BAD_CODE, "'" + code + "': " + allowed);
        deny(caller, "status " + code, null, Refusal.BAD_REQUEST, f.reason().code() + " " + f.reason().vietnamese() + ": " + code,
                f.sentence());
    }

    private void deny(Caller caller, String action, String target, Refusal kind, String vietnamese, String english) throws Denied {
        audit.record(caller.agency(), caller.adapter(), action, target, "DENIED", caller.remote(), english);
        throw new Denied(kind, vietnamese, english);
    }

    private static String basic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
