package vn.lienthong.adapter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * authenticate (API token, or a registered TLS client certificate), hand in a package as itself, list
 * and fetch what is addressed to it, report a status (R3, R5), read a document's history (R16). Every
 * access, allowed, refused or denied, is written to the audit log with the way the caller was
 * authenticated (R20: an agency acts only as itself and reads only what concerns it). No Camel here:
 * the adapters' beans translate their protocol to these calls and the answers back.
 */
public final class AgencyService {
    /** Statuses a receiver reports about a document in its mailbox (R3, R5); 13 is the sender's, about its own. */
    public static final Set<String> RECEIVER_CODES = Set.of("02", "03", "04", "05", "06", "15", "16");
    public static final String SENDER_CODE = StatusCode.TAKE_BACK_REQUEST.code();
    /** How a caller proved who it is (audit column {@code auth_method}). */
    public static final String BY_TOKEN = "token";
    public static final String BY_CERTIFICATE = "client-certificate";
    private static final int MAX_DESCRIPTION = 2000;

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

    /** The authenticated agency, through which adapter, from where, and how it proved it ({@link #BY_TOKEN}, {@link #BY_CERTIFICATE}). */
    public record Caller(String agency, String adapter, String remote, String authMethod) { }

    /** Why a call is not served. */
    public enum Refusal { UNAUTHENTICATED, NOT_FOUND, BAD_REQUEST }

    /**
     * A call refused (already audited): the kind, the sentence for the caller in Vietnamese and English, and, where the
     * request itself is at fault (a status request), the reason code with the field it is about.
     */
    public static final class Denied extends Exception {
        private final Refusal kind;
        private final String vietnamese;
        private final transient Finding finding;

        Denied(Refusal kind, String vietnamese, String english, Finding finding) {
            super(english, null, false, false);
            this.kind = kind;
            this.vietnamese = vietnamese;
            this.finding = finding;
        }

        public Refusal kind() { return kind; }
        public String vietnamese() { return vietnamese; }
        public String english() { return getMessage(); }
        /** The reason code and detail (its first word names the field), or null where the refusal is not about a field. */
        public Finding finding() { return finding; }
    }

    /**
     * The agency whose API token the call carries: {@code Authorization: Bearer <token>}, or HTTP Basic
     * with the organisation id as user and the token as password (the token must be that agency's).
     * A missing, unknown or mismatched token is audited as denied.
     */
    public Caller authenticate(String adapter, String action, String authorization, String remote) throws Denied {
        return byToken(adapter, action, tokenOf(authorization), remote, "missing or unknown token (Authorization: Bearer <token>)");
    }

    /**
     * The agency whose registered TLS client certificate the connection presented (verified by the server), else, without a
     * certificate, the agency of the token as {@link #authenticate(String, String, String, String)}. A certificate that is not
     * registered is refused even with a valid token, and so is a token of another agency than the certificate's.
     */
    public Caller authenticate(String adapter, String action, String authorization, X509Certificate certificate, String remote)
            throws Denied {
        Token token = tokenOf(authorization);
        if (certificate == null) {
            return byToken(adapter, action, token, remote, "missing or unknown token (Authorization: Bearer <token>) or client certificate");
        }
        String fingerprint = Accounts.fingerprint(certificate);
        Optional<String> agency = accounts.agencyForCertificate(certificate);
        if (agency.isEmpty()) {
            audit.record(null, adapter, action, null, "DENIED", remote, "unregistered client certificate SHA-256 " + fingerprint + " "
                    + certificate.getSubjectX500Principal().getName(), BY_CERTIFICATE);
            throw new Denied(Refusal.UNAUTHENTICATED, "Chứng thư số của máy khách chưa được đăng ký cho cơ quan nào (SHA-256 "
                    + fingerprint + ")", "client certificate not registered for any agency (SHA-256 " + fingerprint + ")", null);
        }
        if (token.agency().isPresent() && !token.agency().equals(agency)) {
            audit.record(agency.get(), adapter, action, null, "DENIED", remote, "token of " + token.agency().get()
                    + " with the certificate of " + agency.get(), BY_CERTIFICATE);
            throw new Denied(Refusal.UNAUTHENTICATED, "Mã truy cập và chứng thư số thuộc hai cơ quan khác nhau",
                    "the token and the client certificate belong to different agencies", null);
        }
        return new Caller(agency.get(), adapter, remote, BY_CERTIFICATE);
    }

    /** A token presented (or not): the agency it is that of, and why not where it is none. */
    private record Token(String token, String claimed, Optional<String> agency, String why) { }

    private Token tokenOf(String authorization) {
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
        return new Token(token, claimed, agency, why);
    }

