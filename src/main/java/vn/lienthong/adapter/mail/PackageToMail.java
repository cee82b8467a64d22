package vn.lienthong.adapter.mail;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import vn.lienthong.edxml.Attachment;
import vn.lienthong.edxml.Business;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.EdxmlRefusedException;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.PacketKind;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.attachment.ContentSniffer;
import vn.lienthong.edxml.attachment.FileKind;
import vn.lienthong.edxml.attachment.FileNames;
import vn.lienthong.registry.Agency;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.status.StatusCode;
import vn.lienthong.time.VietnamTime;

/**
 * Builds the mails the gateway sends to agencies without a document system (R15), following
 * {@link MailConvention}: a document with every file of the package attached and its metadata and
 * the gateway's receipt in a Vietnamese plain-text body; a status notification; the refusal
 * answering a mail that could not be taken. Sending (SMTP) is the caller's.
 *
 * <p>The package's attachments are decoded by {@link EdxmlReader} into files and attached from
 * there; the MIME parts read them only when the message is written, so nothing is held in memory.
 * The files live as long as the {@link Outgoing} that carries the message: close it after sending.
 */
public final class PackageToMail {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Session session;
    private final InternetAddress gateway;
    private final EdxmlReader reader;
    private final AgencyRegistry registry;
    private final Path workDir;
    private final Clock clock;

    /**
     * @param session  the mail session (the SMTP route's); only used to build messages here
     * @param gateway  the gateway's sender address, e.g. {@code "Trục liên thông văn bản tỉnh <lienthong@tinh.gov.vn>"}
     * @param reader   reads packages (schemas optional)
     * @param registry for agency names in the body; may be {@code null}
     * @param workDir  where attachments are decoded while a mail is on its way
     */
    public PackageToMail(Session session, InternetAddress gateway, EdxmlReader reader, AgencyRegistry registry, Path workDir,
                         Clock clock) {
        this.session = session == null ? Session.getInstance(new Properties()) : session;
        this.gateway = gateway;
        this.reader = reader;
        this.registry = registry;
        this.workDir = workDir;
        this.clock = clock;
    }

    /**
     * The gateway's receipt shown in a delivery mail: the JSON {@code Delivery.prepare} gives
     * ({@code incomingNumber}, {@code incomingYear}, {@code receivedAt}, {@code officialReceivedAt},
     * {@code legalValue}, {@code signers}, {@code warnings}); every field may be absent.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Receipt(Integer incomingNumber, Integer incomingYear, String receivedAt, String officialReceivedAt,
                          String legalValue, List<String> signers, List<String> warnings) {
        public static Receipt none() {
            return new Receipt(null, null, null, null, null, null, null);
        }

        public static Receipt fromJson(byte[] json) throws IOException {
            return json == null || json.length == 0 ? none() : JSON.readValue(json, Receipt.class);
        }
    }

    /** A message ready to send and the files its parts read: close after sending. */
    public static final class Outgoing implements AutoCloseable {
        private final MimeMessage message;
        private final Path files;

        Outgoing(MimeMessage message, Path files) {
            this.message = message;
            this.files = files;
        }

        public MimeMessage message() {
            return message;
        }

        @Override
        public void close() {
            MailToPackage.deleteTree(files);
        }
    }

    // ---------------------------------------------------------------- documents

