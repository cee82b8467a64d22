package vn.lienthong.adapter.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import vn.lienthong.edxml.EdxmlLimits;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.EdxmlSchemas;
import vn.lienthong.registry.Agency;
import vn.lienthong.registry.AgencyRegistry;

/** Agencies, a real PDF and convention mails as a clerk's mail program writes them. */
final class MailFixtures {
    static final Session SESSION = Session.getInstance(new Properties());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T02:15:00Z"), ZoneOffset.UTC);
    static final EdxmlReader READER = new EdxmlReader(EdxmlLimits.defaults(), EdxmlSchemas.fromDirectory(Path.of("schemas")));

    static final Agency XA = new Agency("000.00.45.H41", "UBND xã Hòa Tiến", "VanThu@HoaTien.NgheAn.gov.vn", null, null);
    static final Agency SO_NOI_VU = new Agency("000.00.13.H41", "Sở Nội vụ", "snv@nghean.gov.vn", null, null);
    static final Agency SO_TTTT = new Agency("000.00.05.H41", "Sở Thông tin và Truyền thông", "stttt@nghean.gov.vn; vanthu.stttt@nghean.gov.vn", null, null);
    static final Agency NO_MAIL = new Agency("000.00.00.H41", "UBND tỉnh Nghệ An", null, null, null);
    static final AgencyRegistry REGISTRY = new AgencyRegistry(List.of(XA, SO_NOI_VU, SO_TTTT, NO_MAIL));

    static final String SUBJECT = "[VB] 12/UBND-VP - V/v triển khai Kế hoạch chuyển đổi số năm 2026";
    static final String TRICH_YEU = "V/v triển khai Kế hoạch chuyển đổi số năm 2026";
    static final String PDF_NAME = "Công văn 12 - chuyển đổi số.pdf";

    private MailFixtures() { }

    /** Builder of a convention mail. */
    static final class Mail {
        String from = "Văn thư xã Hòa Tiến <vanthu@hoatien.nghean.gov.vn>";
        String subject = SUBJECT;
        String body = String.join("\n",
                "Kính gửi các cơ quan,",
                "",
                "Gửi: 000.00.13.H41, 000.00.05.H41",
                "Loại: Công văn",
                "Ngày ban hành: 20/11/2026",
                "Người ký: Nguyễn Văn An",
                "Chức vụ: Chủ tịch",
                "Độ khẩn: khẩn",
                "Mã văn bản: 000.00.45.H41-2026.12",
                "",
                "Trân trọng.",
                "-- ",
                "Văn thư UBND xã Hòa Tiến",
                "Gửi: 000.00.99.H41 (in the signature: not read)");
        String bodyEncoding; // null: let Jakarta Mail choose; "quoted-printable" / "base64" forced
        boolean html;
        Date date = Date.from(Instant.parse("2026-11-20T20:30:00Z")); // 21/11/2026 03:30 in Vietnam
        final List<Object[]> files = new ArrayList<>(); // {name, bytes, type, disposition}
        final List<String[]> headers = new ArrayList<>();

        Mail attach(String name, byte[] bytes, String type) {
            files.add(new Object[] {name, bytes, type, Part.ATTACHMENT});
            return this;
        }

        Mail inline(String name, byte[] bytes, String type) {
            files.add(new Object[] {name, bytes, type, Part.INLINE});
            return this;
        }

        Mail header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        /** The mail as written on the wire and parsed back, as the adapter gets it from a mailbox. */
        MimeMessage build() throws Exception {
            MimeMessage m = new MimeMessage(SESSION);
            for (String[] h : headers) m.addHeader(h[0], h[1]);
            m.setFrom(new InternetAddress(from, true));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("tiepnhan@tinh.gov.vn"));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(date);
            MimeBodyPart text = new MimeBodyPart();
            if (html) {
                text.setText(body, "UTF-8", "html");
            } else {
                text.setText(body, "UTF-8");
            }
            if (bodyEncoding != null) text.setHeader("Content-Transfer-Encoding", bodyEncoding);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(text);
            for (Object[] f : files) {
                MimeBodyPart p = new MimeBodyPart();
                p.setDataHandler(new DataHandler(new ByteArrayDataSource((byte[]) f[1], (String) f[2])));
                p.setFileName((String) f[0]);
                p.setDisposition((String) f[3]);
                if (Part.INLINE.equals(f[3])) p.setContentID("<logo@hoatien>");
                mixed.addBodyPart(p);
            }
            m.setContent(mixed);
            m.saveChanges();
            return reparse(m);
        }
    }

    static MimeMessage reparse(MimeMessage m) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(wire(m)));
    }

    static byte[] wire(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