    private Caller byToken(String adapter, String action, Token token, String remote, String english) throws Denied {
        if (token.agency().isEmpty()) {
            audit.record(null, adapter, action, token.claimed(), "DENIED", remote, token.why(), token.token() == null ? null : BY_TOKEN);
            throw new Denied(Refusal.UNAUTHENTICATED, "Thiếu hoặc sai mã truy cập (token) của cơ quan", english, null);
        }
        return new Caller(token.agency().get(), adapter, remote, BY_TOKEN);
    }

    /**
     * Hands a package in as the caller (intake: parse, checks, sender = caller (E301), archive). The
     * answer carries the verdict; the adapter then puts {@link Inbound#toJson()} on the inbound queue
     * with the duplicate id {@code in:<intakeKey>} and answers once it is durable.
     */
    public Inbound handIn(Caller caller, String fileName, InputStream body, String action) throws IOException, Denied {
        Path file = workFile(caller.adapter());
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return handIn(caller, fileName, file, action);
    }

    /** Hands in the package in {@code file} (e.g. one an adapter built from a form, in {@link #workFile}), deleted afterwards. */
    public Inbound handIn(Caller caller, String fileName, Path file, String action) throws IOException, Denied {
        try {
            if (Files.size(file) == 0) {
                deny(caller, action, fileName, Refusal.BAD_REQUEST, "Gói tin rỗng", "empty package: send the edXML package");
            }
            String name = fileName == null || fileName.isBlank() ? caller.adapter() + "-" + UUID.randomUUID() + ".edxml" : fileName;
            Inbound in = intake.take(file, name, caller.adapter(), caller.agency(), name + "|" + UUID.randomUUID());
            record(caller, action, in.documentId(), in.refused() ? "REFUSED" : "ALLOWED", name);
            return in;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A fresh file in the gateway's work folder, for a package an adapter builds before {@link #handIn(Caller, String, Path, String)}. */
    public Path workFile(String prefix) throws IOException {
        Files.createDirectories(work);
        return work.resolve(prefix + "-" + UUID.randomUUID() + ".edxml");
    }

    /** Records a request the adapter refused before anything was handed in (e.g. a form's bad fields), with why. */
    public void refused(Caller caller, String action, String target, String why) {
        record(caller, action, target, "REFUSED", why);
    }

    /** What waits in the caller's mailbox: {@code box} "status" = statuses about its own documents, else documents for it. */
    public List<Mailbox.Entry> list(Caller caller, String box, boolean includeFetched) {
        List<Mailbox.Entry> entries = mailbox.list(caller.agency(), "status".equals(box) ? "STATUS" : "DOCUMENT", includeFetched);
        record(caller, "list " + box, null, "ALLOWED", entries.size() + " entries");
        return entries;
    }

    /** One mailbox entry's package, only from the caller's own mailbox; marks it fetched. */
    public Path fetch(Caller caller, long id) throws Denied {
        Optional<Path> file = mailbox.fetch(caller.agency(), id);
        if (file.isEmpty()) notInMailbox(caller, "fetch", id);
        record(caller, "fetch", "mailbox " + id, "ALLOWED", null);
        return file.get();
    }

    /**
     * The receiver reports a status (02 refused with the reason, 03–06 (R3), 15 / 16 on a recall, update, replacement or
     * take-back (R5)) about a document in its mailbox (for a recall, update or replacement package: the original document):
     * a status packet handed in as the caller, relayed to the sender once the state machine allows it.
     */
    public Inbound reportOnReceived(Caller caller, long id, String code, String description) throws IOException, Denied {
        Optional<ResponseFor> about = mailbox.documentOf(caller.agency(), id);
        if (about.isEmpty()) notInMailbox(caller, "status", id);
        checkStatus(caller, "mailbox " + id, code, description, RECEIVER_CODES);
        return handInStatus(caller, about.get(), code, description);
    }

    /**
     * A status by document id, about a document of {@code sender} (default: the caller) that concerns the caller: the
     * sender's take-back request 13 (lấy lại, R5) about its own, or a receiver's 02–06, 15, 16.
     */
    public Inbound reportByDocument(Caller caller, String sender, String documentId, String code, String description)
            throws IOException, Denied {
        return reportByDocument(caller, sender, documentId, code, description, StatusCode.REPORTED_BY_AGENCIES);
    }

    /** The sender asks to take back its own document (13, R5): a status packet handed in as the caller. */
    public Inbound reportOnSent(Caller caller, String documentId, String code, String description) throws IOException, Denied {
        return reportByDocument(caller, caller.agency(), documentId, code, description, Set.of(SENDER_CODE));
    }

    private Inbound reportByDocument(Caller caller, String sender, String documentId, String code, String description, Set<String> allowed)
            throws IOException, Denied {
        String id = blankToNull(documentId);
        checkStatus(caller, id, code, description, allowed);
        if (id == null) refuse(caller, null, Finding.of(ReasonCode.MISSING_FIELD, "documentId"));
        String from = Optional.ofNullable(blankToNull(sender)).orElse(caller.agency());
        if (!mailbox.concerns(caller.agency(), from, id)) {
            deny(caller, "status", id, Refusal.NOT_FOUND, "Không có văn bản này trong số văn bản của cơ quan",
                    "no such document among yours (sender " + from + ")");
        }
        return handInStatus(caller, new ResponseFor(from, null, null, id), code, description);
    }

    /** A document's history (R16), for its sender and its receivers only; {@code sender} defaults to the caller. */
    public List<TraceQuery.Event> history(Caller caller, String sender, String documentId) throws Denied {
        String from = sender == null || sender.isBlank() ? caller.agency() : sender;
        if (documentId == null || !mailbox.concerns(caller.agency(), from, documentId)) {
            deny(caller, "history", documentId, Refusal.NOT_FOUND, "Không có văn bản này trong số văn bản của cơ quan",
                    "no such document among yours");
        }
        List<TraceQuery.Event> events = trace.of(documentId);
        record(caller, "history", documentId, "ALLOWED", null);
        return events;
    }

    /** A status request, checked: a code the caller may report here (E611), the reason where one is needed (E200), not too long. */
    private void checkStatus(Caller caller, String target, String code, String description, Set<String> allowed) throws Denied {
        String c = blankToNull(code);
        String d = blankToNull(description);
        if (c == null) refuse(caller, target, Finding.of(ReasonCode.MISSING_FIELD, "code"));
        if (!allowed.contains(c)) {
            String why = SENDER_CODE.equals(c) ? "mã 13 do cơ quan gửi báo, theo mã văn bản (documentId) / 13 is reported by the sender,"
                    + " by document id (documentId)"
                    : "01".equals(c) ? "01 do trục liên thông tự tạo khi văn bản đến / 01 is made by the gateway when the document arrives"
                    : "được phép / allowed: " + String.join(", ", new TreeSet<>(allowed));
            refuse(caller, target, Finding.of(ReasonCode.STATUS_BAD_CODE, "code '" + c + "': " + why));
        }
        if (d == null && StatusCode.NEED_REASON.contains(c)) {
            refuse(caller, target, Finding.of(ReasonCode.MISSING_FIELD, "description: trạng thái " + c + " cần nêu lý do / status " + c
                    + " needs the reason"));
        }
        if (d != null && d.length() > MAX_DESCRIPTION) {
            refuse(caller, target, Finding.of(ReasonCode.METADATA_BAD_VALUE, "description: dài quá " + MAX_DESCRIPTION
                    + " ký tự / longer than " + MAX_DESCRIPTION + " characters"));
        }
    }

    private Inbound handInStatus(Caller caller, ResponseFor about, String code, String description) throws IOException, Denied {
        String c = blankToNull(code);
        String d = Optional.ofNullable(blankToNull(description)).orElseGet(() -> StatusCode.of(c).map(StatusCode::vietnamese).orElse(""));
        String agencyName = registry.find(caller.agency()).map(a -> a.name()).orElse(caller.agency());
        var out = new ByteArrayOutputStream();
        new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId(caller.agency(), agencyName), about, null, c, d,
                VietnamTime.formatEdxml(VietnamTime.now(clock))), out);
        return handIn(caller, "status-" + c + "-" + UUID.randomUUID() + ".edxml", new ByteArrayInputStream(out.toByteArray()), "status " + c);
    }

    private void notInMailbox(Caller caller, String action, long id) throws Denied {
        deny(caller, action, "mailbox " + id, Refusal.NOT_FOUND, "Không có văn bản này trong hộp thư của cơ quan",
                "no such document in your mailbox");
    }

    /** A status request refused for what it says (audited REFUSED): the finding goes back to the caller. */
    private void refuse(Caller caller, String target, Finding why) throws Denied {
        refused(caller, "status", target, why.sentence());
        throw new Denied(Refusal.BAD_REQUEST, why.reason().code() + " " + why.reason().vietnamese()
                + (why.detail() == null ? "" : ": " + why.detail()), why.sentence(), why);
    }

    private void deny(Caller caller, String action, String target, Refusal kind, String vietnamese, String english) throws Denied {
        record(caller, action, target, "DENIED", english);
        throw new Denied(kind, vietnamese, english, null);
    }

    private void record(Caller caller, String action, String target, String outcome, String detail) {
        audit.record(caller.agency(), caller.adapter(), action, target, outcome, caller.remote(), detail, caller.authMethod());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String basic(String encoded) {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
