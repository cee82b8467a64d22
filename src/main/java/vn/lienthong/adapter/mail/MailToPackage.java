package vn.lienthong.adapter.mail;

import jakarta.mail.Address;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import vn.lienthong.edxml.Business;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.PackageBuilder;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StaffInfo;
import vn.lienthong.edxml.StatusPacket;
import vn.lienthong.edxml.attachment.ContentSniffer;
import vn.lienthong.edxml.attachment.FileKind;
import vn.lienthong.edxml.attachment.FileNames;
import vn.lienthong.registry.Agency;
import vn.lienthong.registry.AgencyRegistry;
import vn.lienthong.registry.OrganIds;
import vn.lienthong.status.StatusCode;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.DocumentIds;

/**
 * Turns one e-mail from an agency without a document system into an edXML package (R15),
 * following {@link MailConvention}: a {@code [VB]} mail becomes a document packet with its files,
 * a {@code [TT]} mail a status packet; anything else, or mail from an address that is no agency's
 * registered official address, is refused with reasons in Vietnamese and English, for the reply.
 *
 * <p>Attachments are streamed from the MIME parts to files under the work directory and from
 * there base64-encoded into the package by {@link EdxmlWriter}: no file is ever whole in memory.
 * The package is then the adapter's hand-in to the gateway's intake, which validates and assesses
 * it like any other; this class also reports the facts the legal-value policy needs
 * ({@link Result#viaProvinceRelay()}, {@link Result#pdfAttached()}).
 *
 * <p>Transient store errors (folder or store closed, IOException while streaming a part) are
 * thrown, so the mail stays unread and is tried again; a mail that cannot be parsed is refused.
 */
public final class MailToPackage {
    /** What became of a mail. */
    public enum Kind { DOCUMENT, STATUS, REFUSED }

    /**
     * @param relayHosts         the province's mail relay(s), e.g. {@code mail.tinh.gov.vn} (see {@link RelayCheck})
     * @param trustedHosts       other hosts of the province's mail system that write {@code Received} headers
     * @param maxAttachmentBytes the most attachment bytes one mail may carry, all parts together
     */
    public record Options(List<String> relayHosts, List<String> trustedHosts, long maxAttachmentBytes) {
        public Options {
            relayHosts = relayHosts == null ? List.of() : List.copyOf(relayHosts);
            trustedHosts = trustedHosts == null ? List.of() : List.copyOf(trustedHosts);
            if (maxAttachmentBytes <= 0) maxAttachmentBytes = 200L * 1024 * 1024;
        }

        public static Options relay(String... relayHosts) {
            return new Options(List.of(relayHosts), List.of(), 0);
        }
    }

    /**
     * What the mail became.
     *
     * @param kind             DOCUMENT or STATUS (a package was written to {@code packageFile}) or REFUSED
     * @param agency           the sending agency, if the From address is one's registered address
     * @param packageFile      the edXML packet written, {@code null} when refused
     * @param reasons          why it was refused, each "Vietnamese / English"; empty otherwise
     * @param viaProvinceRelay the mail came through the province's relay with its sender authenticated
     * @param pdfAttached      at least one attachment is a PDF by its content
     * @param senderAddress    the From address (lower case), {@code null} if there was none
     * @param messageId        the Message-ID header, for de-duplication and the reply
     * @param documentId       the document id of the package (for a status: the document it is about)
     * @param notes            defaults applied and parts ignored, for the log and the clerk
     * @param mayReply         false for automatic mail (bounces, out-of-office, lists): never answer those
     */
    public record Result(Kind kind, Optional<Agency> agency, Path packageFile, List<String> reasons, boolean viaProvinceRelay,
                         boolean pdfAttached, String senderAddress, String messageId, String documentId, List<String> notes,
                         boolean mayReply) {
        public boolean refused() {
            return kind == Kind.REFUSED;
        }
    }

    private final Options options;
    private final RelayCheck relay;
    private final Path outDir;
    private final Path workDir;
    private final Clock clock;
    private final EdxmlWriter writer = new EdxmlWriter();

