package vn.lienthong.adapter.mail;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.adapter.TestPdf.pdf;
import static vn.lienthong.adapter.mail.MailFixtures.*;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.config.Settings;
import vn.lienthong.edxml.Attachment;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.edxml.PacketKind;
import vn.lienthong.edxml.ReadResult;
import vn.lienthong.edxml.attachment.AttachmentInspector;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.PackageValidator;

/** Mails from clerks of agencies without a document system become packages, or are refused with reasons (R15). */
class MailToPackageTest {
    @TempDir Path tmp;

    MailToPackage adapter() {
        return new MailToPackage(MailToPackage.Options.relay("mail.tinh.gov.vn"), tmp.resolve("out"), tmp.resolve("work"), CLOCK);
    }

    ReadResult read(Path packageFile) throws Exception {
        return READER.read(packageFile, tmp.resolve("read-" + System.nanoTime()));
    }

    @Test
    void registeredAgencyMailBecomesADocumentPackageTheGatewayAccepts() throws Exception {
        byte[] pdf = pdf("Cong van 12/UBND-VP");
        MimeMessage mail = new Mail().attach(PDF_NAME, pdf, "application/pdf").build();
        assertTrue(new String(wire(mail), StandardCharsets.US_ASCII).contains("Subject: =?UTF-8?"), "subject travels as encoded words");

        MailToPackage.Result r = adapter().parse(mail, REGISTRY);

        assertEquals(MailToPackage.Kind.DOCUMENT, r.kind(), () -> String.join("\n", r.reasons()));
        assertEquals(XA, r.agency().orElseThrow());
        assertTrue(r.pdfAttached());
        assertFalse(r.viaProvinceRelay(), "built locally: no Received chain");
        assertEquals("000.00.45.H41-2026.12", r.documentId());
        assertTrue(Files.exists(r.packageFile()));

        ReadResult read = read(r.packageFile());
        assertEquals(List.of(), read.findings(), "valid against the gateway's edXML schema");
        EdxmlPackage p = read.pkg();
        assertEquals(PacketKind.DOCUMENT, p.kind());
        assertEquals("000.00.45.H41", p.from().organId());
        assertEquals("UBND xã Hòa Tiến", p.from().organName());
        assertEquals(List.of("000.00.13.H41", "000.00.05.H41"), p.receiverIds(), "the Gửi line in the mail signature is not read");
        assertEquals("Sở Nội vụ", p.to().get(0).organName());
        assertEquals("12", p.codeNumber());
        assertEquals("UBND-VP", p.codeNotation());
        assertEquals(TRICH_YEU, p.subject());
        assertEquals("000.00.45.H41-2026.12", p.documentId());
        assertEquals("2026/11/20", p.promulgationDate());
        assertEquals("1", p.documentType());
        assertEquals("Công văn", p.documentTypeName());
        assertEquals("Nguyễn Văn An", p.signerFullName());
        assertEquals("Chủ tịch", p.signerPosition());
        assertEquals("1", p.priority());
        assertEquals("1", p.business().paper(), "digitised from paper");
        assertEquals("vanthu@hoatien.nghean.gov.vn", p.business().staffInfo().email());
        assertEquals("Văn thư xã Hòa Tiến", p.business().staffInfo().staff());
        assertEquals(1, p.attachments().size());
        Attachment a = p.attachments().get(0);
        assertEquals(PDF_NAME, a.attachmentName());
        assertEquals("application/pdf", a.contentType());
        assertArrayEquals(pdf, Files.readAllBytes(a.file()));

        // the checks intake runs: no refusal
        List<Finding> findings = new PackageValidator(Settings.defaults().validation(), new AttachmentInspector())
                .validate(p, tmp.resolve("validate"));
        assertFalse(PackageValidator.refused(findings), findings::toString);
        // scratch files are gone
        try (var s = Files.list(tmp.resolve("work"))) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void missingOptionalFieldsGetTheDocumentedDefaults() throws Exception {
        Mail m = new Mail();
        m.body = "Gửi: 000.00.13.H41";
        MailToPackage.Result r = adapter().parse(m.attach("scan.pdf", pdf("x"), "application/pdf").build(), REGISTRY);
        assertEquals(MailToPackage.Kind.DOCUMENT, r.kind(), () -> String.join("\n", r.reasons()));
        EdxmlPackage p = read(r.packageFile()).pkg();
        assertEquals("Công văn", p.documentTypeName());
        assertEquals(MailConvention.DEFAULT_SIGNER, p.signerFullName());
        assertEquals(MailConvention.DEFAULT_SIGNER, p.signerPosition());
        assertEquals("0", p.priority());
        assertEquals("2026/11/21", p.promulgationDate(), "mail date 2026-11-20T20:30Z is the 21st in Vietnam");
        assertEquals("000.00.45.H41,2026/11/21,12/UBND-VP", p.documentId(), "national form from number, notation, date");
        assertFalse(r.notes().isEmpty());
    }

    @Test
    void unknownSenderIsRefusedWithAReasonAndAnswered() throws Exception {
        Mail m = new Mail();
        m.from = "Kẻ giả mạo <vanthu.hoatien@gmail.com>";
        MimeMessage mail = m.attach(PDF_NAME, pdf("x"), "application/pdf").build();
        MailToPackage.Result r = adapter().parse(mail, REGISTRY);

        assertEquals(MailToPackage.Kind.REFUSED, r.kind());
        assertTrue(r.agency().isEmpty());
        assertNull(r.packageFile());
        assertTrue(r.mayReply());
        assertEquals(1, r.reasons().size());
        String reason = r.reasons().get(0);
        assertTrue(reason.contains("vanthu.hoatien@gmail.com"), reason);
        assertTrue(reason.contains("không phải hộp thư công vụ đã đăng ký"), reason);
        assertTrue(reason.contains("is not the registered official address"), reason);
        assertFalse(Files.exists(tmp.resolve("out")) && Files.list(tmp.resolve("out")).findAny().isPresent(), "nothing written");

        MimeMessage reply = reparse(packageToMail().replyRefused(mail, r.reasons()));
        assertEquals("vanthu.hoatien@gmail.com", ((jakarta.mail.internet.InternetAddress) reply.getAllRecipients()[0]).getAddress());
        assertEquals("Re: " + SUBJECT, reply.getSubject());
        assertEquals(mail.getMessageID(), reply.getHeader("In-Reply-To", null));
        assertEquals("auto-replied", reply.getHeader("Auto-Submitted", null));
        String body = (String) reply.getContent();
        assertTrue(body.contains("KHÔNG tiếp nhận") && body.contains(reason), body);
    }

    @Test
    void missingReceiversAreRefused() throws Exception {
        Mail m = new Mail();
        m.body = "Người ký: Nguyễn Văn An\nChức vụ: Chủ tịch";
        MailToPackage.Result r = adapter().parse(m.attach(PDF_NAME, pdf("x"), "application/pdf").build(), REGISTRY);
        assertEquals(MailToPackage.Kind.REFUSED, r.kind());
        assertEquals(XA, r.agency().orElseThrow(), "the sender is known, the mail is not complete");
        assertTrue(r.reasons().stream().anyMatch(s -> s.contains("Thiếu nơi nhận") && s.contains("No receivers")), r.reasons()::toString);
        assertNull(r.packageFile());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        Mail m = new Mail();
        m.subject = "Công văn chuyển đổi số";
        m.body = "Gửi: abc\nNgày ban hành: 30/02/2026";
        MailToPackage.Result r1 = adapter().parse(m.attach("anh.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x11}, "image/jpeg")
                .build(), REGISTRY);
        assertEquals(MailToPackage.Kind.REFUSED, r1.kind());
        assertTrue(r1.reasons().get(0).contains("[VB]"), r1.reasons()::toString);

        m.subject = SUBJECT;
        MailToPackage.Result r = adapter().parse(m.build(), REGISTRY);
        String all = String.join("\n", r.reasons());
        assertTrue(all.contains("\"abc\" không phải mã định danh"), all);
        assertTrue(all.contains("30/02/2026"), all);
        assertTrue(all.contains("anh.jpg"), all);
        assertTrue(all.contains("không có tệp PDF"), all);
        assertFalse(r.pdfAttached());
    }

    @Test
    void aMailWithoutPdfIsRefusedAndInlineLogosAreIgnored() throws Exception {
        Mail m = new Mail().inline("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        MailToPackage.Result r = adapter().parse(m.build(), REGISTRY);
        assertEquals(List.of("Thư không có tệp PDF (bản quét văn bản) đính kèm / The mail has no PDF attachment (the scanned document)"),
                r.reasons());

        MailToPackage.Result ok = adapter().parse(new Mail().inline("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png")
                .attach(PDF_NAME, pdf("x"), "application/octet-stream").build(), REGISTRY);
        assertEquals(MailToPackage.Kind.DOCUMENT, ok.kind(), ok.reasons()::toString);
        Attachment a = read(ok.packageFile()).pkg().attachments().get(0);
        assertEquals("application/pdf", a.contentType(), "recognised by content, not by the declared type");
    }

    @Test
    void statusMailBecomesAStatusPacket() throws Exception {
        Mail m = new Mail();
        m.from = "snv@NGHEAN.gov.vn";
        m.subject = "Re: [TT] 03 000.00.45.H41-2026.12";
        m.body = "Văn thư Sở Nội vụ đã vào sổ văn bản đến số 15.\n\n> Trích thư cũ\n-- \nSở Nội vụ";
        MailToPackage.Result r = adapter().parse(m.build(), REGISTRY);
        assertEquals(MailToPackage.Kind.STATUS, r.kind(), r.reasons()::toString);
        assertEquals(SO_NOI_VU, r.agency().orElseThrow());
        assertEquals("000.00.45.H41-2026.12", r.documentId());

        ReadResult read = read(r.packageFile());
        assertEquals(List.of(), read.findings());
        EdxmlPackage p = read.pkg();
        assertEquals(PacketKind.STATUS, p.kind());
        assertEquals("000.00.13.H41", p.from().organId());
        assertEquals("03", p.statusCode());
        assertEquals("000.00.45.H41-2026.12", p.statusFor().documentId());
        assertEquals("000.00.45.H41", p.statusFor().organId(), "the issuing organisation, from the document id");
        assertEquals("Văn thư Sở Nội vụ đã vào sổ văn bản đến số 15.", p.description());
        assertEquals("2026/11/21 03:30:00", p.timestamp());
        List<Finding> findings = new PackageValidator(Settings.defaults().validation(), new AttachmentInspector())
                .validate(p, tmp.resolve("v"));
        assertEquals(List.of(), findings);
    }

    @Test
    void statusWithoutReasonOrWithAGatewayCodeIsRefused() throws Exception {
        Mail m = new Mail();
        m.subject = "[TT] 02 000.00.13.H41-2026.5";
        m.body = "";
        MailToPackage.Result r = adapter().parse(m.build(), REGISTRY);
        assertEquals(MailToPackage.Kind.REFUSED, r.kind());
        assertTrue(r.reasons().get(0).contains("cần nêu lý do"), r.reasons()::toString);

        m.subject = "[TT] 01 000.00.13.H41-2026.5";
        assertTrue(adapter().parse(m.build(), REGISTRY).reasons().get(0).contains("không dùng được qua thư"));

        m.subject = "[TT] 6 000.00.13.H41-2026.5";
        MailToPackage.Result six = adapter().parse(m.build(), REGISTRY);
        assertEquals(MailToPackage.Kind.STATUS, six.kind());
        assertEquals("Đã hoàn thành", read(six.packageFile()).pkg().description(), "default: the code's meaning");
    }

    @Test
    void vietnameseArrivesInEveryEncodingClerksMailProgramsUse() throws Exception {
        // quoted-printable body, registered address listed second in the agency's email field
        Mail qp = new Mail();
        qp.from = "VANTHU.STTTT@nghean.gov.vn";
        qp.bodyEncoding = "quoted-printable";
        qp.body = "Gửi: 000.00.13.H41\nNgười ký: Trần Thị Hồng Nhung\nChức vụ: Phó Giám đốc\nĐộ khẩn: Thượng khẩn";
        MimeMessage qpMail = qp.attach(PDF_NAME, pdf("x"), "application/pdf").build();
        assertTrue(new String(wire(qpMail), StandardCharsets.US_ASCII).contains("Ng=C6=B0=E1=BB=9Di k=C3=BD"), "really quoted-printable");
        MailToPackage.Result r = adapter().parse(qpMail, REGISTRY);
        assertEquals(MailToPackage.Kind.DOCUMENT, r.kind(), r.reasons()::toString);
        EdxmlPackage p = read(r.packageFile()).pkg();
        assertEquals("Trần Thị Hồng Nhung", p.signerFullName());
        assertEquals("Phó Giám đốc", p.signerPosition());
        assertEquals("2", p.priority());
        assertEquals("000.00.05.H41", p.from().organId());

        // HTML-only body (webmail), labels without diacritics, base64
        Mail html = new Mail();
        html.html = true;
        html.bodyEncoding = "base64";
        html.body = "<html><body><p>Gui: 000.00.13.H41</p><div>Nguoi ky: L&ecirc; V&#259;n B&igrave;nh<br>Do khan: hoa toc</div></body></html>";
        MailToPackage.Result h = adapter().parse(html.attach(PDF_NAME, pdf("x"), "application/pdf").build(), REGISTRY);
        assertEquals(MailToPackage.Kind.DOCUMENT, h.kind(), h.reasons()::toString);
        EdxmlPackage hp = read(h.packageFile()).pkg();
        assertEquals("Lê Văn Bình", hp.signerFullName());
        assertEquals("3", hp.priority());

        // raw 8-bit UTF-8 subject (RFC 6532) and an encoded word split inside a character
        byte[] raw = ("From: vanthu@hoatien.nghean.gov.vn\r\nTo: tiepnhan@tinh.gov.vn\r\n"
                + "Subject: [VB] 7/UBND - Về việc họp giao ban\r\nDate: Fri, 20 Nov 2026 08:00:00 +0700\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGửi: 000.00.13.H41\r\n"
                + "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"=?UTF-8?B?QmnDqm4gYuG6o24=?= .pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString(pdf("y")) + "\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        MimeMessage rawMail = new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(raw));
        MailToPackage.Result rr = adapter().parse(rawMail, REGISTRY);
        assertEquals(MailToPackage.Kind.DOCUMENT, rr.kind(), rr.reasons()::toString);
        EdxmlPackage rp = read(rr.packageFile()).pkg();
        assertEquals("Về việc họp giao ban", rp.subject());
        assertEquals("Biên bản .pdf", rp.attachments().get(0).attachmentName());
        assertEquals("2026/11/20", rp.promulgationDate());

        // "ệ" (E1 BB 87) split between two encoded words
        assertEquals("[VB] 1/UBND - Về việc", MailText.decodeHeader("=?UTF-8?Q?[VB]_1/UBND_-_V=E1=BB=81_vi=E1=BB?=\r\n =?UTF-8?Q?=87c?="));
        assertEquals("Công văn", MailText.decodeHeader("=?utf-8?B?Q8O0bmcgdsSDbg==?="));
        assertEquals("a Công văn b", MailText.decodeHeader("a =?utf-8?B?Q8O0bmc=?= =?utf-8?B?IHbEg24=?= b"));
    }

    @Test
    void automaticMailIsNeitherTakenNorAnswered() throws Exception {
        MailToPackage.Result r = adapter().parse(new Mail().header("Auto-Submitted", "auto-replied")
                .attach(PDF_NAME, pdf("x"), "application/pdf").build(), REGISTRY);
        assertEquals(MailToPackage.Kind.REFUSED, r.kind());
        assertFalse(r.mayReply());
    }

    @Test
    void provinceRelayIsRecognisedOnlyInTheTrustedPartOfTheHeaders() throws Exception {
        String authenticated = "from [10.1.2.3] (unknown [10.1.2.3]) by mail.tinh.gov.vn (Postfix) with ESMTPSA id 4F2A1;"
                + " Fri, 20 Nov 2026 08:00:00 +0700";
        String delivery = "from mail.tinh.gov.vn by store.tinh.gov.vn with LMTP id 77; Fri, 20 Nov 2026 08:00:01 +0700";
        MailToPackage trusting = new MailToPackage(new MailToPackage.Options(List.of("mail.tinh.gov.vn"), List.of("store.tinh.gov.vn"), 0),
                tmp.resolve("o"), tmp.resolve("w"), CLOCK);

        // Received headers are added oldest first, as the hops add them; each new one goes on top
        assertTrue(relay(trusting, new Mail().header("Received", authenticated).header("Received", delivery)));
        assertFalse(relay(adapter(), new Mail().header("Received", authenticated).header("Received", delivery)),
                "store.tinh.gov.vn not trusted: what is below it proves nothing");
        // a forged 'authenticated' line below a hop from outside
        assertFalse(relay(trusting, new Mail().header("Received", authenticated)
                .header("Received", "from evil by attacker.example with ESMTP; x")
                .header("Received", "from mx.gmail.com by mail.tinh.gov.vn with ESMTPS id 1; x")));
        // unauthenticated mail from outside
        assertFalse(relay(trusting, new Mail().header("Received", "from mx.gmail.com by mail.tinh.gov.vn with ESMTPS id 1; x")));
        // DKIM verified by the relay for the sender's domain
        assertTrue(relay(adapter(), new Mail().header("Authentication-Results",
                "mail.tinh.gov.vn; dkim=pass (2048-bit key) header.d=hoatien.nghean.gov.vn header.s=mail; spf=none")
                .header("Received", "from x by mail.tinh.gov.vn with ESMTPS; y")));
        assertFalse(relay(adapter(), new Mail().header("Authentication-Results",
                "mail.tinh.gov.vn; dkim=pass header.d=gmail.com; spf=fail smtp.mailfrom=hoatien.nghean.gov.vn")));
        assertFalse(relay(adapter(), new Mail().header("Authentication-Results",
                "mx.google.com; dkim=pass header.d=hoatien.nghean.gov.vn")), "another server's verdict");
    }

    private boolean relay(MailToPackage a, Mail m) throws Exception {
        return a.parse(m.attach(PDF_NAME, pdf("x"), "application/pdf").build(), REGISTRY).viaProvinceRelay();
    }

    @Test
    void conventionParsing() {
        assertEquals(new MailConvention.DocumentSubject("05", "2026/QĐ-UBND", "Quyết định ban hành quy chế"),
                MailConvention.documentSubject("Fwd: TL: [VB] 05/2026/QĐ-UBND – Quyết định ban hành quy chế").orElseThrow());
        assertEquals(new MailConvention.StatusSubject("13", "000.00.45.H41-2026.12"),
                MailConvention.statusSubject("Trả lời: [tt] 13 000.00.45.H41-2026.12 - xin lấy lại").orElseThrow());
        assertTrue(MailConvention.documentSubject("[VB] V/v họp").isEmpty());
        assertEquals(java.util.Optional.of(3), MailConvention.urgency("Hoả tốc"));
        assertEquals(java.util.Optional.of(4), MailConvention.urgency("HỎA TỐC HẸN GIỜ"));
        assertTrue(MailConvention.parseDay("31/4/2026").isEmpty());
        assertEquals(java.time.LocalDate.of(2026, 4, 5), MailConvention.parseDay("5.4.2026").orElseThrow());
    }

    PackageToMail packageToMail() throws Exception {
        return new PackageToMail(SESSION, new jakarta.mail.internet.InternetAddress("Trục liên thông <lienthong@tinh.gov.vn>", true),
                READER, REGISTRY, tmp.resolve("send"), CLOCK);
    }
}
