package vn.lienthong.tracking;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vn.lienthong.time.VietnamTime;

/**
 * The send/receive history of a document (lịch sử gửi, nhận, R16), assembled from the store: every
 * package about it (the document, recalls, updates, statuses, refusals), every delivery, every status.
 */
public final class TraceQuery {
    private final TrackingStore store;

    public TraceQuery(TrackingStore store) {
        this.store = store;
    }

    /** One line of the history, in time order. */
    public record Event(OffsetDateTime at, String what, String agency, String detail) {
        @Override
        public String toString() {
            return VietnamTime.iso(at) + "  " + what + "  " + (agency == null ? "" : agency) + (detail == null ? "" : "  " + detail);
        }
    }

    public List<Event> of(String documentId) {
        return store.inTransaction(c -> {
            List<Event> out = new ArrayList<>();
            out.addAll(Jdbc.list(c, "SELECT received_at, kind, business_type, outcome, handed_in_by, reason_text, status_code, id FROM package"
                    + " WHERE document_id = ?", rs -> new Event(rs.getObject(1, OffsetDateTime.class),
                    "received " + rs.getString(2).toLowerCase() + (rs.getString(7) == null ? "" : " " + rs.getString(7))
                            + " (package " + rs.getLong(8) + ", type " + rs.getInt(3) + ") " + rs.getString(4),
                    rs.getString(5), rs.getString(6)), documentId));
            out.addAll(Jdbc.list(c, "SELECT d.queued_at, d.delivered_at, d.state, d.agency_id, d.reason_text, d.package_ref FROM delivery d"
                    + " JOIN package p ON p.id = d.package_ref WHERE p.document_id = ?", rs -> {
                        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                        return new Event(at == null ? rs.getObject(1, OffsetDateTime.class) : at,
                                "delivery of package " + rs.getLong(6) + " " + rs.getString(3), rs.getString(4), rs.getString(5));
                    }, documentId));
            out.addAll(Jdbc.list(c, "SELECT s.at, s.status_code, s.reported_by, s.receiver_id, s.accepted, s.description, s.reason_text"
                    + " FROM status_event s JOIN package p ON p.id = s.package_ref WHERE p.document_id = ?",
                    rs -> new Event(rs.getObject(1, OffsetDateTime.class), "status " + rs.getString(2) + (rs.getBoolean(5) ? "" : " refused")
                            + " by " + rs.getString(3) + (rs.getString(4) == null ? "" : " for " + rs.getString(4)), null,
                            rs.getString(7) != null ? rs.getString(7) : rs.getString(6)), documentId));
            out.addAll(Jdbc.list(c, "SELECT r.delivered_at, r.receiver_id, r.status_code, r.incoming_year, r.incoming_number FROM recipient r"
                    + " JOIN document d ON d.id = r.document_ref WHERE d.document_id = ? AND r.incoming_number IS NOT NULL",
                    rs -> new Event(rs.getObject(1, OffsetDateTime.class), "incoming number " + rs.getInt(5) + "/" + rs.getInt(4)
                            + ", current status " + rs.getString(3), rs.getString(2), null), documentId));
            out.addAll(Jdbc.list(c, "SELECT received_at, legal_value, signers, sender_id FROM document WHERE document_id = ?",
                    rs -> new Event(rs.getObject(1, OffsetDateTime.class), "legal value " + rs.getString(2), rs.getString(4),
                            rs.getString(3) == null ? "no verifiable signature" : rs.getString(3).replace('\n', ';')), documentId));
            out.removeIf(e -> e.at() == null);
            out.sort(Comparator.comparing(Event::at));
            return out;
        });
    }
}
