package vn.lienthong.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import vn.lienthong.status.StatusCode;
import vn.lienthong.status.StatusMachine;
import vn.lienthong.time.VietnamTime;

/**
 * Documents stuck at a receiver (văn bản tồn đọng): a receiver that has held a document in a
 * non-final status ({@link StatusMachine#isFinal}: still queued, 01 arrived but not accepted, 03, 04,
 * 05) for longer than the configured time, e.g. "who has not accepted a document sent yesterday".
 * The time counts from the receiver's last accepted status, else from the delivery, else from receipt
 * (R3, R16). Recalled documents are not listed.
 */
public final class StuckDocuments {
    /** Non-final status codes, from the status machine; {@code null} (queued, not yet delivered) is non-final too. */
    static final List<String> NON_FINAL = Arrays.stream(StatusCode.values()).map(StatusCode::code)
            .filter(c -> !StatusMachine.isFinal(c)).toList();

    private final TrackingStore store;
    private final Duration after;
    private final Clock clock;

    public StuckDocuments(TrackingStore store, Duration after, Clock clock) {
        this.store = store;
        this.after = after;
        this.clock = clock;
    }

    /** One receiver holding one document too long. */
    public record Stuck(String sender, String documentId, String subject, String receiver, String statusCode, OffsetDateTime since,
                        Duration held) {
        /** The status in words: "chưa chuyển được" while queued, else the code's Vietnamese meaning. */
        public String statusLabel() {
            return statusCode == null ? "Chưa chuyển đến cơ quan nhận" : StatusCode.of(statusCode).map(StatusCode::vietnamese).orElse(statusCode);
        }

        /** The operations log line (one per stuck document and receiver). */
        @Override
        public String toString() {
            return "STUCK document " + documentId + " from " + sender + " at " + receiver + ": status "
                    + (statusCode == null ? "queued" : statusCode) + " (" + statusLabel() + ") since " + VietnamTime.iso(since)
                    + ", " + held.toHours() + " h " + held.toMinutesPart() + " min";
        }
    }

    public Duration after() {
        return after;
    }

    /** Every stuck (document, receiver) now, longest held first. */
    public List<Stuck> find() {
        OffsetDateTime now = VietnamTime.now(clock);
        OffsetDateTime limit = now.minus(after);
        String codes = NON_FINAL.stream().map(c -> "'" + c + "'").collect(Collectors.joining(","));
        return store.inTransaction(c -> {
            List<Stuck> out = new ArrayList<>();
            for (Stuck s : Jdbc.list(c, "SELECT d.sender_id, d.document_id, d.subject, r.receiver_id, r.status_code,"
                    + " COALESCE((SELECT MAX(s.at) FROM status_event s WHERE s.document_ref = d.id AND s.receiver_id = r.receiver_id"
                    + " AND s.accepted = TRUE), r.delivered_at, d.received_at) AS since"
                    + " FROM recipient r JOIN document d ON d.id = r.document_ref"
                    + " WHERE d.recalled = FALSE AND (r.status_code IS NULL OR r.status_code IN (" + codes + "))",
                    rs -> new Stuck(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            VietnamTime.inVietnam(rs.getObject(6, OffsetDateTime.class)), null))) {
                if (s.since().isBefore(limit)) {
                    out.add(new Stuck(s.sender(), s.documentId(), s.subject(), s.receiver(), s.statusCode(), s.since(),
                            Duration.between(s.since(), now)));
                }
            }
            out.sort((a, b) -> a.since().compareTo(b.since()));
            return out;
        });
    }
}