    /**
     * @param outDir  where {@link #parse(MimeMessage, AgencyRegistry)} writes packages
     * @param workDir where attachments are streamed to while a package is written (removed after)
     */
    public MailToPackage(Options options, Path outDir, Path workDir, Clock clock) {
        this.options = options;
        this.relay = new RelayCheck(options.relayHosts(), options.trustedHosts());
        this.outDir = outDir;
        this.workDir = workDir;
        this.clock = clock;
    }

    /** Parses the mail; a package goes to a new file {@code <outDir>/mail-<uuid>.edxml}. */
    public Result parse(MimeMessage msg, AgencyRegistry registry) throws IOException, MessagingException {
        Files.createDirectories(outDir);
        return parse(msg, registry, outDir.resolve("mail-" + UUID.randomUUID() + ".edxml"));
    }

    /** Parses the mail; a package is written to {@code packageFile} (nothing is written when refused). */
    public Result parse(MimeMessage msg, AgencyRegistry registry, Path packageFile) throws IOException, MessagingException {
        Ctx c = new Ctx(msg);
        try {
            return doParse(c, registry, packageFile);
        } catch (FolderClosedException | StoreClosedException | MessageRemovedException e) {
            throw e;
        } catch (MessagingException | RuntimeException e) {
            Files.deleteIfExists(packageFile);
            c.reasons.add("Thư không đọc được (cấu trúc MIME lỗi) / The mail cannot be read (malformed MIME): " + e.getMessage());
            return c.result(Kind.REFUSED, null, null);
        }
    }

    /** Everything gathered about one mail. */
    private final class Ctx {
        final MimeMessage msg;
        final List<String> reasons = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        Optional<Agency> agency = Optional.empty();
        InternetAddress from;
        String address;
        boolean viaRelay;
        boolean pdf;
        boolean automatic;
        String messageId;

        Ctx(MimeMessage msg) {
            this.msg = msg;
        }

        Result result(Kind kind, Path file, String documentId) {
            return new Result(reasons.isEmpty() ? kind : Kind.REFUSED, agency, reasons.isEmpty() ? file : null,
                    List.copyOf(reasons), viaRelay, pdf, address, messageId, documentId, List.copyOf(notes), !automatic && address != null);
        }
    }

    private Result doParse(Ctx c, AgencyRegistry registry, Path packageFile) throws IOException, MessagingException {
        MimeMessage msg = c.msg;
        c.messageId = msg.getMessageID();
        c.automatic = automatic(msg);
        c.from = fromAddress(msg);
        if (c.from == null) {
            c.reasons.add("Thư không có địa chỉ người gửi (From) hợp lệ / The mail has no valid sender address (From)");
            return c.result(Kind.REFUSED, null, null);
        }
        c.address = c.from.getAddress().strip().toLowerCase(Locale.ROOT);
        String domain = c.address.contains("@") ? c.address.substring(c.address.lastIndexOf('@') + 1) : null;
        c.viaRelay = relay.viaRelay(msg, domain);
        c.agency = agencyByEmail(registry, c.address);
        if (c.agency.isEmpty()) {
            c.reasons.add("Địa chỉ " + c.address + " không phải hộp thư công vụ đã đăng ký của cơ quan nào trên trục liên thông;"
                    + " hãy gửi từ hộp thư công vụ của cơ quan / " + c.address + " is not the registered official address of any"
                    + " agency on the axis; send from your agency's official mailbox");
            return c.result(Kind.REFUSED, null, null);
        }
        if (c.automatic) {
            c.reasons.add("Thư tự động (trả lời tự động, báo lỗi gửi thư) không được xử lý / Automatic mail (auto-reply, bounce)"
                    + " is not processed");
            return c.result(Kind.REFUSED, null, null);
        }
        String subject = MailText.decodeHeader(msg.getHeader("Subject", null));
        Parts parts = new Parts();
        walk(msg, parts, false);
        String body = parts.body == null ? "" : MailText.bodyText(parts.body);
        return switch (MailConvention.kindOf(subject)) {
            case DOCUMENT -> document(c, registry, subject, body, parts, packageFile);
            case STATUS -> status(c, subject, body, packageFile);
            case NONE -> {
                c.reasons.add("Tiêu đề phải bắt đầu bằng [VB] (gửi văn bản, ví dụ \"[VB] 12/UBND-VP - V/v ...\") hoặc [TT]"
                        + " (báo trạng thái, ví dụ \"[TT] 03 <mã văn bản>\"); tiêu đề nhận được: \"" + nz(subject) + "\" / The subject"
                        + " must start with [VB] (a document) or [TT] (a status)");
                yield c.result(Kind.REFUSED, null, null);
            }
        };
    }

