package vn.lienthong.report;

import java.util.List;

/**
 * A periodic report of the axis (báo cáo định kỳ, R17), as figures: what was sent and received per
 * agency, refusals by reason, recalls, late sends (R10), legal value (R9), how fast receivers accept
 * (R3) and gaps or repeats in the agencies' numbering (R2). Written as CSV, JSON or HTML by
 * {@link ReportWriter}.
 *
 * @param agency the one agency the report is restricted to, or null for the whole province
 */
public record Report(String period, String from, String to, String agency, String generatedAt, Totals totals,
                     List<AgencyFigures> agencies, List<ReasonCount> refusals, List<StatusCount> statuses,
                     Acceptance acceptance, List<NumberingIssue> numbering) {

    /**
     * @param documentsSent      new documents handed in and accepted (văn bản đi), by the time the gateway received them
     * @param documentsReceived  documents put into a receiver's hands (đã đến, 01) in the period, one per receiver
     * @param packagesRefused    packages the gateway refused (02 from the gateway), any kind
     * @param refusedByReceivers documents a receiver refused with its own 02 (từ chối tiếp nhận)
     * @param recallRequests     recall packages (thu hồi, BussinessDocType 1) accepted
     * @param documentsRecalled  documents whose recall every receiver agreed to (15)
     * @param lateSends          signed documents sent after 12:00 of the next working day (R10, W800)
     * @param legal              documents with legal value (valid signatures, R9)
     * @param referenceOnly      documents for reference only (no verifiable signature)
     */
    public record Totals(long documentsSent, long documentsReceived, long packagesRefused, long refusedByReceivers,
                         long recallRequests, long documentsRecalled, long lateSends, long legal, long referenceOnly) { }

    /** One agency's figures; {@code acceptanceMedianSeconds} is its median time, as receiver, from arrival to acceptance. */
    public record AgencyFigures(String id, String name, long sent, long received, long refused, long recallRequests,
                                long lateSends, long legal, long referenceOnly, Long acceptanceMedianSeconds) { }

    /** Refusals by the gateway with this (first) reason code. */
    public record ReasonCount(String code, String vietnamese, String english, long count) { }

    /** Current status of the receivers of the period's documents (01 arrived, 03 accepted ... 06 completed, null queued). */
    public record StatusCount(String code, String vietnamese, String english, long count) { }

    /**
     * Time from a document's arrival in a receiver's inbox (01) to the receiver's acceptance (03, or a later
     * step 04–06 when 03 was skipped), over the receivers of the period's documents.
     */
    public record Acceptance(long accepted, long notYetAccepted, Long medianSeconds, Long p90Seconds) { }

    /**
     * Numbering of an agency's documents in one year (R2): {@code kind} is {@code code-number} (số văn bản,
     * CodeNumber, by year of promulgation) or {@code document-id} (X of {@code <org>-YYYY.X}).
     * {@code gaps} are the numbers missing between the lowest and highest seen, as ranges ("3-5", "9");
     * {@code repeats} the numbers carried by more than one document.
     */
    public record NumberingIssue(String agency, int year, String kind, long documents, long lowest, long highest,
                                 List<String> gaps, List<Long> repeats) { }
}
