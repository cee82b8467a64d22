package vn.lienthong.flow;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.lienthong.edxml.Business;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.status.StatusMachine;
import vn.lienthong.status.StatusMachine.Request;
import vn.lienthong.status.StatusMachine.Transition;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * Record and route: writes what intake decided into the tracking store and says where the package
 * goes next, in one database transaction. Idempotent: the same {@link Inbound} recorded again (a
 * replay after a crash, or the same file picked up twice) changes nothing and yields the same
 * dispatches with the same duplicate ids, which the broker refuses to enqueue twice.
 *
 * <ul>
 *   <li>new document → one recipient row per receiver, delivered to each receiver's queue;</li>
 *   <li>the same package again → acknowledged again (01 for receivers that have it), not delivered again;</li>
 *   <li>another package reusing the sender's DocumentId → refused as a conflicting duplicate (R2);</li>
 *   <li>recall / update / replacement → routed to the original receivers, who answer 15/16 (R5);</li>
 *   <li>status from a receiver → checked against the state machine, relayed to the sender (R3);</li>
 *   <li>refused → a 02 status with the reasons back to the agency that handed it in (R4).</li>
 * </ul>
 */
public final class Recorder {
    private final TrackingStore store;
    private final StatusPackets statuses;
    private final Clock clock;
    private vn.lienthong.observe.Events events = vn.lienthong.observe.Events.NONE;
    private vn.lienthong.axis.Routing routing;

    public Recorder(TrackingStore store, StatusPackets statuses, Clock clock) {
        this.store = store;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Where each package recorded for the first time is reported (meters and the event log). */
    public Recorder observedBy(vn.lienthong.observe.Events events) {
        this.events = events;
        return this;
    }

    /**
     * With a national axis or members (R23): a package handed in by a peer is recorded for the receivers
     * this gateway serves only, deduplicated by document id and receiver, and never answered back to the
     * peer with a 01 or a refused status (a refused document is answered to its sender, through the axis).
     */
    public Recorder routingBy(vn.lienthong.axis.Routing routing) {
        this.routing = routing;
        return this;
    }

    private boolean fromPeer(Inbound in) {
        return routing != null && routing.isPeer(in.handedInBy());
    }

    private List<String> served(Inbound in) {
        return routing == null ? in.receivers().stream().distinct().toList() : routing.served(in.handedInBy(), in.receivers());
    }

    record Pkg(long id, String outcome, Long documentRef) { }

    record Doc(long id, String senderId, String documentId, String sha256, String codeNumber, String codeNotation,
               String promulgationDate, int priority) {
        ResponseFor ref() {
            String code = codeNumber == null ? codeNotation : codeNumber + "/" + codeNotation;
            return new ResponseFor(senderId, code, promulgationDate, documentId);
        }
    }

    record Recipient(String receiverId, String statusCode, String pending) { }

    public List<Dispatch> record(Inbound in) {
        return store.inTransaction(c -> {
            Optional<Pkg> seen = Jdbc.one(c, "SELECT id, outcome, document_ref FROM package WHERE intake_key = ?",
                    rs -> new Pkg(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3)), in.intakeKey());
            if (in.refused()) {
                long id = seen.map(Pkg::id).orElseGet(() -> insertPackage(c, in, "REFUSED", null, in.refusals().get(0), in.refusals()));
                return refusal(c, in, id, in.refusals(), seen.isEmpty());
            }
            return in.isStatus() ? status(c, in, seen) : document(c, in, seen);
        });
    }

    // ---------------------------------------------------------------- documents

