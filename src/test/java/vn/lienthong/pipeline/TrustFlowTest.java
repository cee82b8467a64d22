package vn.lienthong.pipeline;

import static org.junit.jupiter.api.Assertions.*;
import static vn.lienthong.pipeline.TestGateway.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.SignatureFound;
import vn.lienthong.signature.SignedDocuments;
import vn.lienthong.signature.TestPki;
import vn.lienthong.signature.xml.XmlSignatureVerifier;
import vn.lienthong.tracking.Jdbc;

/**
 * The legal value as agencies see it (R9, R21): the receiver's receipt and the tracking store carry
 * the verdict; a tampered package is refused with its reason; the gateway signs for an agency that
 * cannot. Trust anchors are the test CA's root; its OCSP and CRL are served over local HTTP.
 */
class TrustFlowTest {
    static TestPki pki;
    @TempDir Path home;
    @TempDir Path tmp;
    TestGateway gw;

    @BeforeAll
    static void startPki() {
        pki = TestPki.start();
    }

    @AfterAll
    static void stopPki() {
        pki.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) gw.close();
    }

    void start(boolean gatewaySignsForSender) throws Exception {
        gw = new TestGateway(home, null, h -> {
            TestPki.writePem(h.resolve("config/trust-anchors/test-root.pem"), pki.root().certificate());
            if (gatewaySignsForSender) {
                TestPki.writePkcs12(h.resolve("config/keys/gateway.p12"), pki.organisation(), "secret".toCharArray(), "gateway");
                Files.writeString(h.resolve("config/gateway.yaml"), Files.readString(h.resolve("config/gateway.yaml"))
                        + "\nsigning:\n  key: keys/gateway.p12\n  password: secret\n");
                Files.writeString(h.resolve("config/agencies.yaml"), Files.readString(h.resolve("config/agencies.yaml"))
                        .replace("    email: stttt@nghean.gov.vn\n", "    email: stttt@nghean.gov.vn\n    gateway-signs: true\n"));
            }
        });
    }

    <T> T sql(String query, Object... args) {
        return gw.gateway.store().inTransaction(c -> Jdbc.one(c, query, rs -> {
            @SuppressWarnings("unchecked") T v = (T) rs.getObject(1);
            return v;
        }, args).orElse(null));
    }

    @Test
    void legalDocumentReachesTheReceiverWithItsVerdict() throws Exception {
        start(false);
        byte[] pdf = SignedDocuments.pdf(tmp, "SHA256withRSA", pki.person(), pki.organisation());
        gw.drop(SENDER, "legal.edxml", SignedDocuments.withPdf(demo(), pdf, false).getBytes(StandardCharsets.UTF_8));
        await("delivered with receipt", () -> gw.files(RECEIVER, "inbox", ".receipt.json").size() == 1);
        String receipt = read(gw.files(RECEIVER, "inbox", ".receipt.json").get(0));
        assertTrue(receipt.contains("\"legalValue\" : \"legal\""), receipt);
        assertTrue(receipt.contains("PERSON") && receipt.contains("ORGANISATION"), receipt);
        assertEquals("legal", sql("SELECT legal_value FROM document WHERE document_id = ?", "000.00.13.H41-2026.1"));
        String trace = new vn.lienthong.tracking.TraceQuery(gw.gateway.store()).of("000.00.13.H41-2026.1").toString();
        assertTrue(trace.contains("legal value legal"), trace);
        // monitoring: both signer certificates were checked and found good (README, "Monitoring")
        var metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + gw.httpPort() + "/observe/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(2.0, MonitoringTest.sample(metrics, "lienthong_certificate_checks_total", "outcome=good"), 0, metrics);
    }

    @Test
    void unsignedDocumentIsDeliveredAsReferenceOnly() throws Exception {
        start(false);
        gw.drop(SENDER, "plain.edxml", demo().getBytes(StandardCharsets.UTF_8));
        await("delivered with receipt", () -> gw.files(RECEIVER, "inbox", ".receipt.json").size() == 1);
        assertTrue(read(gw.files(RECEIVER, "inbox", ".receipt.json").get(0)).contains("\"legalValue\" : \"reference-only\""));
        assertEquals("reference-only", sql("SELECT legal_value FROM document WHERE document_id = ?", "000.00.13.H41-2026.1"));
    }

    @Test
    void tamperedPackageIsRefusedAndNeverDelivered() throws Exception {
        start(false);
        Path signed = SignedDocuments.signed(tmp, demo(), pki.organisation());
        String tampered = Files.readString(signed).replace("V/v kết nối", "V/v hủy kết nối");
        gw.drop(SENDER, "tampered.edxml", tampered.getBytes(StandardCharsets.UTF_8));
        Path reason = gw.folder(SENDER, "outbox").resolve(".error/tampered.edxml.reason.txt");
        await("refused with a reason", () -> Files.exists(reason));
        assertTrue(read(reason).contains("E701"), read(reason));
        await("02 to the sender", () -> gw.files(SENDER, "status", ".edxml").stream().anyMatch(p -> read(p).contains("E701")));
        assertEquals("refused", sql("SELECT legal_value FROM package WHERE file_name = ?", "tampered.edxml"));
        assertEquals(List.of(), gw.files(RECEIVER, "inbox", ".edxml"));
    }

    @Test
    void gatewaySignsForAnAgencyThatCannot() throws Exception {
        start(true);
        gw.drop(SENDER, "unsigned.edxml", demo().getBytes(StandardCharsets.UTF_8));
        await("delivered", () -> gw.files(RECEIVER, "inbox", ".edxml").size() == 1);
        Path delivered = gw.files(RECEIVER, "inbox", ".edxml").get(0);
        List<SignatureFound> sigs = new XmlSignatureVerifier(AlgorithmPolicy.strict()).verify(delivered);
        assertEquals(1, sigs.size());
        assertTrue(sigs.get(0).cryptographicallyValid(), sigs.toString());
        assertTrue(read(delivered.resolveSibling(delivered.getFileName() + ".receipt.json")).contains("signed by this gateway"));
        String kept = sql("SELECT stored_path FROM package WHERE file_name = ?", "unsigned.edxml");
        assertTrue(kept.endsWith(".signed.edxml"), kept);
        await("01 for the sender", () -> gw.files(SENDER, "status", ".edxml").size() == 1);
        List<SignatureFound> statusSig = new XmlSignatureVerifier(AlgorithmPolicy.strict()).verify(gw.files(SENDER, "status", ".edxml").get(0));
        assertTrue(statusSig.size() == 1 && statusSig.get(0).cryptographicallyValid(), "the 01 the gateway builds is signed: " + statusSig);
    }

    @Test
    void lateSendIsJudgedFromTheVerifiedSigningTime() throws Exception {
        start(false);
        // signed ten days ago (R10: to be sent that day or by 12:00 of the next working day)
        byte[] old = SignedDocuments.pdf(tmp, "SHA256withRSA", java.time.Instant.now().minus(java.time.Duration.ofDays(10)),
                pki.person(), pki.organisation());
        gw.drop(SENDER, "old.edxml", SignedDocuments.withPdf(demo("000.00.13.H41-2026.81"), old, false).getBytes(StandardCharsets.UTF_8));
        // signed just now, although its promulgation date in the header is years old: on time
        byte[] fresh = SignedDocuments.pdf(tmp, "SHA256withRSA", pki.person(), pki.organisation());
        gw.drop(SENDER, "fresh.edxml", SignedDocuments.withPdf(demo("000.00.13.H41-2026.82"), fresh, false).getBytes(StandardCharsets.UTF_8));
        await("both delivered", () -> gw.files(RECEIVER, "inbox", ".receipt.json").size() == 2);
        String lateReceipt = read(gw.files(RECEIVER, "inbox", ".receipt.json").stream().filter(p -> p.toString().contains("old")).findFirst().orElseThrow());
        String onTime = read(gw.files(RECEIVER, "inbox", ".receipt.json").stream().filter(p -> p.toString().contains("fresh")).findFirst().orElseThrow());
        assertTrue(lateReceipt.contains("W800") && lateReceipt.contains("signed at"), lateReceipt);
        assertFalse(onTime.contains("W800"), onTime);
        assertEquals(Boolean.TRUE, sql("SELECT late_send FROM document WHERE document_id = ?", "000.00.13.H41-2026.81"));
    }
}
