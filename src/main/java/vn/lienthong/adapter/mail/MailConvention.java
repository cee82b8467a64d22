package vn.lienthong.adapter.mail;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a clerk (văn thư) of an agency without a document system writes an e-mail that the gateway
 * turns into an edXML package (R15), and how the gateway writes the mails it sends back.
 *
 * <h2>1. Sending a document (gửi văn bản)</h2>
 * The clerk scans the signed paper document to PDF and sends it <b>from the agency's registered
 * official mailbox</b> (the {@code email} of the agency in {@code config/agencies.yaml}, which may
 * list several addresses separated by {@code ,} or {@code ;}; compared case-insensitively) to the
 * province's intake mailbox. Mail from any other address is refused and answered with the reason;
 * automatic mail (auto-replies, bounces, lists) is refused and never answered.
 * <pre>
 * Tiêu đề / Subject:  [VB] 12/UBND-VP - V/v triển khai Kế hoạch chuyển đổi số năm 2026
 * Nội dung / Body:
 *   Gửi: 000.00.13.H41, 000.00.05.H41
 *   Loại: Công văn
 *   Ngày ban hành: 20/11/2026
 *   Người ký: Nguyễn Văn An
 *   Chức vụ: Chủ tịch
 *   Độ khẩn: khẩn
 *   Mã văn bản: 000.00.45.H41-2026.12
 * Tệp đính kèm / Attachments:  the scanned PDF(s)
 * </pre>
 * <ul>
 *   <li><b>Subject</b> {@code [VB] <số>/<ký hiệu> - <trích yếu>}: the tag {@code [VB]} (văn bản),
 *       the number and notation separated by the first {@code /} (the notation is one word without
 *       spaces and may contain further {@code /}: {@code 05/2026/QĐ-UBND} is số {@code 05}, ký hiệu
 *       {@code 2026/QĐ-UBND}), then {@code " - "} (a hyphen or dash with spaces around it), then the
 *       trích yếu. {@code Re:}, {@code Fwd:}, {@code TL:}, {@code Fw:}, {@code Chuyển tiếp:},
 *       {@code Trả lời:} in front are ignored. Mandatory.</li>
 *   <li><b>Body</b>: one field per line, {@code <label>: <value>}; labels are matched without
 *       regard to case or diacritics ({@code Ngay ban hanh:} works). Other lines (greetings, the
 *       mail signature) are ignored; for each field the first line counts, except {@code Gửi}, whose
 *       lines add up.
 *     <table>
 *       <caption>Body fields</caption>
 *       <tr><th>label</th><th>value</th><th>when missing</th></tr>
 *       <tr><td>{@code Gửi} (also {@code Gửi đến}, {@code Nơi nhận})</td><td>receiver organisation ids,
 *           separated by {@code ,} {@code ;} or spaces; a registered official e-mail address of an agency
 *           may stand for its id; the sender itself is dropped from the list</td><td><b>refused</b></td></tr>
 *       <tr><td>{@code Loại} (also {@code Loại văn bản})</td><td>the document type name, e.g.
 *           {@code Công văn}, {@code Quyết định}, {@code Thông báo} (DocumentType/TypeName;
 *           DocumentType/Type is always {@value #DOCUMENT_TYPE_CODE})</td><td>{@value #DEFAULT_TYPE_NAME}</td></tr>
 *       <tr><td>{@code Ngày ban hành}</td><td>{@code dd/MM/yyyy} (also {@code d/M/yyyy},
 *           {@code dd-MM-yyyy}, {@code dd.MM.yyyy})</td><td>the mail's date (Date header) in Vietnam time
 *           (+07:00); the gateway's clock if the mail has none</td></tr>
 *       <tr><td>{@code Người ký}</td><td>the signer's full name</td><td>{@value #DEFAULT_SIGNER}</td></tr>
 *       <tr><td>{@code Chức vụ}</td><td>the signer's position</td><td>{@value #DEFAULT_SIGNER}</td></tr>
 *       <tr><td>{@code Độ khẩn}</td><td>{@code thường} (0), {@code khẩn} (1), {@code thượng khẩn} (2),
 *           {@code hỏa tốc} (3), {@code hỏa tốc hẹn giờ} (4); with or without diacritics, or the digit</td><td>thường (0)</td></tr>
 *       <tr><td>{@code Mã văn bản}</td><td>the document id, {@code <mã cơ quan>-YYYY.X} (or the national
 *           form or a UUID); when it starts with an organisation id, that must be the sender's</td>
 *           <td>{@code <sender id>,<yyyy/MM/dd>,<số>/<ký hiệu>} (the national form, date = Ngày ban hành)</td></tr>
 *     </table>
 *     A field that is present but cannot be understood (a date that does not exist, an unknown
 *     urgency, a malformed id) refuses the mail, with the reason, rather than guessing.</li>
 *   <li><b>Attachments</b>: at least one PDF (recognised by its content, not its name) is
 *       mandatory; further files of the formats allowed by R12 (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS,
 *       ODP, TXT; ZIP containing those) are carried too. Any other attachment (a JPG, an EXE)
 *       refuses the mail. Pictures embedded in the body (logos of the mail signature) and mails
 *       forwarded as attachments ({@code message/rfc822}) are ignored. The body is the first
 *       {@code text/plain} part (else the HTML one, turned into lines).
 *       File names are sanitised ({@code FileNames.sanitise}).</li>
 * </ul>
 * The package is written with Content = trích yếu, Bussiness/BussinessDocType 0 (new),
 * Bussiness/Paper 1 (digitised from paper: the scanned PDF is the document; its legal value is then
 * decided by the trust layer from the PDF's signatures and the mail policy), StaffInfo = the mail's
 * sender name and address.
 *
 * <h2>2. Reporting a status (báo trạng thái)</h2>
 * <pre>
 * Tiêu đề / Subject:  [TT] 03 000.00.13.H41-2026.5
 * Nội dung / Body:    Văn thư đã vào sổ văn bản đến số 15.   (optional description)
 * </pre>
 * {@code [TT] <code> <document id>}: code {@code 02}–{@code 06}, {@code 13}, {@code 15},
 * {@code 16} (01 is issued by the gateway itself on delivery); the document id is the one the
 * gateway's delivery mail showed; anything after the id is ignored. The body (quoted text of a
 * reply, lines starting with {@code >}, and everything after a {@code --} signature line or an
 * {@code On … wrote:} / {@code Vào … đã viết:} line dropped) is the description; for 02 (từ chối),
 * 13 (lấy lại) and 16 (từ chối cập nhật) a description is mandatory because it is the reason. A
 * body line {@code Gửi: <org id>} names the organisation that issued the document, when the id
 * does not start with it. Defaults: the description is the code's meaning; the time is the mail's
 * date.
 *
 * <h2>3. What the gateway sends</h2>
 * To a mail-only agency: {@code [VB] <số>/<ký hiệu> - <trích yếu>} with every file attached and
 * the metadata and the gateway's receipt (số đến, time, legal value) in the body; status
 * notifications {@code [TT] <code> <document id> - <meaning>}; refusals as a reply to the
 * original mail. Its mails carry {@code Auto-Submitted: auto-generated} or {@code auto-replied}
 * (RFC 3834) and the gateway never answers automatic mail, so two robots cannot loop.
 */
public final class MailConvention {
    /** Subject tag of a document mail. */
    public static final String TAG_DOCUMENT = "[VB]";
    /** Subject tag of a status mail. */
    public static final String TAG_STATUS = "[TT]";
    /** Signer name and position written when the body does not give them. */
    public static final String DEFAULT_SIGNER = "(theo văn bản đính kèm)";
    /** DocumentType/TypeName written when the body has no {@code Loại}. */
    public static final String DEFAULT_TYPE_NAME = "Công văn";
    /** DocumentType/Type of every mail-borne document: 1, văn bản hành chính. */
    public static final String DOCUMENT_TYPE_CODE = "1";
    /** Status codes a mail may report. */
    public static final Set<String> MAIL_STATUS_CODES = vn.lienthong.status.StatusCode.REPORTED_BY_AGENCIES;
    /** Status codes whose description is the reason and therefore mandatory. */
    public static final Set<String> STATUS_NEEDS_REASON = vn.lienthong.status.StatusCode.NEED_REASON;

    /** Canonical field keys of the body. */
    public static final String RECEIVERS = "receivers", TYPE = "type", DATE = "date", SIGNER = "signer",
            POSITION = "position", URGENCY = "urgency", DOCUMENT_ID = "documentId";

    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("gui", RECEIVERS);
        LABELS.put("gui den", RECEIVERS);
        LABELS.put("noi nhan", RECEIVERS);
        LABELS.put("loai", TYPE);
        LABELS.put("loai van ban", TYPE);
        LABELS.put("ngay ban hanh", DATE);
        LABELS.put("nguoi ky", SIGNER);
        LABELS.put("chuc vu", POSITION);
        LABELS.put("do khan", URGENCY);
        LABELS.put("ma van ban", DOCUMENT_ID);
    }

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*((re|fwd?|tl|tr|aw|sv|chuyen tiep|tra loi)\\s*(\\[\\d+\\])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCUMENT_SUBJECT = Pattern.compile(
            "^\\[VB\\]\\s*([^/\\s]+)\\s*/\\s*(\\S+)\\s+[-–—]\\s+(.+)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern STATUS_SUBJECT = Pattern.compile(
            "^\\[TT\\]\\s*(\\d{1,2})\\s+(\\S+).*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("^\\s*[-*•]?\\s*([^:：]{1,40}?)\\s*[:：]\\s*(.*?)\\s*$");
    private static final Pattern DATE_TEXT = Pattern.compile("^(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})\\s*[/.-]\\s*(\\d{4})$");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private MailConvention() { }

    /** What a subject announces. */
    public enum SubjectKind { DOCUMENT, STATUS, NONE }

    /** The parts of {@code [VB] <số>/<ký hiệu> - <trích yếu>}. */
    public record DocumentSubject(String codeNumber, String codeNotation, String subject) { }

    /** The parts of {@code [TT] <code> <document id>}. */
    public record StatusSubject(String code, String documentId) { }

    /** The subject without reply and forward prefixes ({@code Re:}, {@code Fwd:}, {@code TL:}, …). */
    public static String stripReplyPrefixes(String subject) {
        if (subject == null) return "";
        String s = MailText.nfc(subject.strip());
        // prefixes may be Vietnamese (Trả lời:, Chuyển tiếp:): match on the folded text, cut at the same position
        Matcher f = REPLY_PREFIX.matcher(foldKeepLength(s));
        return f.find() ? s.substring(f.end()).strip() : s;
    }

    public static SubjectKind kindOf(String subject) {
        String s = stripReplyPrefixes(subject).toUpperCase(java.util.Locale.ROOT);
        if (s.startsWith(TAG_DOCUMENT)) return SubjectKind.DOCUMENT;
        if (s.startsWith(TAG_STATUS)) return SubjectKind.STATUS;
        return SubjectKind.NONE;
    }

    public static Optional<DocumentSubject> documentSubject(String subject) {
        Matcher m = DOCUMENT_SUBJECT.matcher(stripReplyPrefixes(subject));
        if (!m.matches()) return Optional.empty();
        String text = m.group(3).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(new DocumentSubject(m.group(1).strip(), m.group(2).strip(), text));
    }

    public static Optional<StatusSubject> statusSubject(String subject) {
        Matcher m = STATUS_SUBJECT.matcher(stripReplyPrefixes(subject));
        if (!m.matches()) return Optional.empty();
        String code = m.group(1).length() == 1 ? "0" + m.group(1) : m.group(1);
        return Optional.of(new StatusSubject(code, m.group(2)));
    }

    /** {@code [VB] <số>/<ký hiệu> - <trích yếu>}, as the gateway writes it. */
    public static String documentSubjectLine(String codeNumber, String codeNotation, String subject) {
        String code = blank(codeNumber) ? nz(codeNotation) : blank(codeNotation) ? codeNumber : codeNumber + "/" + codeNotation;
        return TAG_DOCUMENT + " " + (code.isEmpty() ? "-" : code) + " - " + (blank(subject) ? "(không có trích yếu)" : subject.strip());
    }

    /** {@code [TT] <code> <document id>}, optionally followed by {@code - <meaning>}. */
    public static String statusSubjectLine(String code, String documentId, String meaning) {
        return TAG_STATUS + " " + code + " " + documentId + (blank(meaning) ? "" : " - " + meaning);
    }

    /**
     * The convention fields of a body, by canonical key ({@link #RECEIVERS}, {@link #TYPE}, …):
     * the first value of each, all values of {@link #RECEIVERS}. Lines after a signature
     * delimiter ({@code -- }) or quoted lines ({@code >}) are not read.
     */
    public static Map<String, List<String>> fields(String body) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : ownLines(body)) {
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) continue;
            String key = LABELS.get(MailText.fold(m.group(1)));
            if (key == null) continue;
            List<String> values = out.computeIfAbsent(key, k -> new ArrayList<>());
            if (values.isEmpty() || RECEIVERS.equals(key)) values.add(m.group(2).strip());
        }
        return out;
    }

    /** The first value of a field, empty when absent or blank. */
    public static Optional<String> first(Map<String, List<String>> fields, String key) {
        List<String> v = fields.get(key);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Receiver tokens of all {@code Gửi} lines: split on commas, semicolons and spaces. */
    public static List<String> receiverTokens(Map<String, List<String>> fields) {
        List<String> out = new ArrayList<>();
        for (String v : fields.getOrDefault(RECEIVERS, List.of())) {
            for (String t : v.split("[,;\\s]+")) {
                String s = t.strip().replaceAll("^[<(\\[]+|[>)\\].]+$", "");
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }

    /** The free text of a status mail: the body without fields, quotes and signature, one line. */
    public static String description(String body) {
        StringBuilder b = new StringBuilder();
        for (String line : ownLines(body)) {
            Matcher m = FIELD.matcher(line);
            if (m.matches() && LABELS.containsKey(MailText.fold(m.group(1)))) continue;
            if (line.isBlank()) continue;
            if (b.length() > 0) b.append(' ');
            b.append(line.strip());
        }
        String s = b.toString().replaceAll("\\s+", " ").strip();
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    /** The lines the sender wrote: stops at a signature delimiter or a reply header, skips quoted lines. */
    static List<String> ownLines(String body) {
        List<String> out = new ArrayList<>();
        if (body == null) return out;
        for (String line : body.split("\n", -1)) {
            String t = line.strip();
            if (line.equals("-- ") || t.equals("--")) break;
            String f = MailText.fold(t);
            if ((f.startsWith("on ") && f.endsWith("wrote:")) || (f.startsWith("vao ") && f.endsWith("da viet:"))
                    || f.startsWith("-----original message") || f.startsWith("----- thu goc") || f.startsWith("-----thu goc")) {
                break;
            }
            if (t.startsWith(">")) continue;
            out.add(line);
        }
        return out;
    }

    /**
     * The edXML priority of an urgency word: thường 0, khẩn 1, thượng khẩn 2, hỏa tốc (hoả tốc) 3,
     * hỏa tốc hẹn giờ 4; a digit 0–4 is taken as is.
     */
    public static Optional<Integer> urgency(String word) {
        if (word == null) return Optional.empty();
        String f = MailText.fold(word);
        return switch (f) {
            case "0", "thuong", "binh thuong" -> Optional.of(0);
            case "1", "khan" -> Optional.of(1);
            case "2", "thuong khan" -> Optional.of(2);
            case "3", "hoa toc" -> Optional.of(3);
            case "4", "hoa toc hen gio" -> Optional.of(4);
            default -> Optional.empty();
        };
    }

    /** The Vietnamese word of an edXML priority. */
    public static String urgencyWord(String priority) {
        return switch (priority == null ? "0" : priority.strip()) {
            case "1" -> "Khẩn";
            case "2" -> "Thượng khẩn";
            case "3" -> "Hỏa tốc";
            case "4" -> "Hỏa tốc hẹn giờ";
            default -> "Thường";
        };
    }

    /** A day as a clerk writes it: {@code dd/MM/yyyy}, also {@code d/M/yyyy}, {@code -} or {@code .} between. */
    public static Optional<LocalDate> parseDay(String text) {
        if (text == null) return Optional.empty();
        Matcher m = DATE_TEXT.matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(String.format("%02d/%02d/%s", Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), m.group(3)), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code dd/MM/yyyy}. */
    public static String formatDay(LocalDate day) {
        return DAY.format(day);
    }

    /** Like {@link MailText#fold} but one output char per input char, so positions carry over. */
    private static String foldKeepLength(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            String one = MailText.fold(String.valueOf(s.charAt(i)));
            b.append(one.length() == 1 ? one.charAt(0) : one.isEmpty() ? ' ' : s.charAt(i));
        }
        return b.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