    private List<Dispatch> document(Connection c, Inbound in, Optional<Pkg> seen) throws SQLException {
        if (seen.isPresent()) return replay(c, in, seen.get());
        Optional<Long> same = Jdbc.one(c, "SELECT id FROM package WHERE sender_id = ? AND document_id = ? AND sha256 = ?"
                + " AND business_type = ? AND outcome = 'ACCEPTED'", rs -> rs.getLong(1),
                in.senderId(), in.documentId(), in.sha256(), in.businessType());
        if (same.isPresent()) {
            long id = insertPackage(c, in, "DUPLICATE", documentOf(c, same.get()), null, List.of());
            if (fromPeer(in)) return newReceiversOf(c, in, id, document(c, documentOf(c, same.get())));
            return reacknowledge(c, id, documentOf(c, same.get()));
        }
        if (in.businessType() == Business.NEW) {
            Optional<Doc> existing = findDocument(c, in.senderId(), in.documentId());
            if (existing.isPresent() && fromPeer(in)) {
                // the same document again through the axis (a re-send after an outage): deduplicated by id and receiver
                long id = insertPackage(c, in, "DUPLICATE", existing.get().id(), null, List.of());
                return newReceiversOf(c, in, id, existing.get());
            }
            if (existing.isPresent()) {
                return conflict(c, in, Finding.of(ReasonCode.DUPLICATE_CONFLICT, in.documentId()));
            }
            long pkg = insertPackage(c, in, "ACCEPTED", null, null, List.of());
            long doc = Jdbc.insert(c, "INSERT INTO document (sender_id, document_id, package_ref, sha256, code_number, code_notation,"
                    + " subject, document_type, priority, promulgation_date, signer, received_at, official_received_at, late_send,"
                    + " legal_value, signers) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", in.senderId(), in.documentId(), pkg, in.sha256(),
                    Jdbc.clip(in.codeNumber(), 100), Jdbc.clip(in.codeNotation(), 200), Jdbc.clip(in.subject(), 2000),
                    Jdbc.clip(in.documentType(), 20), in.priority(), Jdbc.clip(in.promulgationDate(), 10), Jdbc.clip(in.signer(), 300),
                    OffsetDateTime.parse(in.receivedAt()), OffsetDateTime.parse(in.officialReceivedAt()), in.lateSend(),
                    in.legalValue() == null ? "reference-only" : in.legalValue(),
                    in.signers() == null || in.signers().isEmpty() ? null : Jdbc.clip(String.join("\n", in.signers()), 4000));
            Jdbc.update(c, "UPDATE package SET document_ref = ? WHERE id = ?", doc, pkg);
            for (String r : served(in)) {
                Jdbc.insert(c, "INSERT INTO recipient (document_ref, receiver_id) VALUES (?, ?)", doc, r);
            }
            return deliverToRecipients(c, pkg, doc, in.storedPath(), in.priority(), in.fileName());
        }
        // recall (1), update (2), replacement (3): about an original document of the same sender
        Optional<Doc> original = originalOf(c, in);
        if (original.isEmpty()) {
            String which = in.referencedDocumentIds().isEmpty() ? in.documentId() : String.join(", ", in.referencedDocumentIds());
            return conflict(c, in, Finding.of(ReasonCode.UNKNOWN_ORIGINAL, which));
        }
        Doc doc = original.get();
        long pkg = insertPackage(c, in, "ACCEPTED", doc.id(), null, List.of());
        Request request = switch (in.businessType()) {
            case Business.REVOCATION -> Request.RECALL;
            case Business.UPDATE -> Request.UPDATE;
            default -> Request.REPLACEMENT;
        };
        Jdbc.update(c, "UPDATE recipient SET pending_request = ? WHERE document_ref = ? AND status_code IS NOT NULL"
                + " AND status_code NOT IN ('02', '06', '15')", request.name(), doc.id());
        return deliverToRecipients(c, pkg, doc.id(), in.storedPath(), Math.max(in.priority(), doc.priority()), in.fileName());
    }

    private Optional<Doc> originalOf(Connection c, Inbound in) throws SQLException {
        for (String id : in.referencedDocumentIds()) {
            Optional<Doc> d = findDocument(c, in.senderId(), id);
            if (d.isPresent()) return d;
        }
        return findDocument(c, in.senderId(), in.documentId());
    }

    /** A document already known here came again from a peer: only receivers it did not name before get it. */
    private List<Dispatch> newReceiversOf(Connection c, Inbound in, long pkg, Doc doc) throws SQLException {
        List<String> known = recipients(c, doc.id()).stream().map(Recipient::receiverId).toList();
        List<Dispatch> out = new ArrayList<>();
        OffsetDateTime now = VietnamTime.now(clock);
        for (String r : served(in)) {
            if (known.contains(r)) continue;
            Jdbc.insert(c, "INSERT INTO recipient (document_ref, receiver_id) VALUES (?, ?)", doc.id(), r);
            queueDelivery(c, pkg, r, now);
            out.add(new Dispatch(r, Dispatch.Kind.DOCUMENT, pkg, in.storedPath(), null, inboxName(pkg, in.fileName()),
                    "doc:" + pkg + ":" + r, Urgency.brokerPriority(doc.priority())));
        }
        return out;
    }

    private List<Dispatch> deliverToRecipients(Connection c, long pkg, long doc, String storedPath, int priority, String fileName)
            throws SQLException {
        List<Dispatch> out = new ArrayList<>();
        OffsetDateTime now = VietnamTime.now(clock);
        for (Recipient r : recipients(c, doc)) {
            queueDelivery(c, pkg, r.receiverId(), now);
            out.add(new Dispatch(r.receiverId(), Dispatch.Kind.DOCUMENT, pkg, storedPath, null,
                    inboxName(pkg, fileName), "doc:" + pkg + ":" + r.receiverId(), Urgency.brokerPriority(priority)));
        }
        return out;
    }