    // ---------------------------------------------------------------- documents

    private Result document(Ctx c, AgencyRegistry registry, String subjectLine, String body, Parts parts, Path packageFile)
            throws IOException, MessagingException {
        Agency sender = c.agency.orElseThrow();
        Optional<MailConvention.DocumentSubject> subject = MailConvention.documentSubject(subjectLine);
        if (subject.isEmpty()) {
            c.reasons.add("Tiêu đề không đúng mẫu \"[VB] <số>/<ký hiệu> - <trích yếu>\", ví dụ \"[VB] 12/UBND-VP - V/v triển khai"
                    + " kế hoạch\"; tiêu đề nhận được: \"" + nz(subjectLine) + "\" / The subject does not follow"
                    + " \"[VB] <number>/<notation> - <summary>\"");
        }
        Map<String, List<String>> f = MailConvention.fields(body);

        List<Organization> to = receivers(c, registry, f, sender);
        String typeName = MailConvention.first(f, MailConvention.TYPE).orElseGet(() -> {
            c.notes.add("Loại văn bản mặc định / default type: " + MailConvention.DEFAULT_TYPE_NAME);
            return MailConvention.DEFAULT_TYPE_NAME;
        });
        LocalDate day = promulgationDay(c, f);
        String signer = MailConvention.first(f, MailConvention.SIGNER).orElseGet(() -> {
            c.notes.add("Người ký mặc định / default signer: " + MailConvention.DEFAULT_SIGNER);
            return MailConvention.DEFAULT_SIGNER;
        });
        String position = MailConvention.first(f, MailConvention.POSITION).orElse(MailConvention.DEFAULT_SIGNER);
        int priority = 0;
        Optional<String> urgencyText = MailConvention.first(f, MailConvention.URGENCY);
        if (urgencyText.isPresent()) {
            Optional<Integer> u = MailConvention.urgency(urgencyText.get());
            if (u.isEmpty()) {
                c.reasons.add("Độ khẩn \"" + urgencyText.get() + "\" không hợp lệ (thường, khẩn, thượng khẩn, hỏa tốc, hỏa tốc hẹn giờ)"
                        + " / Unknown urgency");
            } else {
                priority = u.get();
            }
        }
        String documentId = null;
        Optional<String> givenId = MailConvention.first(f, MailConvention.DOCUMENT_ID);
        if (givenId.isPresent()) {
            documentId = givenId.get();
            Optional<String> organ = DocumentIds.organ(documentId);
            if (DocumentIds.form(documentId) == DocumentIds.Form.OTHER) {
                c.reasons.add("Mã văn bản \"" + documentId + "\" không đúng dạng <mã cơ quan>-YYYY.X (ví dụ " + sender.id()
                        + "-2026.12) / The document id is not of the form <organisation id>-YYYY.X");
            } else if (organ.isPresent() && !organ.get().equals(sender.id())) {
                c.reasons.add("Mã văn bản \"" + documentId + "\" thuộc cơ quan " + organ.get() + ", không phải cơ quan gửi " + sender.id()
                        + " / The document id belongs to another organisation than the sender");
            }
        } else if (subject.isPresent() && day != null) {
            documentId = sender.id() + "," + VietnamTime.formatEdxmlDate(day) + "," + subject.get().codeNumber() + "/"
                    + subject.get().codeNotation();
            c.notes.add("Mã văn bản tạo từ số, ký hiệu và ngày / document id made from number, notation and date: " + documentId);
        }

        // attachments are read even when the mail is already refused, so the clerk gets every reason at once
        Path dir = workDir.resolve("mail-" + UUID.randomUUID());
        try {
            List<PackageBuilder.File> files = attachments(c, parts, dir);
            if (!c.pdf) c.reasons.add(noPdf());
            if (!c.reasons.isEmpty()) return c.result(Kind.REFUSED, null, documentId);
            MailConvention.DocumentSubject s = subject.orElseThrow();
            Organization from = new Organization(sender.id(), sender.name(), sender.name(), null, sender.email(), null, null, null);
            StaffInfo staff = new StaffInfo(null, null, personal(c.from), null, null, c.address);
            Business business = new Business(documentId, Business.NEW,
                    "Văn bản số hóa gửi qua thư điện tử / digitised document sent by e-mail", "1", staff, List.of(), List.of());
            PackageBuilder pkg = new PackageBuilder(from, documentId).to(to).code(s.codeNumber(), s.codeNotation())
                    .promulgation(null, VietnamTime.formatEdxmlDate(day))
                    .documentType(MailConvention.DOCUMENT_TYPE_CODE, null, typeName)
                    .subject(s.subject()).content(s.subject()).signer(null, position, signer).priority(priority).business(business);
            files.forEach(pkg::attach);
            pkg.writeTo(packageFile);
            return c.result(Kind.DOCUMENT, packageFile, documentId);
        } finally {
            deleteTree(dir);
        }
    }