    /** The mail delivering the document packet {@code packageFile} to the mail-only agency {@code to}. */
    public Outgoing document(Path packageFile, Agency to, Receipt receipt) throws IOException, MessagingException {
        requireEmail(to);
        Path dir = workDir.resolve("out-" + UUID.randomUUID());
        boolean done = false;
        try {
            EdxmlPackage p = read(packageFile, dir.resolve("attachments"));
            if (p.kind() != PacketKind.DOCUMENT) throw new IllegalArgumentException(packageFile + " is a status packet, not a document");
            MimeMessage m = base(to);
            m.setSubject(MailConvention.documentSubjectLine(p.codeNumber(), p.codeNotation(), p.subject()), "UTF-8");
            m.setHeader("X-Lienthong-Document-Id", ascii(p.documentId()));
            if (p.from() != null) m.setHeader("X-Lienthong-Sender", ascii(p.from().organId()));
            if (!"0".equals(nz(p.priority()).strip()) && !nz(p.priority()).isBlank()) m.setHeader("Importance", "high");

            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(documentBody(p, to, receipt == null ? Receipt.none() : receipt), "UTF-8", "plain");
            mixed.addBodyPart(text);
            for (Attachment a : p.attachments()) mixed.addBodyPart(filePart(a));
            m.setContent(mixed);
            m.saveChanges();
            done = true;
            return new Outgoing(m, dir);
        } finally {
            if (!done) MailToPackage.deleteTree(dir);
        }
    }