    /** The same package handed in again: a fresh 01 for every receiver that already has it. */
    private List<Dispatch> reacknowledge(Connection c, long pkg, Long docRef) throws SQLException {
        if (docRef == null) return List.of();
        Doc doc = document(c, docRef);
        List<Dispatch> out = new ArrayList<>();
        for (Recipient r : recipients(c, docRef)) {
            if (r.statusCode() == null) continue; // not delivered yet: its 01 comes with the delivery
            Integer number = Jdbc.one(c, "SELECT incoming_number FROM recipient WHERE document_ref = ? AND receiver_id = ?",
                    rs -> (Integer) rs.getObject(1), docRef, r.receiverId()).orElse(null);
            out.add(new Dispatch(doc.senderId(), Dispatch.Kind.STATUS, pkg, null, statuses.arrived(r.receiverId(), doc.ref(), number),
                    statusName("01", r.receiverId(), pkg), "ack:" + pkg + ":" + r.receiverId(), Urgency.brokerPriority(doc.priority())));
        }
        return out;
    }

    /** After a crash: the package was recorded, so produce the same dispatches again (the broker drops copies). */
    private List<Dispatch> replay(Connection c, Inbound in, Pkg p) throws SQLException {
        switch (p.outcome()) {
            case "ACCEPTED":
                if (in.isStatus()) return forwardsOf(c, in, p);
                return deliverToRecipients(c, p.id(), p.documentRef(), in.storedPath(), in.priority(), in.fileName());
            case "DUPLICATE":
                if (fromPeer(in)) return p.documentRef() == null ? List.of() : newReceiversOf(c, in, p.id(), document(c, p.documentRef()));
                return reacknowledge(c, p.id(), p.documentRef());
            default:
                List<Finding> why = Jdbc.one(c, "SELECT reason_code, reason_text FROM package WHERE id = ?",
                        rs -> Finding.of(ReasonCode.byCode(rs.getString(1)), rs.getString(2)), p.id()).map(List::of).orElse(List.of());
                return refusal(c, in, p.id(), why, false);
        }
    }

    // ---------------------------------------------------------------- statuses

    private List<Dispatch> status(Connection c, Inbound in, Optional<Pkg> seen) throws SQLException {
        if (seen.isPresent()) return replay(c, in, seen.get());
        if (fromPeer(in) && Jdbc.one(c, "SELECT id FROM package WHERE sha256 = ? AND kind = 'STATUS' AND outcome = 'ACCEPTED'",
                rs -> rs.getLong(1), in.sha256()).isPresent()) {
            // the same status packet again through the axis (a re-send after an outage): recorded, not relayed twice
            insertPackage(c, in, "DUPLICATE", null, null, List.of());
            return List.of();
        }
        Optional<Doc> found = in.responseForOrganId() == null || in.responseForOrganId().isBlank()
                ? uniqueByDocumentId(c, in.documentId())
                : findDocument(c, in.responseForOrganId(), in.documentId());
        if (found.isEmpty()) return conflict(c, in, Finding.of(ReasonCode.STATUS_UNKNOWN_DOCUMENT, in.documentId()));
        Doc doc = found.get();
        String reporter = in.senderId();
        String code = in.statusCode();
        StringBuilder why = new StringBuilder();
        Optional<Recipient> asReceiver = recipients(c, doc.id()).stream().filter(r -> r.receiverId().equals(reporter)).findFirst();
        if (asReceiver.isPresent()) {
            Recipient r = asReceiver.get();
            Request pending = r.pending() == null ? null : Request.valueOf(r.pending());
            Optional<Transition> t = r.statusCode() == null && "01".equals(code) && routing != null && !routing.isLocal(reporter)
                    // a receiver beyond the national axis: its 01 is the first news of it (no local delivery here)
                    ? Optional.of(new Transition("01", pending, false))
                    : StatusMachine.receiverReports(r.statusCode(), pending, code, why);
            if (t.isEmpty()) return conflict(c, in, Finding.of(ReasonCode.STATUS_OUT_OF_ORDER, code + ": " + why));
            Transition next = t.get();
            Jdbc.update(c, "UPDATE recipient SET status_code = ?, pending_request = ? WHERE document_ref = ? AND receiver_id = ?",
                    next.statusCode(), next.pending() == null ? null : next.pending().name(), doc.id(), reporter);
            if (next.recalled() && recipients(c, doc.id()).stream().allMatch(x -> "15".equals(x.statusCode()))) {
                Jdbc.update(c, "UPDATE document SET recalled = TRUE WHERE id = ?", doc.id());
            }
            long pkg = insertPackage(c, in, "ACCEPTED", doc.id(), null, List.of());
            statusEvent(c, doc.id(), pkg, reporter, reporter, code, in.statusDescription(), true, null);
            return forwardsOf(c, in, new Pkg(pkg, "ACCEPTED", doc.id()));
        }
        if (reporter.equals(doc.senderId()) && "13".equals(code)) {
            for (Recipient r : recipients(c, doc.id())) {
                if (StatusMachine.senderRequestsTakeBack(r.statusCode(), new StringBuilder()).isPresent()) {
                    Jdbc.update(c, "UPDATE recipient SET pending_request = ? WHERE document_ref = ? AND receiver_id = ?",
                            Request.TAKE_BACK.name(), doc.id(), r.receiverId());
                }
            }
            long pkg = insertPackage(c, in, "ACCEPTED", doc.id(), null, List.of());
            statusEvent(c, doc.id(), pkg, null, reporter, code, in.statusDescription(), true, null);
            return forwardsOf(c, in, new Pkg(pkg, "ACCEPTED", doc.id()));
        }
        if (fromPeer(in) && "02".equals(code) && !reporter.equals(doc.senderId())) {
            // a gateway beyond the axis refused the document or could not deliver it: its 02 goes on to the sender (R4)
            long pkg = insertPackage(c, in, "ACCEPTED", doc.id(), null, List.of());
            statusEvent(c, doc.id(), pkg, null, reporter, code, in.statusDescription(), true, null);
            return forwardsOf(c, in, new Pkg(pkg, "ACCEPTED", doc.id()));
        }
        return conflict(c, in, Finding.of(ReasonCode.STATUS_NOT_A_PARTY, reporter + " / " + doc.documentId()));
    }

