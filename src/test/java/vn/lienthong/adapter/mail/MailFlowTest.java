package vn.lienthong.adapter.mail;

import static org.junit.jupiter.api.Assertions.*;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.pipeline.TestGatewayAccess;
import vn.lienthong.signature.SignedDocuments;
import vn.lienthong.signature.TestPki;

/**
 * The e-mail adapter inside the gateway, over real SMTP and IMAP (GreenMail in process): a clerk of
 * an agency without a document system mails a scanned PDF to the province's intake mailbox and it
 * reaches a drop-folder agency; a document for a mail-only agency arrives in its mailbox (R15).
 */
class MailFlowTest {
    static final String INTAKE = "tiepnhan@nghean.gov.vn";
    static final String PASSWORD = "mat-khau";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()}).withPerMethodLifecycle(true);

    @TempDir Path home;
    @TempDir Path tmp;
    static TestPki pki;

    @org.junit.jupiter.api.BeforeAll
    static void startPki() {
        pki = TestPki.start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopPki() {
        pki.close();
    }

    TestGatewayAccess gw;

    @AfterEach
    void stop() throws Exception {
        if (gw != null) gw.close();
    }

    void start() throws Exception {
        start(h -> { });
    }

    void start(TestGatewayAccess.SetUp more) throws Exception {
        MAIL.setUser(INTAKE, INTAKE, PASSWORD);
        MAIL.setUser("vanthu@nghean.gov.vn", "vanthu@nghean.gov.vn", PASSWORD);
        int smtp = MAIL.getSmtp().getPort();
        int imap = MAIL.getImap().getPort();
        gw = TestGatewayAccess.start(home, h -> {
            Path settings = h.resolve("config/gateway.yaml");
            Files.writeString(settings, Files.readString(settings)
                    .replace("smtp-host: ${LIENTHONG_SMTP_HOST:}", "smtp-host: 127.0.0.1")
                    .replace("  smtp-port: 25", "  smtp-port: " + smtp));
            Files.writeString(h.resolve("routes/mail.yaml"), String.join("\n",
                    "- templatedRoute:",
                    "    routeTemplateRef: mail-intake",
                    "    routeId: mail-intake",
                    "    parameters:",
                    "      - {name: host, value: 127.0.0.1}",
                    "      - {name: port, value: \"" + imap + "\"}",
                    "      - {name: protocol, value: imap}",
                    "      - {name: username, value: \"" + INTAKE + "\"}",
                    "      - {name: password, value: \"" + PASSWORD + "\"}",
                    "      - {name: pollMs, value: \"200\"}", ""));
            Path ubnd = h.resolve("routes/agency-000_00_00_H41.yaml");
            Files.writeString(ubnd, Files.readString(ubnd).replace("routeTemplateRef: file-drop", "routeTemplateRef: mail-drop")
                    .replace("file-drop-000.00.00.H41", "mail-drop-000.00.00.H41"));
            more.apply(h);
        });
    }

    Session smtp() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(MAIL.getSmtp().getPort()));
        return Session.getInstance(p);
    }

    @Test
    void clerksMailReachesADropFolderAgency() throws Exception {
        start();
        MailFixtures.Mail m = new MailFixtures.Mail();
        m.from = "Văn thư UBND thành phố Vinh <ubnd@vinh.nghean.gov.vn>";
        m.body = String.join("\n", "Gửi: 000.00.13.H41", "Người ký: Nguyễn Văn An", "Chức vụ: Chủ tịch",
                "Mã văn bản: 000.00.45.H41-2026.12", "");
        m.attach("cong-van-12.pdf", vn.lienthong.adapter.TestPdf.pdf("Cong van so 12"), "application/pdf");
        MimeMessage msg = new MimeMessage(smtp(), new java.io.ByteArrayInputStream(MailFixtures.wire(m.build())));
        msg.setRecipients(jakarta.mail.Message.RecipientType.TO, INTAKE);
        Transport.send(msg);
        gw.awaitFile("000.00.13.H41", "inbox", "000.00.45.H41-2026.12");
        long audited = gw.sql("SELECT COUNT(*) FROM audit WHERE adapter = 'mail' AND outcome = 'ALLOWED'");
        assertTrue(audited >= 1);
    }

    @Test
    void documentForAMailOnlyAgencyIsMailedToIt() throws Exception {
        start();
        String pkg = Files.readString(Path.of("demo/edoc_new.edxml"))
                .replace("<edXML:OrganId>000.00.05.H41</edXML:OrganId>", "<edXML:OrganId>000.00.00.H41</edXML:OrganId>");
        gw.drop("000.00.13.H41", "to-ubnd.edxml", pkg.getBytes(StandardCharsets.UTF_8));
        assertTrue(MAIL.waitForIncomingEmail(20_000, 1), "a mail to the agency's registered address");
        MimeMessage got = Arrays.stream(MAIL.getReceivedMessages())
                .filter(x -> { try { return x.getAllRecipients()[0].toString().contains("vanthu@nghean.gov.vn"); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        assertTrue(got.getSubject().startsWith("[VB]"), got.getSubject());
        gw.awaitFile("000.00.13.H41", "status", ">01<");
    }

    /** A scanned decision signed by the organisation, mailed by the clerk of UBND thành phố Vinh. */
    void mailSignedScan(String documentId) throws Exception {
        MailFixtures.Mail m = new MailFixtures.Mail();
        m.from = "Văn thư UBND thành phố Vinh <ubnd@vinh.nghean.gov.vn>";
        m.body = String.join("\n", "Gửi: 000.00.13.H41", "Người ký: Nguyễn Văn An", "Chức vụ: Chủ tịch", "Mã văn bản: " + documentId, "");
        m.attach("quyet-dinh.pdf", SignedDocuments.pdf(tmp, "SHA256withRSA", pki.organisation()), "application/pdf");
        MimeMessage msg = new MimeMessage(smtp(), new java.io.ByteArrayInputStream(MailFixtures.wire(m.build())));
        msg.setRecipients(jakarta.mail.Message.RecipientType.TO, INTAKE);
        Transport.send(msg);
    }

    String receipt(String agency) throws Exception {
        Thread.sleep(300); // the receipt is written next to the package
        Path inbox = home.resolve("data/agencies").resolve(agency).resolve("inbox");
        try (var s = Files.list(inbox)) {
            return Files.readString(s.filter(p -> p.toString().endsWith(".receipt.json")).findFirst().orElseThrow());
        }
    }

    @Test
    void signedScanByMailIsLegalUnderTheDefaultPolicy() throws Exception {
        start(h -> TestPki.writePem(h.resolve("config/trust-anchors/test-root.pem"), pki.root().certificate()));
        mailSignedScan("000.00.45.H41-2026.21");
        gw.awaitFile("000.00.13.H41", "inbox", "000.00.45.H41-2026.2");
        assertTrue(receipt("000.00.13.H41").contains("\"legalValue\" : \"legal\""), receipt("000.00.13.H41"));
    }

    @Test
    void policyRequiringTheProvinceRelayMakesAForgeableMailReferenceOnly() throws Exception {
        start(h -> {
            TestPki.writePem(h.resolve("config/trust-anchors/test-root.pem"), pki.root().certificate());
            Path settings = h.resolve("config/gateway.yaml");
            Files.writeString(settings, Files.readString(settings).replaceFirst("(?m)^  legal-value: .*$", "  legal-value: relay-and-signed-pdf"));
        });
        mailSignedScan("000.00.45.H41-2026.22");
        gw.awaitFile("000.00.13.H41", "inbox", "000.00.45.H41-2026.2");
        String receipt = receipt("000.00.13.H41");
        assertTrue(receipt.contains("\"legalValue\" : \"reference-only\"") && receipt.contains("W720"), receipt);
    }

    @Test
    void mailFromAnUnknownAddressIsRefusedAnsweredAndKeptForTheRecord() throws Exception {
        start();
        MailFixtures.Mail m = new MailFixtures.Mail();
        m.from = "Người lạ <nguoila@example.com>";
        m.body = "Gửi: 000.00.13.H41\n";
        m.attach("thu.pdf", vn.lienthong.adapter.TestPdf.pdf("Thu"), "application/pdf");
        MimeMessage msg = new MimeMessage(smtp(), new java.io.ByteArrayInputStream(MailFixtures.wire(m.build())));
        msg.setRecipients(jakarta.mail.Message.RecipientType.TO, INTAKE);
        Transport.send(msg);
        long deadline = System.nanoTime() + 20_000_000_000L;
        String detail = null;
        while (detail == null && System.nanoTime() < deadline) {
            detail = gw.sql("SELECT detail FROM audit WHERE adapter = 'mail' AND outcome = 'REFUSED'");
            Thread.sleep(100);
        }
        assertNotNull(detail, "the refusal is audited");
        String kept = detail.replaceFirst("(?s).*\\(kept: (.*)\\)$", "$1");
        assertTrue(Files.exists(Path.of(kept)) && Files.readString(Path.of(kept)).contains("nguoila@example.com"), detail);
    }
}
