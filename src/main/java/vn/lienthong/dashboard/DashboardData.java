package vn.lienthong.dashboard;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienthong.broker.Queues;
import vn.lienthong.registry.Agency;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.status.StatusCode;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.StuckDocuments;
import vn.lienthong.tracking.TraceQuery;
import vn.lienthong.tracking.TrackingStore;
import vn.lienthong.validation.ReasonCode;

/**
 * What the operations dashboard shows, assembled from the tracking store and the broker (R16, R20):
 * today's flows per agency, queue depths, recent refusals, stuck documents, document search and a
 * document's history as a timeline. Read-only; times are ISO 8601 in +07:00.
 */
public final class DashboardData {
    private static final Pattern STATUS = Pattern.compile("^status (\\d\\d)");
    private final TrackingStore store;
    private final AgencyRegistry registry;
    private final vn.lienthong.observe.QueueDepths.Source queues;
    private final StuckDocuments stuck;
    private final TraceQuery trace;
    private final Clock clock;

    public DashboardData(TrackingStore store, AgencyRegistry registry, vn.lienthong.observe.QueueDepths.Source queues, StuckDocuments stuck, TraceQuery trace,
                         Clock clock) {
        this.store = store;
        this.registry = registry;
        this.queues = queues;
        this.stuck = stuck;
        this.trace = trace;
        this.clock = clock;
    }

    /** Today's documents per agency (from 00:00 +07:00): sent (accepted), received (delivered to it), refused (packages it handed in). */
    public record Flow(String agency, String name, long sent, long received, long refused) { }

    /** One broker queue and how many messages wait on it (-1: not known). */
    public record Queue(String queue, String agency, long depth) { }

    /** A refused package: who handed it in, the reason code with its clerk-readable sentence, and the details. */
    public record Refusal(String at, String agency, String documentId, String fileName, String kind, String reasonCode,
                          String reasonVi, String reasonEn, String details) { }

    /** A document found by the search. */
    public record DocumentRow(String sender, String documentId, String subject, String notation, String receivedAt,
                              String legalValue, List<Map<String, String>> receivers) { }

    /** One line of a document's timeline. */
    public record TimelineEvent(String at, String what, String agency, String detail, String statusCode, String statusLabel) { }

    public record StuckRow(String sender, String documentId, String subject, String receiver, String statusCode, String statusLabel,
                           String since, long hours) { }

    public List<Flow> flowsToday() {
        OffsetDateTime start = VietnamTime.nowZoned(clock).toLocalDate().atStartOfDay(VietnamTime.ZONE).toOffsetDateTime();
        return store.inTransaction(c -> {
            Map<String, long[]> counts = new LinkedHashMap<>();
            for (Agency a : registry.all()) counts.put(a.id(), new long[3]);
            for (var r : Jdbc.list(c, "SELECT handed_in_by, COUNT(*) FROM package WHERE kind = 'DOCUMENT' AND outcome = 'ACCEPTED'"
                    + " AND received_at >= ? GROUP BY handed_in_by", rs -> Map.entry(rs.getString(1), rs.getLong(2)), start)) {
                counts.computeIfAbsent(r.getKey(), k -> new long[3])[0] = r.getValue();
            }
            for (var r : Jdbc.list(c, "SELECT d.agency_id, COUNT(*) FROM delivery d JOIN package p ON p.id = d.package_ref"
                    + " WHERE p.kind = 'DOCUMENT' AND d.state = 'DELIVERED' AND d.delivered_at >= ? GROUP BY d.agency_id",
                    rs -> Map.entry(rs.getString(1), rs.getLong(2)), start)) {
                counts.computeIfAbsent(r.getKey(), k -> new long[3])[1] = r.getValue();
            }
            for (var r : Jdbc.list(c, "SELECT handed_in_by, COUNT(*) FROM package WHERE outcome = 'REFUSED' AND received_at >= ?"
                    + " GROUP BY handed_in_by", rs -> Map.entry(rs.getString(1), rs.getLong(2)), start)) {
                counts.computeIfAbsent(r.getKey(), k -> new long[3])[2] = r.getValue();
            }
            List<Flow> out = new ArrayList<>();
            counts.forEach((id, n) -> out.add(new Flow(id, registry.find(id).map(Agency::name).orElse(id), n[0], n[1], n[2])));
            return out;
        });
    }

