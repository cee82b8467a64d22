package vn.lienthong.adapter.mail;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.adapter.TestPdf.pdf;
import static vn.lienthong.adapter.mail.MailFixtures.*;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.edxml.Attachment;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.edxml.EdxmlWriter;
import vn.lienthong.edxml.ManifestReference;
import vn.lienthong.edxml.Organization;
import vn.lienthong.edxml.PacketKind;
import vn.lienthong.edxml.ResponseFor;
import vn.lienthong.edxml.StatusPacket;

/** Documents and statuses delivered by mail to agencies without a document system (R15). */
class PackageToMailTest {
    @TempDir Path tmp;

    PackageToMail mailer() throws Exception {
        return new PackageToMail(SESSION, new InternetAddress("Trục liên thông văn bản tỉnh <lienthong@tinh.gov.vn>", true),
                READER, REGISTRY, tmp.resolve("send"), CLOCK);
    }

    Path documentPackage(byte[] pdf, byte[] zip) throws Exception {
        Path a1 = Files.write(tmp.resolve("a1"), pdf);
        Path a2 = Files.write(tmp.resolve("a2"), zip);
        List<Attachment> files = List.of(
                new Attachment("cid:1", "Quyết định 05 - ban hành quy chế.pdf", "Quyết định", "application/pdf", a1, pdf.length, true),
                new Attachment("cid:2", "Phụ lục.doc", "Phụ lục", "application/zip", a2, zip.length, true));
        EdxmlPackage p = new EdxmlPackage(PacketKind.DOCUMENT,
                Organization.ofId("000.00.13.H41", "Sở Nội vụ"), List.of(Organization.ofId("000.00.45.H41", "UBND xã Hòa Tiến")),
                "000.00.13.H41-2026.5", "05", "QĐ-SNV", "Nghệ An", "2026/11/20", "1", "Quyết định",
                "Ban hành quy chế làm việc của Sở Nội vụ", "Ban hành quy chế làm việc của Sở Nội vụ", "KT. GIÁM ĐỐC", "Phó Giám đốc",
                "Phạm Thị Lan", "2026/12/01", "2", List.of(), List.of(), null, null, null, null, null, null,
                files.stream().map(a -> new ManifestReference(a.contentId(), a.contentType(), a.description(), a.attachmentName())).toList(),
                files, Map.of());
        Path file = tmp.resolve("doc.edxml");
        try (OutputStream out = Files.newOutputStream(file)) {
            new EdxmlWriter().writeDocument(p, out);
        }
        return file;
    }