    /** An accepted status goes, unchanged, to the other side: a receiver's to the sender, the sender's 13 to the receivers. */
    private List<Dispatch> forwardsOf(Connection c, Inbound in, Pkg p) throws SQLException {
        Doc doc = document(c, p.documentRef());
        List<String> targets = in.senderId().equals(doc.senderId())
                ? recipients(c, doc.id()).stream().map(Recipient::receiverId).toList()
                : List.of(doc.senderId());
        OffsetDateTime now = VietnamTime.now(clock);
        List<Dispatch> out = new ArrayList<>();
        for (String t : targets) {
            queueDelivery(c, p.id(), t, now);
            out.add(new Dispatch(t, Dispatch.Kind.STATUS, p.id(), in.storedPath(), null, statusName(in.statusCode(), in.senderId(), p.id()),
                    "fwd:" + p.id() + ":" + t, Urgency.brokerPriority(doc.priority())));
        }
        return out;
    }

    /** The delivery row of a package to an agency, created once (a replay finds it). */
    private static void queueDelivery(Connection c, long pkg, String agency, OffsetDateTime now) throws SQLException {
        if (Jdbc.one(c, "SELECT id FROM delivery WHERE package_ref = ? AND agency_id = ?", rs -> rs.getLong(1), pkg, agency).isEmpty()) {
            Jdbc.insert(c, "INSERT INTO delivery (package_ref, agency_id, state, queued_at) VALUES (?, ?, 'QUEUED', ?)", pkg, agency, now);
        }
    }

    // ---------------------------------------------------------------- refusals

    /** Refused after intake (conflicting duplicate, unknown original, status out of order): recorded and answered with 02. */
    private List<Dispatch> conflict(Connection c, Inbound in, Finding why) throws SQLException {
        long id = insertPackage(c, in, "REFUSED", null, why, List.of(why));
        return refusal(c, in, id, List.of(why), true);
    }

    private List<Dispatch> refusal(Connection c, Inbound in, long pkg, List<Finding> why, boolean fresh) throws SQLException {
        ResponseFor about = new ResponseFor(in.isStatus() ? in.responseForOrganId() : in.senderId(),
                in.codeNumber() == null ? null : in.codeNumber() + "/" + in.codeNotation(), in.promulgationDate(),
                in.documentId() == null ? in.fileName() : in.documentId());
        if (fresh) statusEvent(c, null, pkg, in.handedInBy(), "GATEWAY", "02", summary(why), true, why.get(0));
        String to = in.handedInBy();
        if (fromPeer(in)) {
            // from the national axis or a member: a refused document is answered to its sender through the axis;
            // a refused status is only recorded (statuses are never bounced between axes)
            if (!"DOCUMENT".equals(in.kind()) || in.senderId() == null || !routing.routable(in.senderId())) return List.of();
            to = in.senderId();
        }
        return List.of(new Dispatch(to, Dispatch.Kind.STATUS, pkg, null, statuses.refused(about, why),
                statusName("02", "refused", pkg), "refused:" + pkg, Urgency.brokerPriority(in.priority())));
    }