    /** The gateway's queues: inbound, each registered agency's, dead letters and parked. */
    public List<Queue> queues() {
        List<Queue> out = new ArrayList<>();
        out.add(new Queue(Queues.INBOUND, null, queues.messageCount(Queues.INBOUND).orElse(-1)));
        for (Agency a : registry.all()) out.add(new Queue(Queues.agency(a.id()), a.id(), queues.messageCount(Queues.agency(a.id())).orElse(-1)));
        out.add(new Queue(Queues.DEAD, null, queues.messageCount(Queues.DEAD).orElse(-1)));
        out.add(new Queue(Queues.PARKED, null, queues.messageCount(Queues.PARKED).orElse(-1)));
        return out;
    }

    /** The latest refusals, newest first. */
    public List<Refusal> recentRefusals(int limit) {
        return store.inTransaction(c -> Jdbc.list(c, "SELECT received_at, handed_in_by, document_id, file_name, kind, reason_code, reason_text"
                + " FROM package WHERE outcome = 'REFUSED' ORDER BY received_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY", rs -> {
                    String code = rs.getString(6);
                    ReasonCode reason = reason(code);
                    return new Refusal(VietnamTime.iso(rs.getObject(1, OffsetDateTime.class)), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), code, reason == null ? null : reason.vietnamese(),
                            reason == null ? null : reason.english(), rs.getString(7));
                }));
    }

    public List<StuckRow> stuck() {
        return stuck.find().stream().map(s -> new StuckRow(s.sender(), s.documentId(), s.subject(), s.receiver(), s.statusCode(),
                s.statusLabel(), VietnamTime.iso(s.since()), s.held().toHours())).toList();
    }

    public String stuckAfter() {
        return stuck.after().toString();
    }

    /** Documents whose id, subject or number/notation contains {@code q} (all when blank), newest first. */
    public List<DocumentRow> search(String q, int limit) {
        String like = "%" + (q == null ? "" : q.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        return store.inTransaction(c -> {
            Map<Long, DocumentRow> found = new LinkedHashMap<>();
            for (var d : Jdbc.list(c, "SELECT id, sender_id, document_id, subject, code_number, code_notation, received_at, legal_value"
                    + " FROM document WHERE LOWER(document_id) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(subject, '')) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(COALESCE(code_number, '') || '/' || COALESCE(code_notation, '')) LIKE ? ESCAPE '\\'"
                    + " ORDER BY received_at DESC, id DESC FETCH FIRST " + limit + " ROWS ONLY", rs -> Map.entry(rs.getLong(1),
                            new DocumentRow(rs.getString(2), rs.getString(3), rs.getString(4), notation(rs.getString(5), rs.getString(6)),
                                    VietnamTime.iso(rs.getObject(7, OffsetDateTime.class)), rs.getString(8), new ArrayList<>())),
                    like, like, like)) {
                found.put(d.getKey(), d.getValue());
            }
            if (found.isEmpty()) return List.of();
            // every found document's receivers in one query, not one query per document
            String in = String.join(", ", java.util.Collections.nCopies(found.size(), "?"));
            for (var r : Jdbc.list(c, "SELECT document_ref, receiver_id, status_code FROM recipient WHERE document_ref IN (" + in
                    + ") ORDER BY id", rs -> {
                        Map<String, String> m = new LinkedHashMap<>();
                        m.put("receiver", rs.getString(2));
                        m.put("statusCode", rs.getString(3));
                        m.put("statusLabel", rs.getString(3) == null ? "Chưa chuyển"
                                : StatusCode.of(rs.getString(3)).map(StatusCode::vietnamese).orElse(rs.getString(3)));
                        return Map.entry(rs.getLong(1), m);
                    }, found.keySet().toArray())) {
                found.get(r.getKey()).receivers().add(r.getValue());
            }
            return new ArrayList<>(found.values());
        });
    }

    /** The document's history (tracking.TraceQuery) as a timeline, status codes named in Vietnamese. */
    public List<TimelineEvent> timeline(String documentId) {
        return trace.of(documentId).stream().map(e -> {
            Matcher m = STATUS.matcher(e.what());
            String code = m.find() ? m.group(1) : null;
            return new TimelineEvent(VietnamTime.iso(e.at()), e.what(), e.agency(), e.detail(), code,
                    code == null ? null : StatusCode.of(code).map(StatusCode::vietnamese).orElse(null));
        }).toList();
    }

    private static String notation(String number, String notation) {
        if (number == null && notation == null) return null;
        return (number == null ? "" : number) + (notation == null ? "" : "/" + notation);
    }

    private static ReasonCode reason(String code) {
        if (code == null) return null;
        try {
            return ReasonCode.byCode(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
