package vn.lienthong.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report (R17) as CSV (one figure a line: section, agency, item, value — opens in any spreadsheet),
 * JSON (the {@link Report} as is), or a self-contained HTML page (inline SVG charts, no script, no
 * external resource; Vietnamese labels with the English in small text) that can be mailed or printed.
 */
public final class ReportWriter {
    private ReportWriter() { }

    public enum Format { CSV, JSON, HTML }

    public static String write(Report r, Format f) throws IOException {
        return switch (f) {
            case CSV -> csv(r);
            case JSON -> json(r);
            case HTML -> html(r);
        };
    }

    public static String json(Report r) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r) + "\n";
    }

    // ------------------------------------------------------------------ CSV

    public static String csv(Report r) {
        StringBuilder b = new StringBuilder("section,agency,item,value\r\n");
        row(b, "period", "", "label", r.period());
        row(b, "period", "", "from", r.from());
        row(b, "period", "", "to", r.to());
        row(b, "period", "", "agency", r.agency() == null ? "" : r.agency());
        row(b, "period", "", "generated_at", r.generatedAt());
        Report.Totals t = r.totals();
        row(b, "totals", "", "documents_sent", t.documentsSent());
        row(b, "totals", "", "documents_received", t.documentsReceived());
        row(b, "totals", "", "packages_refused", t.packagesRefused());
        row(b, "totals", "", "refused_by_receivers", t.refusedByReceivers());
        row(b, "totals", "", "recall_requests", t.recallRequests());
        row(b, "totals", "", "documents_recalled", t.documentsRecalled());
        row(b, "totals", "", "late_sends", t.lateSends());
        row(b, "totals", "", "legal", t.legal());
        row(b, "totals", "", "reference_only", t.referenceOnly());
        for (Report.AgencyFigures a : r.agencies()) {
            row(b, "agency", a.id(), "name", a.name() == null ? "" : a.name());
            row(b, "agency", a.id(), "sent", a.sent());
            row(b, "agency", a.id(), "received", a.received());
            row(b, "agency", a.id(), "refused", a.refused());
            row(b, "agency", a.id(), "recall_requests", a.recallRequests());
            row(b, "agency", a.id(), "late_sends", a.lateSends());
            row(b, "agency", a.id(), "legal", a.legal());
            row(b, "agency", a.id(), "reference_only", a.referenceOnly());
            row(b, "agency", a.id(), "acceptance_median_seconds", a.acceptanceMedianSeconds() == null ? "" : a.acceptanceMedianSeconds());
        }
        for (Report.ReasonCount x : r.refusals()) row(b, "refusals", "", x.code(), x.count());
        for (Report.StatusCount x : r.statuses()) row(b, "statuses", "", x.code() == null ? "queued" : x.code(), x.count());
        Report.Acceptance a = r.acceptance();
        row(b, "acceptance", "", "accepted", a.accepted());
        row(b, "acceptance", "", "not_yet_accepted", a.notYetAccepted());
        row(b, "acceptance", "", "median_seconds", a.medianSeconds() == null ? "" : a.medianSeconds());
        row(b, "acceptance", "", "p90_seconds", a.p90Seconds() == null ? "" : a.p90Seconds());
        for (Report.NumberingIssue n : r.numbering()) {
            String item = n.year() + " " + n.kind();
            if (!n.gaps().isEmpty()) row(b, "numbering", n.agency(), item + " gaps", String.join(" ", n.gaps()));
            if (!n.repeats().isEmpty()) row(b, "numbering", n.agency(), item + " repeats",
                    String.join(" ", n.repeats().stream().map(String::valueOf).toList()));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String section, String agency, String item, Object value) {
        b.append(cell(section)).append(',').append(cell(agency)).append(',').append(cell(item)).append(',')
                .append(cell(String.valueOf(value))).append("\r\n");
    }

    private static String cell(String s) {
        if (s.isEmpty()) return s;
        // a leading = + - @ would be run as a formula by spreadsheets
        String v = "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+") ? "'" + s : s;
        return v.matches("[^,\"\r\n]*") ? v : "\"" + v.replace("\"", "\"\"") + "\"";
    }

    // ------------------------------------------------------------------ HTML

    public static String html(Report r) {
        Report.Totals t = r.totals();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n<title>Báo cáo trục liên thông ")
                .append(esc(r.period())).append("</title>\n<style>\n")
                .append("body{font-family:'Segoe UI',Arial,sans-serif;margin:2em;color:#222;max-width:1100px}")
                .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.8em;border-bottom:1px solid #ccc}")
                .append("small,.en{color:#666;font-size:.8em;font-weight:normal}")
                .append("table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                .append("td.n{text-align:right}th{background:#f2f2f2;vertical-align:bottom}")
                .append(".cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:9em}")
                .append(".card b{display:block;font-size:1.6em}svg text{font-family:inherit;font-size:12px}")
                .append("@media print{body{margin:0}}\n</style></head><body>\n");
        h.append("<h1>Báo cáo tình hình gửi, nhận văn bản điện tử qua trục liên thông <small class=\"en\">Report on documents exchanged"
                + " through the provincial axis (R17)</small></h1>\n");
        h.append("<p>Kỳ báo cáo <span class=\"en\">Period</span>: <b>").append(esc(r.period())).append("</b> (")
                .append(esc(r.from())).append(" – ").append(esc(r.to())).append(")");
        if (r.agency() != null) h.append(" · Cơ quan <span class=\"en\">Agency</span>: <b>").append(esc(r.agency())).append("</b>");
        h.append(" · Lập lúc <span class=\"en\">generated</span> ").append(esc(r.generatedAt())).append("</p>\n");

        h.append("<div class=\"cards\">\n");
        card(h, "Văn bản đã gửi", "Documents sent", t.documentsSent());
        card(h, "Lượt nhận", "Documents received", t.documentsReceived());
        card(h, "Gói tin bị từ chối", "Packages refused", t.packagesRefused());
        card(h, "Bên nhận từ chối", "Refused by receivers", t.refusedByReceivers());
        card(h, "Yêu cầu thu hồi", "Recall requests", t.recallRequests());
        card(h, "Đã thu hồi", "Recalled", t.documentsRecalled());
        card(h, "Gửi muộn (R10)", "Late sends", t.lateSends());
        card(h, "Có giá trị pháp lý", "Legal value", t.legal());
        card(h, "Chỉ để tham khảo", "Reference only", t.referenceOnly());
        h.append("</div>\n");

        h.append("<h2>Gửi và nhận theo cơ quan <small class=\"en\">Sent and received per agency</small></h2>\n");
        List<String> labels = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (Report.AgencyFigures a : r.agencies()) {
            labels.add(a.id());
            values.add(new long[] {a.sent(), a.received(), a.refused()});
        }
        h.append(bars(labels, values, new String[] {"Đã gửi / sent", "Đã nhận / received", "Bị từ chối / refused"},
                new String[] {"#2e6fb7", "#4ea24e", "#d0463b"}));
        h.append("<table><tr><th>Mã định danh<br><small>Organisation id</small></th><th>Cơ quan<br><small>Agency</small></th>")
                .append(th("Đã gửi", "Sent")).append(th("Đã nhận", "Received")).append(th("Bị từ chối", "Refused"))
                .append(th("Thu hồi", "Recalls")).append(th("Gửi muộn", "Late")).append(th("Pháp lý", "Legal"))
                .append(th("Tham khảo", "Reference only")).append(th("Tiếp nhận (trung vị)", "Acceptance, median")).append("</tr>\n");
        for (Report.AgencyFigures a : r.agencies()) {
            h.append("<tr><td>").append(esc(a.id())).append("</td><td>").append(esc(a.name() == null ? "" : a.name())).append("</td>")
                    .append(td(a.sent())).append(td(a.received())).append(td(a.refused())).append(td(a.recallRequests()))
                    .append(td(a.lateSends())).append(td(a.legal())).append(td(a.referenceOnly()))
                    .append("<td class=\"n\">").append(duration(a.acceptanceMedianSeconds())).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Từ chối theo mã lý do <small class=\"en\">Refusals by reason code</small></h2>\n");
        if (r.refusals().isEmpty()) {
            h.append("<p>Không có <span class=\"en\">none</span></p>\n");
        } else {
            h.append(bars(r.refusals().stream().map(Report.ReasonCount::code).toList(),
                    r.refusals().stream().map(x -> new long[] {x.count()}).toList(), new String[] {"Số gói / packages"},
                    new String[] {"#d0463b"}));
            h.append("<table><tr><th>Mã<br><small>Code</small></th><th>Lý do<br><small>Reason</small></th>").append(th("Số gói", "Packages"))
                    .append("</tr>\n");
            for (Report.ReasonCount x : r.refusals()) {
                h.append("<tr><td>").append(esc(x.code())).append("</td><td>").append(esc(x.vietnamese())).append("<br><small>")
                        .append(esc(x.english())).append("</small></td>").append(td(x.count())).append("</tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Giá trị pháp lý <small class=\"en\">Legal value (R9)</small></h2>\n");
        h.append(share(t.legal(), t.referenceOnly()));

        h.append("<h2>Trạng thái hiện tại tại bên nhận <small class=\"en\">Current status at the receivers</small></h2>\n");
        h.append("<table><tr><th>Mã<br><small>Code</small></th><th>Trạng thái<br><small>Status</small></th>").append(th("Số lượt", "Count"))
                .append("</tr>\n");
        for (Report.StatusCount x : r.statuses()) {
            h.append("<tr><td>").append(esc(x.code() == null ? "—" : x.code())).append("</td><td>").append(esc(x.vietnamese()))
                    .append(" <small>").append(esc(x.english())).append("</small></td>").append(td(x.count())).append("</tr>\n");
        }
        h.append("</table>\n");

        Report.Acceptance a = r.acceptance();
        h.append("<h2>Thời gian từ khi đến đến khi tiếp nhận <small class=\"en\">Time from arrival (01) to acceptance (03)</small></h2>\n")
                .append("<table><tr>").append(th("Đã tiếp nhận", "Accepted")).append(th("Chưa tiếp nhận", "Not yet accepted"))
                .append(th("Trung vị", "Median")).append(th("Phân vị 90", "90th percentile")).append("</tr><tr>")
                .append(td(a.accepted())).append(td(a.notYetAccepted())).append("<td class=\"n\">").append(duration(a.medianSeconds()))
                .append("</td><td class=\"n\">").append(duration(a.p90Seconds())).append("</td></tr></table>\n");

        h.append("<h2>Đánh số văn bản bị cách quãng hoặc trùng <small class=\"en\">Numbering gaps and repeats (R2)</small></h2>\n");
        if (r.numbering().isEmpty()) {
            h.append("<p>Không phát hiện <span class=\"en\">none found</span></p>\n");
        } else {
            h.append("<table><tr><th>Cơ quan<br><small>Agency</small></th><th>Năm<br><small>Year</small></th>"
                    + "<th>Loại số<br><small>Numbering</small></th>").append(th("Số văn bản", "Documents"))
                    .append("<th>Số bị thiếu<br><small>Missing numbers</small></th><th>Số bị trùng<br><small>Repeated numbers</small></th></tr>\n");
            for (Report.NumberingIssue n : r.numbering()) {
                h.append("<tr><td>").append(esc(n.agency())).append("</td><td>").append(n.year()).append("</td><td>")
                        .append(n.kind().equals("code-number") ? "Số, ký hiệu <small>code number</small>" : "Mã văn bản <small>document id</small>")
                        .append("</td>").append(td(n.documents())).append("<td>").append(esc(String.join(", ", n.gaps())))
                        .append("</td><td>").append(esc(String.join(", ", n.repeats().stream().map(String::valueOf).toList())))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String vi, String en, long value) {
        h.append("<div class=\"card\"><b>").append(value).append("</b>").append(esc(vi)).append("<br><small>").append(esc(en))
                .append("</small></div>\n");
    }

    private static String th(String vi, String en) {
        return "<th>" + esc(vi) + "<br><small>" + esc(en) + "</small></th>";
    }

    private static String td(long v) {
        return "<td class=\"n\">" + v + "</td>";
    }

    /** Grouped horizontal bars, one group per label, one bar per series; an inline SVG. */
    static String bars(List<String> labels, List<long[]> values, String[] series, String[] colours) {
        long max = 1;
        for (long[] v : values) for (long x : v) max = Math.max(max, x);
        int barH = 14;
        int groupH = series.length * barH + 10;
        int left = 120;
        int width = 560;
        int height = labels.size() * groupH + 30;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(left + width + 60).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(left + width + 60).append(' ').append(height).append("\">\n");
        for (int i = 0; i < series.length; i++) {
            int x = left + i * 170;
            s.append("<rect x=\"").append(x).append("\" y=\"2\" width=\"10\" height=\"10\" fill=\"").append(colours[i]).append("\"/>")
                    .append("<text x=\"").append(x + 14).append("\" y=\"11\">").append(esc(series[i])).append("</text>\n");
        }
        for (int g = 0; g < labels.size(); g++) {
            int y0 = 24 + g * groupH;
            s.append("<text x=\"0\" y=\"").append(y0 + series.length * barH / 2 + 4).append("\">").append(esc(labels.get(g))).append("</text>\n");
            for (int i = 0; i < series.length; i++) {
                long v = values.get(g)[i];
                long w = Math.round((double) v / max * width);
                int y = y0 + i * barH;
                s.append("<rect x=\"").append(left).append("\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"")
                        .append(barH - 2).append("\" fill=\"").append(colours[i]).append("\"><title>").append(esc(labels.get(g)))
                        .append(": ").append(esc(series[i])).append(' ').append(v).append("</title></rect>")
                        .append("<text x=\"").append(left + w + 4).append("\" y=\"").append(y + barH - 4).append("\">").append(v)
                        .append("</text>\n");
            }
        }
        return s.append("</svg>\n").toString();
    }

    /** One bar split between legal and reference-only documents. */
    static String share(long legal, long reference) {
        long total = legal + reference;
        int width = 600;
        long w = total == 0 ? 0 : Math.round((double) legal / total * width);
        String pct = total == 0 ? "—" : String.format(Locale.ROOT, "%.0f %%", 100.0 * legal / total);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + (width + 20) + "\" height=\"50\" viewBox=\"0 0 "
                + (width + 20) + " 50\">\n<rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"22\" fill=\"#bbb\"/>"
                + "<rect x=\"0\" y=\"0\" width=\"" + w + "\" height=\"22\" fill=\"#2e6fb7\"/>\n"
                + "<text x=\"0\" y=\"40\">Có giá trị pháp lý / legal: " + legal + " (" + pct + ") · Chỉ tham khảo / reference only: "
                + reference + "</text>\n</svg>\n";
    }

    /** Seconds as "2 ngày 3 giờ 4 phút" style text with the seconds in small English, or a dash. */
    static String duration(Long seconds) {
        if (seconds == null) return "—";
        long d = seconds / 86400;
        long hh = seconds % 86400 / 3600;
        long mm = seconds % 3600 / 60;
        long ss = seconds % 60;
        StringBuilder b = new StringBuilder();
        if (d > 0) b.append(d).append(" ngày ");
        if (hh > 0 || d > 0) b.append(hh).append(" giờ ");
        if (d == 0) b.append(mm).append(" phút ");
        if (d == 0 && hh == 0) b.append(ss).append(" giây ");
        return b.toString().strip() + " <small>(" + seconds + " s)</small>";
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