    // ---------------------------------------------------------------- rows

    private long insertPackage(Connection c, Inbound in, String outcome, Long docRef, Finding reason, List<Finding> reasons) {
        events.recorded(in.adapter(), in.handedInBy(), in.kind(), in.documentId(), outcome, reason == null ? null : reason.reason().code());
        try {
            return Jdbc.insert(c, "INSERT INTO package (intake_key, kind, business_type, adapter, handed_in_by, sender_id, document_id,"
                    + " document_ref, status_code, sha256, size_bytes, stored_path, file_name, received_at, official_received_at, outcome,"
                    + " reason_code, reason_text, warnings, legal_value) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    in.intakeKey(), in.kind(), in.businessType(), in.adapter(), in.handedInBy(), Jdbc.clip(in.senderId(), 40),
                    Jdbc.clip(in.documentId(), 255), docRef, Jdbc.clip(in.statusCode(), 2), in.sha256(), in.size(), in.storedPath(),
                    Jdbc.clip(in.fileName(), 255), OffsetDateTime.parse(in.receivedAt()), OffsetDateTime.parse(in.officialReceivedAt()),
                    outcome, reason == null ? null : reason.reason().code(), Jdbc.clip(summary(reasons), 4000),
                    Jdbc.clip(summary(in.warnings()), 4000), in.legalValue());
        } catch (SQLException e) {
            throw new TrackingStore.TrackingException(e);
        }
    }

    private void statusEvent(Connection c, Long doc, long pkg, String receiver, String reporter, String code, String description,
                             boolean accepted, Finding reason) throws SQLException {
        Jdbc.insert(c, "INSERT INTO status_event (document_ref, package_ref, receiver_id, reported_by, status_code, description, at,"
                + " accepted, reason_code, reason_text) VALUES (?,?,?,?,?,?,?,?,?,?)", doc, pkg, receiver, reporter, code,
                Jdbc.clip(description, 4000), VietnamTime.now(clock), accepted, reason == null ? null : reason.reason().code(),
                reason == null ? null : Jdbc.clip(reason.sentence(), 4000));
    }

    static Optional<Doc> findDocument(Connection c, String sender, String documentId) throws SQLException {
        return Jdbc.one(c, "SELECT " + DOC_COLUMNS + " FROM document WHERE sender_id = ? AND document_id = ?", Recorder::doc,
                sender, documentId);
    }

    private static Optional<Doc> uniqueByDocumentId(Connection c, String documentId) throws SQLException {
        List<Doc> all = Jdbc.list(c, "SELECT " + DOC_COLUMNS + " FROM document WHERE document_id = ?", Recorder::doc, documentId);
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    static Doc document(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT " + DOC_COLUMNS + " FROM document WHERE id = ?", Recorder::doc, id).orElseThrow();
    }

    private static Long documentOf(Connection c, long pkg) throws SQLException {
        return Jdbc.one(c, "SELECT document_ref FROM package WHERE id = ?", rs -> (Long) rs.getObject(1), pkg).orElse(null);
    }

    static List<Recipient> recipients(Connection c, long doc) throws SQLException {
        return Jdbc.list(c, "SELECT receiver_id, status_code, pending_request FROM recipient WHERE document_ref = ? ORDER BY id",
                rs -> new Recipient(rs.getString(1), rs.getString(2), rs.getString(3)), doc);
    }

    private static final String DOC_COLUMNS = "id, sender_id, document_id, sha256, code_number, code_notation, promulgation_date, priority";

    private static Doc doc(java.sql.ResultSet rs) throws SQLException {
        return new Doc(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getInt(8));
    }

    private static String summary(List<Finding> findings) {
        return findings == null || findings.isEmpty() ? null : findings.stream().map(Finding::sentence).collect(Collectors.joining("; "));
    }

    static String inboxName(long pkg, String fileName) {
        String base = fileName == null ? "package" : fileName.replaceAll("\\.edxml$", "");
        return pkg + "_" + base.replaceAll("[^\\p{L}\\p{N}._-]", "_") + ".edxml";
    }

    static String statusName(String code, String who, long pkg) {
        return "status_" + code + "_" + who.replaceAll("[^\\p{L}\\p{N}._-]", "_") + "_" + pkg + ".edxml";
    }
}
