package vn.lienthong.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.lienthong.status.StatusCode;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.tracking.Jdbc;
import vn.lienthong.tracking.TrackingStore;
import vn.lienthong.validation.ReasonCode;

/**
 * Builds the periodic report (R17) from the tracking store. Plain SQL that runs on H2 and PostgreSQL
 * (counts and groupings in SQL; medians, percentiles and numbering gaps in Java, where both databases
 * agree). A document belongs to the period by the time the gateway received it; a delivery by the time
 * it reached the receiver; a refusal by the time the refused package was received.
 */
public final class ReportQuery {
    private static final Pattern DOCUMENT_ID = Pattern.compile("^(.+)-(\\d{4})\\.(\\d{1,9})$");
    private static final Pattern NUMBER = Pattern.compile("^\\s*(\\d{1,9})\\s*$");

    private final TrackingStore store;

    public ReportQuery(TrackingStore store) {
        this.store = store;
    }

    /**
     * @param agency restrict to one agency (its sending, its receiving, its refusals), or null for all
     * @param names  agency names by organisation id, for the labels (may be empty)
     */
    public Report build(Period period, String agency, Map<String, String> names, Clock clock) {
        return store.inTransaction(c -> build(c, period, agency, names, clock));
    }

    private Report build(Connection c, Period p, String agency, Map<String, String> names, Clock clock) throws SQLException {
        OffsetDateTime from = p.start();
        OffsetDateTime to = p.end();
        Map<String, long[]> rows = new TreeMap<>(); // sent, received, refused, recalls, late, legal, reference
        long recalled = 0;
        for (Object[] r : Jdbc.list(c, "SELECT sender_id, COUNT(*),"
                + " SUM(CASE WHEN late_send THEN 1 ELSE 0 END), SUM(CASE WHEN legal_value = 'legal' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN legal_value = 'legal' THEN 0 ELSE 1 END), SUM(CASE WHEN recalled THEN 1 ELSE 0 END)"
                + " FROM document WHERE received_at >= ? AND received_at < ?" + and("sender_id", agency) + " GROUP BY sender_id",
                rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)},
                args(from, to, agency))) {
            long[] a = rows.computeIfAbsent((String) r[0], k -> new long[7]);
            a[0] = (Long) r[1];
            a[4] = (Long) r[2];
            a[5] = (Long) r[3];
            a[6] = (Long) r[4];
            recalled += (Long) r[5];
        }
        for (Object[] r : Jdbc.list(c, "SELECT receiver_id, COUNT(*) FROM recipient WHERE delivered_at >= ? AND delivered_at < ?"
                + and("receiver_id", agency) + " GROUP BY receiver_id", rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                args(from, to, agency))) {
            rows.computeIfAbsent((String) r[0], k -> new long[7])[1] = (Long) r[1];
        }
        for (Object[] r : Jdbc.list(c, "SELECT handed_in_by, COUNT(*) FROM package WHERE outcome = 'REFUSED'"
                + " AND received_at >= ? AND received_at < ?" + and("handed_in_by", agency) + " GROUP BY handed_in_by",
                rs -> new Object[] {rs.getString(1), rs.getLong(2)}, args(from, to, agency))) {
            rows.computeIfAbsent((String) r[0], k -> new long[7])[2] = (Long) r[1];
        }
        for (Object[] r : Jdbc.list(c, "SELECT sender_id, COUNT(*) FROM package WHERE kind = 'DOCUMENT' AND business_type = 1"
                + " AND outcome = 'ACCEPTED' AND received_at >= ? AND received_at < ?" + and("sender_id", agency) + " GROUP BY sender_id",
                rs -> new Object[] {rs.getString(1), rs.getLong(2)}, args(from, to, agency))) {
            rows.computeIfAbsent((String) r[0], k -> new long[7])[3] = (Long) r[1];
        }
        long refusedByReceivers = Jdbc.one(c, "SELECT COUNT(*) FROM status_event WHERE status_code = '02' AND accepted = TRUE"
                + " AND reported_by <> 'GATEWAY' AND at >= ? AND at < ?" + and("receiver_id", agency), rs -> rs.getLong(1),
                args(from, to, agency)).orElse(0L);

        List<Report.ReasonCount> refusals = Jdbc.list(c, "SELECT reason_code, COUNT(*) FROM package WHERE outcome = 'REFUSED'"
                + " AND received_at >= ? AND received_at < ?" + and("handed_in_by", agency) + " GROUP BY reason_code ORDER BY reason_code",
                rs -> reason(rs.getString(1), rs.getLong(2)), args(from, to, agency));

        String party = agency == null ? "" : " AND (d.sender_id = ? OR r.receiver_id = ?)";
        Object[] partyArgs = agency == null ? new Object[] {from, to} : new Object[] {from, to, agency, agency};
        List<Report.StatusCount> statuses = Jdbc.list(c, "SELECT r.status_code, COUNT(*) FROM recipient r JOIN document d ON d.id = r.document_ref"
                + " WHERE d.received_at >= ? AND d.received_at < ?" + party + " GROUP BY r.status_code ORDER BY r.status_code",
                rs -> status(rs.getString(1), rs.getLong(2)), partyArgs);

        // arrival (01) → first acceptance by the receiver (03, or 04–06 when 03 was skipped)
        List<Object[]> waits = Jdbc.list(c, "SELECT r.receiver_id, r.delivered_at, (SELECT MIN(s.at) FROM status_event s"
                + " WHERE s.document_ref = r.document_ref AND s.receiver_id = r.receiver_id AND s.accepted = TRUE"
                + " AND s.status_code IN ('03', '04', '05', '06')) FROM recipient r JOIN document d ON d.id = r.document_ref"
                + " WHERE r.delivered_at IS NOT NULL AND d.received_at >= ? AND d.received_at < ?" + and("r.receiver_id", agency),
                rs -> new Object[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class)},
                args(from, to, agency));
        List<Long> all = new ArrayList<>();
        Map<String, List<Long>> perReceiver = new TreeMap<>();
        long waiting = 0;
        for (Object[] w : waits) {
            if (w[2] == null) {
                waiting++;
                continue;
            }
            long s = Math.max(0, Duration.between((OffsetDateTime) w[1], (OffsetDateTime) w[2]).toSeconds());
            all.add(s);
            perReceiver.computeIfAbsent((String) w[0], k -> new ArrayList<>()).add(s);
        }
        Report.Acceptance acceptance = new Report.Acceptance(all.size(), waiting, median(all), percentile(all, 90));

        List<Report.AgencyFigures> agencies = new ArrayList<>();
        if (agency != null) rows.computeIfAbsent(agency, k -> new long[7]);
        for (var e : rows.entrySet()) {
            long[] a = e.getValue();
            agencies.add(new Report.AgencyFigures(e.getKey(), names.get(e.getKey()), a[0], a[1], a[2], a[3], a[4], a[5], a[6],
                    median(perReceiver.getOrDefault(e.getKey(), List.of()))));
        }
        Report.Totals totals = new Report.Totals(sum(rows.values(), 0), sum(rows.values(), 1), sum(rows.values(), 2), refusedByReceivers,
                sum(rows.values(), 3), recalled, sum(rows.values(), 4), sum(rows.values(), 5), sum(rows.values(), 6));

        List<Object[]> numbered = Jdbc.list(c, "SELECT sender_id, document_id, code_number, promulgation_date, received_at FROM document"
                + " WHERE received_at >= ? AND received_at < ?" + and("sender_id", agency),
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)},
                args(from, to, agency));
        return new Report(p.label(), p.from().toString(), p.to().toString(), agency, VietnamTime.iso(VietnamTime.now(clock)), totals,
                agencies, refusals, statuses, acceptance, numbering(numbered));
    }

    /** R2: per agency and year, numbers missing between the lowest and highest seen, and numbers used twice. */
    static List<Report.NumberingIssue> numbering(List<Object[]> docs) {
        Map<String, List<Long>> books = new TreeMap<>(); // agency|year|kind → numbers
        for (Object[] d : docs) {
            String sender = (String) d[0];
            Matcher id = DOCUMENT_ID.matcher((String) d[1]);
            if (id.matches() && id.group(1).equals(sender)) {
                books.computeIfAbsent(sender + "|" + id.group(2) + "|document-id", k -> new ArrayList<>()).add(Long.parseLong(id.group(3)));
            }
            Matcher n = d[2] == null ? null : NUMBER.matcher((String) d[2]);
            if (n != null && n.matches()) {
                String date = (String) d[3];
                String year = date != null && date.matches("\\d{4}/.*") ? date.substring(0, 4)
                        : Integer.toString(VietnamTime.inVietnam((OffsetDateTime) d[4]).getYear());
                books.computeIfAbsent(sender + "|" + year + "|code-number", k -> new ArrayList<>()).add(Long.parseLong(n.group(1)));
            }
        }
        List<Report.NumberingIssue> out = new ArrayList<>();
        for (var e : books.entrySet()) {
            String[] k = e.getKey().split("\\|");
            List<Long> numbers = e.getValue().stream().sorted().toList();
            List<Long> repeats = new ArrayList<>();
            List<String> gaps = new ArrayList<>();
            for (int i = 1; i < numbers.size(); i++) {
                long prev = numbers.get(i - 1);
                long cur = numbers.get(i);
                if (cur == prev && !repeats.contains(cur)) repeats.add(cur);
                if (cur > prev + 1) gaps.add(cur == prev + 2 ? Long.toString(prev + 1) : (prev + 1) + "-" + (cur - 1));
            }
            if (!gaps.isEmpty() || !repeats.isEmpty()) {
                out.add(new Report.NumberingIssue(k[0], Integer.parseInt(k[1]), k[2], numbers.size(), numbers.get(0),
                        numbers.get(numbers.size() - 1), gaps, repeats));
            }
        }
        return out;
    }

    /** The median (mean of the two middle values for an even count, rounded down), or null when empty. */
    static Long median(List<Long> values) {
        if (values.isEmpty()) return null;
        List<Long> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile (the smallest value with at least {@code pct} % of values at or below it), or null. */
    static Long percentile(List<Long> values, int pct) {
        if (values.isEmpty()) return null;
        List<Long> s = values.stream().sorted().toList();
        int rank = (int) Math.ceil(pct / 100.0 * s.size());
        return s.get(Math.max(0, rank - 1));
    }

    private static long sum(Collection<long[]> rows, int i) {
        return rows.stream().mapToLong(a -> a[i]).sum();
    }

    private static String and(String column, String agency) {
        return agency == null ? "" : " AND " + column + " = ?";
    }

    private static Object[] args(OffsetDateTime from, OffsetDateTime to, String agency) {
        return agency == null ? new Object[] {from, to} : new Object[] {from, to, agency};
    }

    private static Report.ReasonCount reason(String code, long count) {
        try {
            ReasonCode r = ReasonCode.byCode(code);
            return new Report.ReasonCount(code, r.vietnamese(), r.english(), count);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Report.ReasonCount(code, "", "", count);
        }
    }

    private static Report.StatusCount status(String code, long count) {
        if (code == null) return new Report.StatusCount(null, "Đang chờ chuyển", "queued", count);
        return StatusCode.of(code).map(s -> new Report.StatusCount(code, s.vietnamese(), s.english(), count))
                .orElse(new Report.StatusCount(code, "", "", count));
    }
}