    private MimeBodyPart filePart(Attachment a) throws MessagingException, IOException {
        String name = FileNames.sanitise(a.attachmentName() != null ? a.attachmentName() : a.description());
        FileKind kind = ContentSniffer.detect(a.file(), name);
        // the national SDK zips every file and keeps the inner name: say what it is, so the clerk's PC opens it
        if (kind == FileKind.ZIP && !FileNames.extension(name).equals("zip")) name = name + ".zip";
        String type = kind == FileKind.PDF ? "application/pdf" : kind == FileKind.ZIP ? "application/zip"
                : a.contentType() == null || a.contentType().isBlank() ? "application/octet-stream" : a.contentType().strip();
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new FileSource(a.file(), type, name)));
        part.setFileName(name);
        part.setDisposition(Part.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private String documentBody(EdxmlPackage p, Agency to, Receipt r) {
        StringBuilder b = new StringBuilder();
        b.append("Kính gửi: ").append(nz(to.name())).append('\n');
        b.append("Trục liên thông văn bản của tỉnh chuyển đến quý cơ quan văn bản điện tử sau.\n");
        b.append("(Electronic document delivered by the provincial document interconnect gateway.)\n\n");
        b.append("THÔNG TIN VĂN BẢN\n");
        Organization from = p.from();
        if (from != null) line(b, "Cơ quan gửi", name(from) + " (" + from.organId() + ")");
        line(b, "Số, ký hiệu", code(p.codeNumber(), p.codeNotation()));
        line(b, "Mã văn bản", p.documentId());
        line(b, "Ngày ban hành", day(p.promulgationDate()));
        if (p.promulgationPlace() != null) line(b, "Nơi ban hành", p.promulgationPlace());
        line(b, "Loại văn bản", p.documentTypeName() != null ? p.documentTypeName() : p.documentType());
        line(b, "Trích yếu", p.subject());
        if (p.content() != null && !p.content().strip().equals(nz(p.subject()).strip())) line(b, "Nội dung", p.content());
        String signer = p.signerFullName();
        if (p.signerCompetence() != null && !p.signerCompetence().isBlank()) signer = p.signerCompetence().strip() + " " + nz(signer);
        line(b, "Người ký", signer);
        line(b, "Chức vụ", p.signerPosition());
        line(b, "Độ khẩn", MailConvention.urgencyWord(p.priority()));
        if (p.dueDate() != null) line(b, "Hạn xử lý", day(p.dueDate()));
        Business business = p.business();
        if (business != null && business.docType() != Business.NEW) {
            String kind = switch (business.docType()) {
                case Business.REVOCATION -> "Thu hồi văn bản (revocation)";
                case Business.UPDATE -> "Cập nhật văn bản (update)";
                case Business.REPLACEMENT -> "Thay thế văn bản (replacement)";
                default -> Integer.toString(business.docType());
            };
            line(b, "Nghiệp vụ", kind);
            if (business.reason() != null) line(b, "Lý do", business.reason());
            for (Business.Replacement rep : business.replacements()) line(b, "Thay thế văn bản", rep.documentId());
        }
        if (business != null && "1".equals(business.paper())) line(b, "Hình thức", "Văn bản giấy được số hóa (digitised from paper)");
        if (!p.to().isEmpty()) {
            line(b, "Nơi nhận", String.join(", ", p.to().stream().map(o -> name(o) + " (" + o.organId() + ")").toList()));
        }

        b.append("\nTIẾP NHẬN TẠI TRỤC LIÊN THÔNG (gateway receipt)\n");
        if (r.incomingNumber() != null) {
            line(b, "Số đến", r.incomingNumber() + (r.incomingYear() != null ? "/" + r.incomingYear() : ""));
        }
        line(b, "Thời điểm nhận", time(r.receivedAt()));
        if (r.officialReceivedAt() != null && !r.officialReceivedAt().equals(r.receivedAt())) {
            line(b, "Thời điểm nhận chính thức", time(r.officialReceivedAt()));
        }
        if (r.legalValue() != null) line(b, "Giá trị pháp lý", legal(r.legalValue()));
        if (r.signers() != null) for (String s : r.signers()) line(b, "Chữ ký số", s);
        if (r.warnings() != null) for (String w : r.warnings()) line(b, "Lưu ý", w);

        b.append("\nTỆP ĐÍNH KÈM (").append(p.attachments().size()).append(")\n");
        for (Attachment a : p.attachments()) {
            b.append("  - ").append(FileNames.display(a.attachmentName())).append(" (").append(size(a.size())).append(")\n");
        }
        b.append("\nĐể báo trạng thái xử lý, gửi thư từ hộp thư công vụ của quý cơ quan với tiêu đề\n");
        b.append("(to report the status, send a mail from your official mailbox with the subject)\n");
        b.append("  ").append(MailConvention.statusSubjectLine("03", nz(p.documentId()), null)).append("   (03 đã tiếp nhận, vào sổ)\n");
        b.append("  ").append(MailConvention.statusSubjectLine("04", nz(p.documentId()), null)).append("   (04 đã phân công xử lý)\n");
        b.append("  ").append(MailConvention.statusSubjectLine("06", nz(p.documentId()), null)).append("   (06 đã hoàn thành)\n");
        b.append("  ").append(MailConvention.statusSubjectLine("02", nz(p.documentId()), null))
                .append("   (02 từ chối tiếp nhận; ghi lý do trong nội dung thư)\n");
        b.append("\n-- \nThư tự động của trục liên thông văn bản, xin không trả lời thư này ngoài các mẫu trên.\n");
        return b.toString();
    }

    // ---------------------------------------------------------------- statuses

    /** The notification of the status packet {@code statusFile} to the mail-only agency {@code to}. */
    public MimeMessage status(Path statusFile, Agency to) throws IOException, MessagingException {
        Path dir = workDir.resolve("status-" + UUID.randomUUID());
        try {
            return status(read(statusFile, dir), to);
        } finally {
            MailToPackage.deleteTree(dir);
        }
    }

    /** {@code [TT] <code> <document id> - <meaning>}, the reporter, the description and the time in the body. */
    public MimeMessage status(EdxmlPackage p, Agency to) throws MessagingException {
        if (p.kind() != PacketKind.STATUS) throw new IllegalArgumentException("not a status packet");
        requireEmail(to);
        ResponseFor about = p.statusFor();
        String documentId = about == null ? "" : nz(about.documentId());
        String code = nz(p.statusCode());
        String meaning = StatusCode.of(code).map(StatusCode::vietnamese).orElse(null);
        MimeMessage m = base(to);
        m.setSubject(MailConvention.statusSubjectLine(code, documentId, meaning), "UTF-8");
        m.setHeader("X-Lienthong-Document-Id", ascii(documentId));
        m.setHeader("X-Lienthong-Status", ascii(code));
        StringBuilder b = new StringBuilder();
        b.append("Kính gửi: ").append(nz(to.name())).append('\n');
        b.append("Trục liên thông văn bản thông báo trạng thái văn bản của quý cơ quan.\n");
        b.append("(Status of your document, from the provincial document interconnect gateway.)\n\n");
        line(b, "Mã văn bản", documentId);
        if (about != null && about.code() != null) line(b, "Số, ký hiệu", about.code());
        if (p.from() != null) line(b, "Cơ quan báo", name(p.from()) + " (" + p.from().organId() + ")");
        line(b, "Trạng thái", code + (meaning == null ? "" : " - " + meaning)
                + StatusCode.of(code).map(s -> " (" + s.english() + ")").orElse(""));
        line(b, "Mô tả", p.description());
        if (p.staffInfo() != null) line(b, "Người xử lý", p.staffInfo().staff());
        line(b, "Thời điểm", p.timestamp() == null ? null : edxmlTime(p.timestamp()));
        b.append("\n-- \nThư tự động của trục liên thông văn bản.\n");
        m.setText(b.toString(), "UTF-8", "plain");
        m.saveChanges();
        return m;
    }

    // ---------------------------------------------------------------- refusals

    /**
     * The answer to a mail that was refused (unknown sender, not following the convention): to the
     * mail's Reply-To or From, {@code Re: <subject>}, threaded (In-Reply-To, References), the
     * reasons and the convention in brief. Check {@link MailToPackage.Result#mayReply()} (or
     * {@link MailToPackage#automatic}) first: automatic mail is never answered.
     */
    public MimeMessage replyRefused(MimeMessage original, List<String> reasons) throws MessagingException {
        // built in this class's session (the SMTP one), not the mailbox's: MimeMessage.reply() would use the latter
        MimeMessage m = new MimeMessage(session);
        m.setFrom(gateway);
        m.setRecipients(Message.RecipientType.TO, original.getReplyTo()); // Reply-To, else From
        m.setSentDate(Date.from(clock.instant()));
        String id = original.getMessageID();
        if (id != null) {
            m.setHeader("In-Reply-To", id);
            String refs = original.getHeader("References", " ");
            if (refs == null) refs = original.getHeader("In-Reply-To", " ");
            m.setHeader("References", jakarta.mail.internet.MimeUtility.fold(12, (refs == null ? "" : refs.strip() + " ") + id));
        }
        String subject = MailText.decodeHeader(original.getHeader("Subject", null));
        m.setSubject("Re: " + (subject == null || subject.isBlank() ? "(không có tiêu đề)" : MailConvention.stripReplyPrefixes(subject)), "UTF-8");
        m.setHeader("Auto-Submitted", "auto-replied");
        StringBuilder b = new StringBuilder();
        b.append("Trục liên thông văn bản của tỉnh KHÔNG tiếp nhận thư của quý cơ quan, vì:\n");
        b.append("(The provincial document gateway did NOT accept your mail, because:)\n\n");
        for (String r : reasons) b.append("  - ").append(r).append('\n');
        b.append("\nCách gửi văn bản qua thư điện tử (how to send a document by e-mail):\n");
        b.append("  Gửi từ hộp thư công vụ đã đăng ký của cơ quan.\n");
        b.append("  Tiêu đề:  [VB] <số>/<ký hiệu> - <trích yếu>     ví dụ: [VB] 12/UBND-VP - V/v triển khai kế hoạch\n");
        b.append("  Nội dung: Gửi: <mã cơ quan nhận>, <mã cơ quan nhận>   (bắt buộc)\n");
        b.append("            Loại: Công văn | Ngày ban hành: dd/MM/yyyy | Người ký: ... | Chức vụ: ...\n");
        b.append("            Độ khẩn: thường | khẩn | thượng khẩn | hỏa tốc | Mã văn bản: <mã cơ quan>-YYYY.X   (không bắt buộc)\n");
        b.append("  Đính kèm: bản quét văn bản dạng PDF (bắt buộc).\n");
        b.append("  Báo trạng thái: tiêu đề [TT] <mã trạng thái> <mã văn bản>, ví dụ [TT] 03 000.00.13.H41-2026.5\n");
        b.append("\n-- \nThư tự động của trục liên thông văn bản.\n");
        m.setText(b.toString(), "UTF-8", "plain");
        m.saveChanges();
        return m;
    }

    // ---------------------------------------------------------------- helpers

    private MimeMessage base(Agency to) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(gateway);
        try {
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(firstEmail(to), to.name(), "UTF-8"));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-generated");
        return m;
    }

    private static void requireEmail(Agency to) {
        if (to == null || to.email() == null || to.email().isBlank()) {
            throw new IllegalArgumentException("agency " + (to == null ? null : to.id()) + " has no registered e-mail address");
        }
    }

    private static String firstEmail(Agency a) {
        return a.email().strip().split("[,;\\s]+")[0];
    }

    private EdxmlPackage read(Path file, Path attachments) throws IOException {
        try {
            return reader.read(file, attachments).pkg();
        } catch (EdxmlRefusedException e) {
            throw new IOException("cannot read package " + file + ": " + e.getMessage(), e);
        }
    }

    private String name(Organization o) {
        if (o.organName() != null && !o.organName().isBlank()) return o.organName().strip();
        return registry == null ? o.organId() : registry.find(o.organId()).map(Agency::name).orElse(o.organId());
    }

    private static void line(StringBuilder b, String label, String value) {
        if (value == null || value.isBlank()) return;
        b.append(label).append(": ").append(value.strip().replaceAll("\\s*\\n\\s*", " ")).append('\n');
    }

    private static String code(String number, String notation) {
        if (number == null || number.isBlank()) return notation;
        return notation == null || notation.isBlank() ? number : number + "/" + notation;
    }

    private static String day(String edxmlDate) {
        if (edxmlDate == null) return null;
        try {
            LocalDate d = VietnamTime.parseEdxmlDate(edxmlDate);
            return MailConvention.formatDay(d);
        } catch (DateTimeParseException e) {
            return edxmlDate;
        }
    }

    private static String edxmlTime(String t) {
        try {
            OffsetDateTime o = VietnamTime.parseEdxml(t);
            return String.format("%tT ngày %s (giờ Việt Nam)", o, MailConvention.formatDay(o.toLocalDate()));
        } catch (DateTimeParseException e) {
            return t;
        }
    }

    private static String time(String iso) {
        if (iso == null || iso.isBlank()) return null;
        try {
            OffsetDateTime o = VietnamTime.inVietnam(OffsetDateTime.parse(iso.strip()));
            return String.format("%tT ngày %s (giờ Việt Nam, %s)", o, MailConvention.formatDay(o.toLocalDate()), VietnamTime.iso(o));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String legal(String label) {
        return switch (label) {
            case "legal" -> "Có giá trị pháp lý (legal)";
            case "reference-only" -> "Chỉ có giá trị tham khảo (reference only)";
            default -> label;
        };
    }

    private static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format("%.1f KB", bytes / 1024.0);
        return String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    /** Header values the gateway adds itself: ASCII only (ids with Đ are RFC 2047-encoded). */
    private static String ascii(String s) {
        if (s == null) return "";
        if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) return s;
        try {
            return jakarta.mail.internet.MimeUtility.encodeText(s, "UTF-8", "B");
        } catch (java.io.UnsupportedEncodingException e) {
            return s.replaceAll("[^\\x20-\\x7E]", "?");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A file read only when the part is written. */
    private record FileSource(Path file, String type, String name) implements DataSource {
        @Override public InputStream getInputStream() throws IOException { return Files.newInputStream(file); }
        @Override public OutputStream getOutputStream() throws IOException { throw new IOException("read-only"); }
        @Override public String getContentType() { return type; }
        @Override public String getName() { return name; }
    }

    /** For tests and the route: the address the gateway writes from. */
    public InternetAddress gatewayAddress() {
        return gateway;
    }
}
