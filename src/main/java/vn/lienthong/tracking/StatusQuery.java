package vn.lienthong.tracking;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The current status of a document at each of its receivers (R3): the latest accepted status, the
 * pending recall/update request, the incoming number (R22), when it arrived and when its status last
 * changed. For {@code bin/lienthong status} and anyone who needs "where is my document now".
 */
public final class StatusQuery {
    private final TrackingStore store;

    public StatusQuery(TrackingStore store) {
        this.store = store;
    }

    /** One document (a DocumentId may be used by two senders; each is its own document). */
    public record Document(long id, String senderId, String documentId, String subject, OffsetDateTime receivedAt,
                           OffsetDateTime officialReceivedAt, boolean lateSend, boolean recalled, String legalValue,
                           List<Receiver> receivers) { }

    /** The document at one receiver; {@code statusCode} null while it waits in the queue. */
    public record Receiver(String receiverId, String statusCode, String pendingRequest, Integer incomingNumber, Integer incomingYear,
                           OffsetDateTime deliveredAt, OffsetDateTime lastChange) { }

    public List<Document> of(String documentId) {
        return store.inTransaction(c -> {
            List<Document> docs = Jdbc.list(c, "SELECT id, sender_id, document_id, subject, received_at, official_received_at, late_send,"
                    + " recalled, legal_value FROM document WHERE document_id = ? ORDER BY id", rs -> new Document(rs.getLong(1),
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class),
                    rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9), List.of()), documentId);
            List<Document> out = new java.util.ArrayList<>();
            for (Document d : docs) {
                List<Receiver> rs = Jdbc.list(c, "SELECT r.receiver_id, r.status_code, r.pending_request, r.incoming_number, r.incoming_year,"
                        + " r.delivered_at, (SELECT MAX(s.at) FROM status_event s WHERE s.document_ref = r.document_ref"
                        + " AND s.receiver_id = r.receiver_id AND s.accepted = TRUE) FROM recipient r WHERE r.document_ref = ? ORDER BY r.id",
                        x -> new Receiver(x.getString(1), x.getString(2), x.getString(3), (Integer) x.getObject(4), (Integer) x.getObject(5),
                                x.getObject(6, OffsetDateTime.class), x.getObject(7, OffsetDateTime.class)), d.id());
                out.add(new Document(d.id(), d.senderId(), d.documentId(), d.subject(), d.receivedAt(), d.officialReceivedAt(),
                        d.lateSend(), d.recalled(), d.legalValue(), rs));
            }
            return out;
        });
    }
}