    private List<Organization> receivers(Ctx c, AgencyRegistry registry, Map<String, List<String>> f, Agency sender) {
        List<String> tokens = MailConvention.receiverTokens(f);
        if (tokens.isEmpty()) {
            c.reasons.add("Thiếu nơi nhận: thêm dòng \"Gửi: <mã cơ quan>, <mã cơ quan>\" vào nội dung thư / No receivers: add a"
                    + " line \"Gửi: <organisation id>, ...\" to the body");
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String t : tokens) {
            if (t.contains("@")) {
                Optional<Agency> a = agencyByEmail(registry, t.toLowerCase(Locale.ROOT));
                if (a.isPresent()) ids.add(a.get().id());
                else c.reasons.add("Nơi nhận " + t + " không phải hộp thư công vụ đã đăng ký / Receiver " + t
                        + " is not a registered official address");
            } else {
                String id = t.toUpperCase(Locale.ROOT);
                if (OrganIds.isStrict(id) || OrganIds.isGeneral(id) && id.contains(".")) ids.add(id);
                else c.reasons.add("Nơi nhận \"" + t + "\" không phải mã định danh cơ quan (dạng 000.00.00.H41) / Receiver \"" + t
                        + "\" is not an organisation id (form 000.00.00.H41)");
            }
        }
        if (ids.remove(sender.id())) c.notes.add("Cơ quan gửi bỏ khỏi nơi nhận / the sender was removed from the receivers");
        if (ids.isEmpty() && c.reasons.isEmpty()) {
            c.reasons.add("Thiếu nơi nhận khác cơ quan gửi / No receiver other than the sender");
        }
        return ids.stream().map(id -> Organization.ofId(id, registry.find(id).map(Agency::name).orElse(null))).toList();
    }

    private LocalDate promulgationDay(Ctx c, Map<String, List<String>> f) throws MessagingException {
        Optional<String> text = MailConvention.first(f, MailConvention.DATE);
        if (text.isPresent()) {
            Optional<LocalDate> d = MailConvention.parseDay(text.get());
            if (d.isEmpty()) {
                c.reasons.add("Ngày ban hành \"" + text.get() + "\" không hợp lệ (dd/MM/yyyy) / Invalid promulgation date (dd/MM/yyyy)");
                return null;
            }
            return d.get();
        }
        LocalDate d = mailTime(c.msg).toLocalDate();
        c.notes.add("Ngày ban hành lấy theo ngày gửi thư / promulgation date taken from the mail date: " + MailConvention.formatDay(d));
        return d;
    }

