package vn.lienthong.adapter.mail;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.adapter.TestPdf.pdf;
import static vn.lienthong.adapter.mail.MailFixtures.*;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.edxml.EdxmlPackage;
import vn.lienthong.edxml.PacketKind;

/**
 * The e-mail adapter over the real protocols, against an in-process mail server (GreenMail): the
 * clerk's mail program sends by SMTP, the gateway reads the intake mailbox by IMAP, and what the
 * gateway sends by SMTP arrives in the agency's mailbox, read by IMAP.
 */
class MailProtocolTest {
    static final String INTAKE = "tiepnhan@tinh.gov.vn";
    static final String PASSWORD = "mat-khau";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()})
            .withPerMethodLifecycle(true);

    @TempDir Path tmp;

    Session smtp() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
        return Session.getInstance(p);
    }

    Store imap(String user) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(MAIL.getImap().getPort()));
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(user, PASSWORD);
        return store;
    }

    /** Sends a built mail over SMTP as the clerk's mail program would. */
    void send(MimeMessage built) throws Exception {
        MimeMessage m = new MimeMessage(smtp(), new java.io.ByteArrayInputStream(wire(built)));
        Transport.send(m);
    }

    /** The INBOX, once the server has received {@code deliveredInAll} mails (all mailboxes together). */
    Folder inbox(Store store, int deliveredInAll, int inThisBox) throws Exception {
        assertTrue(MAIL.waitForIncomingEmail(5000, deliveredInAll), "mail arrived");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertEquals(inThisBox, inbox.getMessageCount());
        return inbox;
    }

    MailToPackage adapter() {
        return new MailToPackage(MailToPackage.Options.relay("mail.tinh.gov.vn"), tmp.resolve("out"), tmp.resolve("work"), CLOCK);
    }

    PackageToMail mailer() throws Exception {
        return new PackageToMail(smtp(), new InternetAddress("Trục liên thông văn bản tỉnh <lienthong@tinh.gov.vn>", true),
                READER, REGISTRY, tmp.resolve("send"), CLOCK);
    }

    @Test
    void clerkSendsBySmtpGatewayReadsByImapAndDeliversBySmtp() throws Exception {
        MAIL.setUser(INTAKE, INTAKE, PASSWORD);
        MAIL.setUser("snv@nghean.gov.vn", "snv@nghean.gov.vn", PASSWORD);
        byte[] pdf = pdf("Cong van 12/UBND-VP gui qua SMTP");
        send(new Mail().attach(PDF_NAME, pdf, "application/pdf").build());

        Path packageFile;
        try (Store store = imap(INTAKE)) {
            Folder inbox = inbox(store, 1, 1);
            Message msg = inbox.getMessage(1);
            assertInstanceOf(org.eclipse.angus.mail.imap.IMAPMessage.class, msg, "read over IMAP, parts fetched from the server");
            MailToPackage.Result r = adapter().parse((MimeMessage) msg, REGISTRY);
            assertEquals(MailToPackage.Kind.DOCUMENT, r.kind(), r.reasons()::toString);
            assertEquals(XA, r.agency().orElseThrow());
            assertTrue(r.pdfAttached());
            assertFalse(r.viaProvinceRelay(), "GreenMail is not the province relay");
            msg.setFlag(Flags.Flag.SEEN, true);
            packageFile = r.packageFile();
            inbox.close(false);
        }
        EdxmlPackage p = READER.read(packageFile, tmp.resolve("read")).pkg();
        assertEquals(PacketKind.DOCUMENT, p.kind());
        assertEquals("000.00.45.H41", p.from().organId());
        assertEquals(java.util.List.of("000.00.13.H41", "000.00.05.H41"), p.receiverIds());
        assertEquals(TRICH_YEU, p.subject());
        assertEquals(PDF_NAME, p.attachments().get(0).attachmentName());
        assertArrayEquals(pdf, Files.readAllBytes(p.attachments().get(0).file()));

        // the gateway delivers the package to Sở Nội vụ, a mail-only agency
        try (PackageToMail.Outgoing out = mailer().document(packageFile, SO_NOI_VU,
                new PackageToMail.Receipt(7, 2026, "2026-11-21T09:15:00+07:00", null, "reference-only", null, null))) {
            Transport.send(out.message());
        }
        try (Store store = imap("snv@nghean.gov.vn")) {
            Folder inbox = inbox(store, 2, 1);
            Message got = inbox.getMessage(1);
            assertEquals(SUBJECT, got.getSubject());
            Multipart mp = (Multipart) got.getContent();
            String body = (String) mp.getBodyPart(0).getContent();
            assertTrue(body.contains("Số đến: 7/2026") && body.contains("Chỉ có giá trị tham khảo"), body);
            assertEquals(PDF_NAME, mp.getBodyPart(1).getFileName());
            assertArrayEquals(pdf, mp.getBodyPart(1).getInputStream().readAllBytes());

            // and Sở Nội vụ's clerk answers with a status mail, read back by the gateway
            Mail status = new Mail();
            status.from = "snv@nghean.gov.vn";
            status.subject = "[TT] 03 " + p.documentId();
            status.body = "Đã vào sổ văn bản đến.";
            send(status.build());
        }
        try (Store store = imap(INTAKE)) {
            Folder inbox = inbox(store, 3, 2);
            MailToPackage.Result status = adapter().parse((MimeMessage) inbox.getMessage(2), REGISTRY);
            assertEquals(MailToPackage.Kind.STATUS, status.kind(), status.reasons()::toString);
            EdxmlPackage sp = READER.read(status.packageFile(), tmp.resolve("s")).pkg();
            assertEquals("03", sp.statusCode());
            assertEquals("000.00.13.H41", sp.from().organId());
            assertEquals(p.documentId(), sp.statusFor().documentId());
        }
    }

    @Test
    void unknownSenderGetsTheRefusalByMail() throws Exception {
        MAIL.setUser(INTAKE, INTAKE, PASSWORD);
        MAIL.setUser("nguoi.la@gmail.com", "nguoi.la@gmail.com", PASSWORD);
        Mail stranger = new Mail();
        stranger.from = "Người lạ <nguoi.la@gmail.com>";
        send(stranger.attach(PDF_NAME, pdf("x"), "application/pdf").build());

        try (Store store = imap(INTAKE)) {
            Folder inbox = inbox(store, 1, 1);
            MimeMessage msg = (MimeMessage) inbox.getMessage(1);
            MailToPackage.Result r = adapter().parse(msg, REGISTRY);
            assertEquals(MailToPackage.Kind.REFUSED, r.kind());
            assertTrue(r.mayReply());
            Transport.send(mailer().replyRefused(msg, r.reasons()));
        }
        try (Store store = imap("nguoi.la@gmail.com")) {
            Folder inbox = inbox(store, 2, 1);
            Message reply = inbox.getMessage(1);
            assertEquals("Re: " + SUBJECT, reply.getSubject());
            assertTrue(((String) reply.getContent()).contains("is not the registered official address"));
        }
    }
}
