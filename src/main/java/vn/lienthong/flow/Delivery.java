package vn.lienthong.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.lienthong.edxml.Business;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;

/**
 * Delivery into an agency's hands. Before the adapter writes: {@link #prepare} tells whether this
 * package already reached this agency (a replay) and gives the receipt with the incoming number
 * (số đến, R22), allocated once. After it wrote: {@link #delivered} records it and returns the 01
 * status for the sender (R3).
 */
public final class Delivery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TrackingStore store;
    private final StatusPackets statuses;
    private final Clock clock;
    private vn.lienthong.observe.Events events = vn.lienthong.observe.Events.NONE;

    public Delivery(TrackingStore store, StatusPackets statuses, Clock clock) {
        this.store = store;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** Where each hand-over and dead letter is reported (meters and the event log). */
    public Delivery observedBy(vn.lienthong.observe.Events events) {
        this.events = events;
        return this;
    }

    /** What the receiver gets beside the package: the gateway's receipt, as JSON. */
    public record Ticket(boolean alreadyDelivered, byte[] receipt) { }

    private record PkgRow(String kind, int businessType, Long documentRef, String senderId, String documentId,
                          String receivedAt, String officialAt, String warnings, String legalValue) { }

    public Ticket prepare(long packageId, String agency) {
        return store.inTransaction(c -> {
            String state = Jdbc.one(c, "SELECT state FROM delivery WHERE package_ref = ? AND agency_id = ?",
                    rs -> rs.getString(1), packageId, agency).orElse(null);
            if ("DELIVERED".equals(state)) return new Ticket(true, null);
            PkgRow p = pkg(c, packageId);
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("documentId", p.documentId());
            receipt.put("sender", p.senderId());
            receipt.put("receiver", agency);
            receipt.put("businessType", p.businessType());
            receipt.put("receivedAt", p.receivedAt());
            receipt.put("officialReceivedAt", p.officialAt());
            if ("DOCUMENT".equals(p.kind()) && p.businessType() == Business.NEW && p.documentRef() != null) {
                int[] number = incomingNumber(c, p.documentRef(), agency);
                receipt.put("incomingYear", number[0]);
                receipt.put("incomingNumber", number[1]);
            }
            if (p.legalValue() != null) receipt.put("legalValue", p.legalValue());
            if (p.documentRef() != null) {
                Jdbc.one(c, "SELECT signers FROM document WHERE id = ?", rs -> rs.getString(1), p.documentRef())
                        .filter(x -> x != null).ifPresent(x -> receipt.put("signers", java.util.List.of(x.split("\n"))));
            }
            if (p.warnings() != null) receipt.put("warnings", java.util.List.of(p.warnings().split("; ")));
            try {
                return new Ticket(false, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(receipt));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Records the delivery; for a new document also the 01 status, which is returned for the sender.
     *
     * @param kind what was handed over: {@code DOCUMENT} (a package for the agency) or {@code STATUS}
     *             (a status about the agency's own document: never answered with a 01)
     */
    public Optional<Dispatch> delivered(long packageId, String agency, String kind) {
        return delivered(packageId, agency, kind, null);
    }

    /** @param adapter how the agency received it ({@code file}, {@code mailbox}, {@code mail}), for the event log and meters */
    public Optional<Dispatch> delivered(long packageId, String agency, String kind, String adapter) {
        return store.inTransaction(c -> {
            OffsetDateTime now = VietnamTime.now(clock);
            boolean first = Jdbc.update(c, "UPDATE delivery SET state = 'DELIVERED', delivered_at = ? WHERE package_ref = ? AND agency_id = ?"
                    + " AND state <> 'DELIVERED'", now, packageId, agency) > 0;
            if (first) observeDelivered(c, packageId, agency, adapter, now);
            if (!"DOCUMENT".equals(kind)) return Optional.empty();
            PkgRow p = pkg(c, packageId);
            if (!"DOCUMENT".equals(p.kind()) || p.businessType() != Business.NEW || p.documentRef() == null) return Optional.empty();
            if (first) {
                Jdbc.update(c, "UPDATE recipient SET status_code = COALESCE(status_code, '01'), delivered_at = ?"
                        + " WHERE document_ref = ? AND receiver_id = ?", now, p.documentRef(), agency);
                Jdbc.insert(c, "INSERT INTO status_event (document_ref, package_ref, receiver_id, reported_by, status_code, description, at,"
                        + " accepted) VALUES (?,?,?,?,'01',?,?,TRUE)", p.documentRef(), packageId, agency, agency,
                        "Đã đến hộp thư đến / in the receiver's inbox", now);
            }
            Recorder.Doc doc = Recorder.document(c, p.documentRef());
            Integer number = Jdbc.one(c, "SELECT incoming_number FROM recipient WHERE document_ref = ? AND receiver_id = ?",
                    rs -> (Integer) rs.getObject(1), p.documentRef(), agency).orElse(null);
            return Optional.of(new Dispatch(doc.senderId(), Dispatch.Kind.STATUS, packageId, null,
                    statuses.arrived(agency, doc.ref(), number), Recorder.statusName("01", agency, packageId),
                    "st01:" + packageId + ":" + agency, Urgency.brokerPriority(doc.priority())));
        });
    }

    /**
     * Whether {@code fileName} was already handed over to {@code agency}: its hidden copy was complete and
     * recorded by {@link #publish}. If the crash came before the rename, the rename is done now. Either way the
     * file must not be written again: the agency's system may already have taken it.
     */
    public boolean handedOver(String agency, String fileName) throws IOException {
        Optional<String> hidden = store.inTransaction(c -> Jdbc.one(c,
                "SELECT hidden_path FROM handover WHERE agency_id = ? AND file_name = ?", rs -> rs.getString(1), agency, fileName));
        if (hidden.isEmpty()) return false;
        Path h = Path.of(hidden.get());
        if (Files.exists(h)) Files.move(h, h.resolveSibling(fileName), StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /**
     * The hidden copy {@code hidden} (".<fileName>") is complete: remember the hand-over, then make the file
     * visible under {@code fileName} by an atomic rename. Recorded first, so that a crash in between is
     * finished by {@link #handedOver} rather than written twice.
     */
    public void publish(String agency, String fileName, Path hidden) throws IOException {
        store.inTransaction(c -> {
            OffsetDateTime now = VietnamTime.now(clock);
            if (Jdbc.update(c, "UPDATE handover SET hidden_path = ?, written_at = ? WHERE agency_id = ? AND file_name = ?",
                    hidden.toString(), now, agency, fileName) == 0) {
                Jdbc.update(c, "INSERT INTO handover (agency_id, file_name, hidden_path, written_at) VALUES (?, ?, ?, ?)",
                        agency, fileName, hidden.toString(), now);
            }
            return null;
        });
        Files.move(hidden, hidden.resolveSibling(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    /** A delivery the broker gave up on after its retries: kept visible in the store (and the package stays in the archive). */
    public void deadLettered(long packageId, String agency, String reason) {
        deadLettered(packageId, agency, null, reason);
    }

    /**
     * A delivery given up after its retry limit (R18): marked DEAD_LETTER with the last error, a 02 status
     * event with E900 recorded for the receiver ("its status says so"), and, for a document, the notice to
     * send to its sender: a 02 from the gateway naming the receiver and the error. The receiver's own status
     * is not changed: a replay by IT staff may still deliver it. Nothing is recorded or sent when the delivery
     * was already made or already dead-lettered (a redelivery of the dead letter after a crash).
     */
    public Optional<Dispatch> deadLettered(long packageId, String agency, String kind, String reason) {
        String[] what = store.inTransaction(c -> Jdbc.one(c, "SELECT sender_id, document_id FROM package WHERE id = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, packageId).orElse(new String[2]));
        events.deadLettered(vn.lienthong.broker.Queues.agency(agency), what[0], agency, what[1], reason);
        return store.inTransaction(c -> {
            // only the first time it goes dead (again after a replay): the same dead letter taken again after a
            // crash, or a delivery already made, does not tell the sender a second time
            boolean newlyDead = Jdbc.update(c, "UPDATE delivery SET state = 'DEAD_LETTER', reason_text = ? WHERE package_ref = ?"
                    + " AND agency_id = ? AND state NOT IN ('DELIVERED', 'DEAD_LETTER')", Jdbc.clip(reason, 4000), packageId, agency) > 0;
            if (!newlyDead || !"DOCUMENT".equals(kind)) return Optional.<Dispatch>empty();
            PkgRow p = pkg(c, packageId);
            if (p.documentRef() == null) return Optional.<Dispatch>empty();
            Recorder.Doc doc = Recorder.document(c, p.documentRef());
            if (agency.equals(doc.senderId())) return Optional.<Dispatch>empty();
            vn.lienthong.validation.Finding why = vn.lienthong.validation.Finding.of(vn.lienthong.validation.ReasonCode.DELIVERY_FAILED,
                    agency + ": " + reason);
            Jdbc.insert(c, "INSERT INTO status_event (document_ref, package_ref, receiver_id, reported_by, status_code, description, at,"
                    + " accepted, reason_code, reason_text) VALUES (?,?,?,'GATEWAY','02',?,?,FALSE,?,?)", p.documentRef(), packageId, agency,
                    Jdbc.clip(why.sentence(), 4000), VietnamTime.now(clock), why.reason().code(), Jdbc.clip(why.sentence(), 4000));
            int n = Jdbc.one(c, "SELECT COUNT(*) FROM status_event WHERE package_ref = ? AND receiver_id = ? AND reason_code = ?",
                    rs -> rs.getInt(1), packageId, agency, why.reason().code()).orElse(1);
            return Optional.of(new Dispatch(doc.senderId(), Dispatch.Kind.STATUS, packageId, null,
                    statuses.refused(doc.ref(), java.util.List.of(why)), Recorder.statusName("02", "undelivered_" + agency, packageId)
                    .replace(".edxml", "_" + n + ".edxml"), "dead:" + packageId + ":" + agency + ":" + n, Urgency.brokerPriority(doc.priority())));
        });
    }

    /** The first hand-over of a package to an agency: a delivered document or a relayed status, with the time since it was queued. */
    private void observeDelivered(Connection c, long packageId, String agency, String adapter, OffsetDateTime now) throws SQLException {
        Jdbc.one(c, "SELECT p.kind, p.sender_id, p.document_id, p.status_code, d.queued_at FROM package p JOIN delivery d"
                + " ON d.package_ref = p.id WHERE p.id = ? AND d.agency_id = ?", rs -> {
                    OffsetDateTime queued = rs.getObject(5, OffsetDateTime.class);
                    java.time.Duration wait = queued == null ? null : java.time.Duration.between(queued, now);
                    if ("STATUS".equals(rs.getString(1))) {
                        events.statusRelayed(adapter, rs.getString(2), agency, rs.getString(3), rs.getString(4), wait);
                    } else {
                        events.delivered(adapter, rs.getString(2), agency, rs.getString(3), wait);
                    }
                    return Boolean.TRUE;
                }, packageId, agency);
    }

    /** The receiver's incoming-number book: one number per document, consecutive per receiver and year (R22). */
    private int[] incomingNumber(Connection c, long doc, String receiver) throws SQLException {
        Optional<int[]> has = Jdbc.one(c, "SELECT incoming_year, incoming_number FROM recipient WHERE document_ref = ? AND receiver_id = ?"
                + " AND incoming_number IS NOT NULL", rs -> new int[] {rs.getInt(1), rs.getInt(2)}, doc, receiver);
        if (has.isPresent()) return has.get();
        int year = VietnamTime.now(clock).getYear();
        if (Jdbc.update(c, "UPDATE incoming_counter SET last_number = last_number + 1 WHERE receiver_id = ? AND book_year = ?",
                receiver, year) == 0) {
            Jdbc.update(c, "INSERT INTO incoming_counter (receiver_id, book_year, last_number) VALUES (?, ?, 1)", receiver, year);
        }
        int number = Jdbc.one(c, "SELECT last_number FROM incoming_counter WHERE receiver_id = ? AND book_year = ?",
                rs -> rs.getInt(1), receiver, year).orElseThrow();
        Jdbc.update(c, "UPDATE recipient SET incoming_year = ?, incoming_number = ? WHERE document_ref = ? AND receiver_id = ?",
                year, number, doc, receiver);
        return new int[] {year, number};
    }

    private static PkgRow pkg(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT kind, business_type, document_ref, sender_id, document_id, received_at, official_received_at, warnings,"
                + " legal_value FROM package WHERE id = ?", rs -> new PkgRow(rs.getString(1), rs.getInt(2), (Long) rs.getObject(3),
                rs.getString(4), rs.getString(5), iso(rs.getObject(6, OffsetDateTime.class)), iso(rs.getObject(7, OffsetDateTime.class)),
                rs.getString(8), rs.getString(9)), id).orElseThrow(() -> new IllegalStateException("no package " + id));
    }

    private static String iso(OffsetDateTime t) {
        return t == null ? null : VietnamTime.iso(t);
    }
}