    static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return b.toByteArray();
    }

    @Test
    void documentMailRoundTrips() throws Exception {
        byte[] pdf = pdf("Quyet dinh 05/QD-SNV");
        byte[] zip = zip("Phu luc.doc", "phụ lục".getBytes(StandardCharsets.UTF_8));
        Path pkg = documentPackage(pdf, zip);
        PackageToMail.Receipt receipt = PackageToMail.Receipt.fromJson(("{\"documentId\":\"000.00.13.H41-2026.5\",\"incomingYear\":2026,"
                + "\"incomingNumber\":15,\"receivedAt\":\"2026-11-21T09:15:00+07:00\",\"officialReceivedAt\":\"2026-11-21T09:15:00+07:00\","
                + "\"legalValue\":\"legal\",\"signers\":[\"PDF: Phạm Thị Lan\"],\"extra\":1}").getBytes(StandardCharsets.UTF_8));

        byte[] wire;
        Path sendDir = tmp.resolve("send");
        try (PackageToMail.Outgoing out = mailer().document(pkg, XA, receipt)) {
            wire = wire(out.message());
            try (var s = Files.list(sendDir)) {
                assertEquals(1, s.count(), "attachments on disk while the mail is on its way");
            }
        }
        try (var s = Files.list(sendDir)) {
            assertEquals(0, s.count(), "and removed after");
        }
        String ascii = new String(wire, StandardCharsets.US_ASCII);
        assertTrue(ascii.contains("Subject: =?UTF-8?"), "subject in encoded words");

        MimeMessage m = new MimeMessage(SESSION, new java.io.ByteArrayInputStream(wire));
        assertEquals("[VB] 05/QĐ-SNV - Ban hành quy chế làm việc của Sở Nội vụ", m.getSubject());
        assertEquals(XA.email(), ((InternetAddress) m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]).getAddress());
        assertEquals("UBND xã Hòa Tiến", ((InternetAddress) m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]).getPersonal());
        assertEquals("lienthong@tinh.gov.vn", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("auto-generated", m.getHeader("Auto-Submitted", null));
        assertEquals("000.00.13.H41-2026.5", m.getHeader("X-Lienthong-Document-Id", null));
        assertEquals(new MailConvention.DocumentSubject("05", "QĐ-SNV", "Ban hành quy chế làm việc của Sở Nội vụ"),
                MailConvention.documentSubject(m.getSubject()).orElseThrow(), "the subject follows the convention");

        Multipart mp = (Multipart) m.getContent();
        assertEquals(3, mp.getCount());
        String body = (String) mp.getBodyPart(0).getContent();
        for (String expected : List.of("Cơ quan gửi: Sở Nội vụ (000.00.13.H41)", "Mã văn bản: 000.00.13.H41-2026.5", "Số, ký hiệu: 05/QĐ-SNV",
                "Ngày ban hành: 20/11/2026", "Loại văn bản: Quyết định", "Người ký: KT. GIÁM ĐỐC Phạm Thị Lan", "Chức vụ: Phó Giám đốc",
                "Độ khẩn: Thượng khẩn", "Hạn xử lý: 01/12/2026", "Số đến: 15/2026", "Thời điểm nhận: 09:15:00 ngày 21/11/2026",
                "Giá trị pháp lý: Có giá trị pháp lý", "Chữ ký số: PDF: Phạm Thị Lan", "[TT] 03 000.00.13.H41-2026.5")) {
            assertTrue(body.contains(expected), () -> expected + " missing in\n" + body);
        }
        BodyPart pdfPart = mp.getBodyPart(1);
        assertEquals(Part.ATTACHMENT, pdfPart.getDisposition());
        assertEquals("Quyết định 05 - ban hành quy chế.pdf", pdfPart.getFileName());
        assertTrue(pdfPart.isMimeType("application/pdf"));
        assertArrayEquals(pdf, pdfPart.getInputStream().readAllBytes());
        BodyPart zipPart = mp.getBodyPart(2);
        assertEquals("Phụ lục.doc.zip", zipPart.getFileName(), "a zipped file is named what it is");
        assertArrayEquals(zip, zipPart.getInputStream().readAllBytes());
    }

    @Test
    void mailOnlySenderPackageRoundTripsThroughBothDirections() throws Exception {
        // clerk's mail -> package -> mail to the receiver: the receiver gets the very PDF the clerk scanned
        byte[] pdf = pdf("Cong van 12/UBND-VP");
        MailToPackage in = new MailToPackage(MailToPackage.Options.relay(), tmp.resolve("in"), tmp.resolve("w"), CLOCK);
        MailToPackage.Result r = in.parse(new MailFixtures.Mail().attach(PDF_NAME, pdf, "application/pdf").build(), REGISTRY);
        assertEquals(MailToPackage.Kind.DOCUMENT, r.kind(), r.reasons()::toString);
        MimeMessage m;
        try (PackageToMail.Outgoing out = mailer().document(r.packageFile(), SO_NOI_VU, PackageToMail.Receipt.none())) {
            m = reparse(out.message());
        }
        assertEquals(SUBJECT, m.getSubject());
        Multipart mp = (Multipart) m.getContent();
        assertEquals(PDF_NAME, mp.getBodyPart(1).getFileName());
        assertArrayEquals(pdf, mp.getBodyPart(1).getInputStream().readAllBytes());
        assertTrue(((String) mp.getBodyPart(0).getContent()).contains("Hình thức: Văn bản giấy được số hóa"));
    }

    @Test
    void statusNotification() throws Exception {
        Path file = tmp.resolve("status.edxml");
        try (OutputStream out = Files.newOutputStream(file)) {
            new EdxmlWriter().writeStatus(new StatusPacket(Organization.ofId("000.00.13.H41", "Sở Nội vụ"),
                    new ResponseFor("000.00.45.H41", null, null, "000.00.45.H41-2026.12"), null, "01",
                    "Đã đến - văn bản đã vào hộp thư đến của Sở Nội vụ, số đến 15", "2026/11/21 09:15:00"), out);
        }
        MimeMessage m = reparse(mailer().status(file, XA));
        assertEquals("[TT] 01 000.00.45.H41-2026.12 - Đã đến", m.getSubject());
        assertEquals(XA.email(), ((InternetAddress) m.getAllRecipients()[0]).getAddress());
        String body = (String) m.getContent();
        assertTrue(body.contains("Cơ quan báo: Sở Nội vụ (000.00.13.H41)"), body);
        assertTrue(body.contains("Trạng thái: 01 - Đã đến (arrived)"), body);
        assertTrue(body.contains("số đến 15"), body);
        assertTrue(body.contains("Thời điểm: 09:15:00 ngày 21/11/2026"), body);
        // an agency reporting back by replying to it is not taken for a status of its own (01 is the gateway's)
        assertEquals(new MailConvention.StatusSubject("01", "000.00.45.H41-2026.12"), MailConvention.statusSubject("Re: " + m.getSubject()).orElseThrow());
    }

    @Test
    void agencyWithoutAddressCannotBeMailed() throws Exception {
        Path pkg = documentPackage(pdf("x"), zip("a.txt", new byte[] {'a'}));
        assertThrows(IllegalArgumentException.class, () -> mailer().document(pkg, NO_MAIL, PackageToMail.Receipt.none()));
    }
}