    private static String noPdf() {
        return "Thư không có tệp PDF (bản quét văn bản) đính kèm / The mail has no PDF attachment (the scanned document)";
    }

    private List<PackageBuilder.File> attachments(Ctx c, Parts parts, Path dir) throws IOException, MessagingException {
        Files.createDirectories(dir);
        List<PackageBuilder.File> out = new ArrayList<>();
        long total = 0;
        int n = 0;
        for (Part part : parts.files) {
            n++;
            String raw = part.getFileName();
            String name = FileNames.sanitise(raw == null ? null : MailText.decodeHeader(raw));
            if (name.equals(FileNames.FALLBACK)) name = "tep-" + n + extensionFor(part);
            Path file = dir.resolve(n + "-" + name);
            long size;
            try (InputStream in = part.getInputStream(); OutputStream os = Files.newOutputStream(file)) {
                size = copy(in, os, options.maxAttachmentBytes() - total);
            }
            if (size < 0) {
                c.reasons.add("Tệp đính kèm quá lớn (tổng tối đa " + options.maxAttachmentBytes() / (1024 * 1024) + " MB) / Attachments too"
                        + " large (at most " + options.maxAttachmentBytes() / (1024 * 1024) + " MB in all)");
                return out;
            }
            total += size;
            FileKind kind = ContentSniffer.detect(file, name);
            if (kind == FileKind.PDF) c.pdf = true;
            if (!kind.allowed() && kind != FileKind.ZIP) {
                c.reasons.add("Tệp đính kèm \"" + FileNames.display(name) + "\" (" + kind.label() + ") không thuộc định dạng được phép"
                        + " (PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, ODP, TXT); hãy quét văn bản ra PDF / Attachment \""
                        + FileNames.display(name) + "\" is not of an allowed format");
                continue;
            }
            String type = kind == FileKind.PDF ? "application/pdf" : baseType(part);
            out.add(new PackageBuilder.File(file, name, type, size));
        }
        return out;
    }

    /** Copies at most {@code limit} bytes; returns the count, or -1 if there was more. */
    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long count = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            count += r;
            if (count > limit) return -1;
            out.write(buf, 0, r);
        }
        return count;
    }

    // ---------------------------------------------------------------- statuses

    private Result status(Ctx c, String subjectLine, String body, Path packageFile) throws IOException, MessagingException {
        Agency reporter = c.agency.orElseThrow();
        Optional<MailConvention.StatusSubject> s = MailConvention.statusSubject(subjectLine);
        if (s.isEmpty()) {
            c.reasons.add("Tiêu đề không đúng mẫu \"[TT] <mã trạng thái> <mã văn bản>\", ví dụ \"[TT] 03 000.00.13.H41-2026.5\";"
                    + " tiêu đề nhận được: \"" + nz(subjectLine) + "\" / The subject does not follow \"[TT] <code> <document id>\"");
            return c.result(Kind.REFUSED, null, null);
        }
        String code = s.get().code();
        String documentId = s.get().documentId();
        if (!MailConvention.MAIL_STATUS_CODES.contains(code)) {
            c.reasons.add("Mã trạng thái " + code + " không dùng được qua thư (02, 03, 04, 05, 06, 13, 15, 16) / Status code " + code
                    + " cannot be sent by mail (02, 03, 04, 05, 06, 13, 15, 16)");
        }
        String description = MailConvention.description(body);
        if (description.isBlank()) {
            if (MailConvention.STATUS_NEEDS_REASON.contains(code)) {
                c.reasons.add("Trạng thái " + code + " cần nêu lý do trong nội dung thư / Status " + code + " needs the reason in the body");
            } else {
                description = StatusCode.of(code).map(StatusCode::vietnamese).orElse("");
            }
        }
        Map<String, List<String>> f = MailConvention.fields(body);
        List<String> named = MailConvention.receiverTokens(f);
        String organ = !named.isEmpty() ? named.get(0).toUpperCase(Locale.ROOT) : DocumentIds.organ(documentId).orElse(null);
        if (!c.reasons.isEmpty()) return c.result(Kind.REFUSED, null, documentId);
        Organization from = new Organization(reporter.id(), reporter.name(), reporter.name(), null, reporter.email(), null, null, null);
        StatusPacket p = new StatusPacket(from, new ResponseFor(organ, null, null, documentId),
                new StaffInfo(null, null, personal(c.from), null, null, c.address), code, description,
                VietnamTime.formatEdxml(mailTime(c.msg)));
        write(packageFile, out -> writer.writeStatus(p, out));
        return c.result(Kind.STATUS, packageFile, documentId);
    }

    // ---------------------------------------------------------------- MIME

    /** The body part chosen and the file parts found. */
    private static final class Parts {
        Part body;
        boolean bodyIsPlain;
        final List<Part> files = new ArrayList<>();
    }

    private void walk(Part part, Parts out, boolean inRelated) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart mp)) return;
            boolean related = part.isMimeType("multipart/related");
            for (int i = 0; i < mp.getCount(); i++) walk(mp.getBodyPart(i), out, related || inRelated);
            return;
        }
        if (part.isMimeType("message/rfc822")) {
            return; // a forwarded mail inside: not read (its attachments are not this clerk's submission)
        }
        String disposition = part.getDisposition();
        String fileName = part.getFileName();
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null;
        if (!attachment && part.isMimeType("text/*")) {
            boolean plain = part.isMimeType("text/plain");
            if (out.body == null || (plain && !out.bodyIsPlain)) {
                out.body = part;
                out.bodyIsPlain = plain;
            }
            return;
        }
        boolean inlinePicture = part.isMimeType("image/*") && !Part.ATTACHMENT.equalsIgnoreCase(disposition)
                && (inRelated || Part.INLINE.equalsIgnoreCase(disposition));
        if (inlinePicture) return; // a logo in the mail signature
        out.files.add(part);
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static String extensionFor(Part part) throws MessagingException {
        return part.isMimeType("application/pdf") ? ".pdf" : "";
    }

    private static InternetAddress fromAddress(MimeMessage msg) {
        try {
            Address[] from = msg.getFrom();
            if (from == null) return null;
            for (Address a : from) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) return ia;
            }
            return null;
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String personal(InternetAddress a) {
        String p = a.getPersonal();
        // getPersonal() has decoded encoded words; a raw UTF-8 display name still needs repair
        return p == null || p.isBlank() ? null : MailText.decodeHeader(p).strip();
    }

    /** The agency whose registered {@code email} (one or more addresses, separated by , or ;) is this address. */
    static Optional<Agency> agencyByEmail(AgencyRegistry registry, String address) {
        for (Agency a : registry.all()) {
            if (a.email() == null) continue;
            for (String e : a.email().split("[,;\\s]+")) {
                if (!e.isBlank() && e.strip().equalsIgnoreCase(address)) return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * Automatic mail that must neither become a package nor be answered (RFC 3834): Auto-Submitted
     * other than "no", Precedence bulk/junk/list, a delivery report, an empty return path, mail from
     * MAILER-DAEMON.
     */
    public static boolean automatic(MimeMessage msg) throws MessagingException {
        String auto = msg.getHeader("Auto-Submitted", null);
        if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) return true;
        String precedence = msg.getHeader("Precedence", null);
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) return true;
        if (msg.getHeader("X-Autoreply", null) != null || msg.getHeader("X-Autorespond", null) != null) return true;
        if (msg.isMimeType("multipart/report")) return true;
        String returnPath = msg.getHeader("Return-Path", null);
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) return true;
        InternetAddress f = fromAddress(msg);
        String local = f == null ? "" : f.getAddress().toLowerCase(Locale.ROOT);
        return local.startsWith("mailer-daemon@") || local.startsWith("postmaster@");
    }

    private OffsetDateTime mailTime(MimeMessage msg) throws MessagingException {
        Date sent = msg.getSentDate();
        return sent == null ? VietnamTime.now(clock) : VietnamTime.inVietnam(sent.toInstant());
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void write(Path file, Body body) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
            body.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: the work directory is scratch space
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
