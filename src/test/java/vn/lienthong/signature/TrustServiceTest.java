package vn.lienthong.signature;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.config.Settings;
import vn.lienthong.edxml.EdxmlLimits;
import vn.lienthong.edxml.EdxmlReader;
import vn.lienthong.edxml.ReadResult;
import vn.lienthong.edxml.attachment.AttachmentInspector;
import vn.lienthong.signature.cert.PkixCertificateValidator;
import vn.lienthong.signature.cert.TrustPolicy;
import vn.lienthong.signature.pdf.PdfSignatureVerifier;
import vn.lienthong.signature.xml.XmlSignatureVerifier;
import vn.lienthong.validation.PackageValidator;
import vn.lienthong.validation.ReasonCode;

/**
 * The legal-value decision on real packages crafted in the test (R9, R21): signed with keys of a
 * test CA whose OCSP responder and CRL are served over local HTTP; one package per refusal reason.
 */
class TrustServiceTest {
    static TestPki pki;
    @TempDir Path tmp;

    @BeforeAll
    static void startPki() {
        pki = TestPki.start();
    }

    @AfterAll
    static void stopPki() {
        pki.close();
    }

    TrustService service(TrustPolicy policy) {
        PkixCertificateValidator certs = new PkixCertificateValidator(policy, List.of(pki.root().certificate()));
        return new TrustService(new XmlSignatureVerifier(policy.algorithms()), new PdfSignatureVerifier(policy.algorithms(), certs), certs);
    }

    TrustReport assess(Path pkg, TrustPolicy policy) throws Exception {
        Path work = Files.createTempDirectory(tmp, "work");
        ReadResult r = new EdxmlReader(EdxmlLimits.defaults(), null).read(pkg, work.resolve("attachments"));
        new PackageValidator(Settings.defaults().validation(), new AttachmentInspector()).validate(r.pkg(), work);
        boolean digitised = r.pkg().business() != null && "1".equals(r.pkg().business().paper());
        return service(policy).assess(pkg, r.pkg().signature() != null, work, digitised, Instant.now());
    }

    TrustReport assess(Path pkg) throws Exception {
        return assess(pkg, TrustPolicy.defaults());
    }

    static String demo() throws Exception {
        return SignedDocuments.demo();
    }

    Path signed(String xml, TestPki.Credential who) throws Exception {
        return SignedDocuments.signed(tmp, xml, who);
    }

    byte[] pdf(String algorithm, TestPki.Credential... signers) throws Exception {
        return SignedDocuments.pdf(tmp, algorithm, signers);
    }

    static String withPdf(byte[] pdf, boolean digitised) throws Exception {
        return SignedDocuments.withPdf(demo(), pdf, digitised);
    }

    Path file(String xml) throws Exception {
        return Files.writeString(Files.createTempFile(tmp, "pkg", ".edxml"), xml, StandardCharsets.UTF_8);
    }

    static boolean has(TrustReport r, ReasonCode code) {
        return r.reasons().stream().anyMatch(f -> f.reason() == code);
    }

    @Test
    void unsignedSampleIsReferenceOnly() throws Exception {
        TrustReport r = assess(Path.of("demo/edoc_new.edxml"));
        assertEquals(LegalValue.REFERENCE_ONLY, r.legalValue());
        assertTrue(has(r, ReasonCode.W_NONSTANDARD_SIGNATURE), r.reasons().toString());
    }

    @Test
    void personAndOrganisationPdfSignaturesMakeItLegal() throws Exception {
        TrustReport r = assess(file(withPdf(pdf("SHA256withRSA", pki.person(), pki.organisation()), false)));
        assertEquals(LegalValue.LEGAL, r.legalValue(), r.reasons() + " " + r.signers().stream().map(TrustReport.Signer::describe).toList());
        assertEquals(List.of(SignerRole.PERSON, SignerRole.ORGANISATION), r.signers().stream().map(TrustReport.Signer::role).toList());
    }

    @Test
    void organisationSignatureAloneIsLegalOnlyForADigitisedDocument() throws Exception {
        byte[] pdf = pdf("SHA256withRSA", pki.organisation());
        assertEquals(LegalValue.REFERENCE_ONLY, assess(file(withPdf(pdf, false))).legalValue());
        assertEquals(LegalValue.LEGAL, assess(file(withPdf(pdf, true))).legalValue());
    }

    @Test
    void validEnvelopeSignatureByTheOrganisation() throws Exception {
        TrustReport r = assess(signed(demo().replace("<edXML:Paper>0</edXML:Paper>", "<edXML:Paper>1</edXML:Paper>"), pki.organisation()));
        assertEquals(LegalValue.LEGAL, r.legalValue(), r.reasons().toString());
        assertEquals("XMLDSIG", r.signers().get(0).signature().kind());
    }

    @Test
    void tamperedSubjectIsRefused() throws Exception {
        Path p = signed(demo(), pki.organisation());
        Files.writeString(p, Files.readString(p).replace("V/v kết nối", "V/v hủy kết nối"));
        TrustReport r = assess(p);
        assertEquals(LegalValue.REFUSED, r.legalValue());
        assertTrue(has(r, ReasonCode.SIGNATURE_TAMPERED), r.reasons().toString());
    }

    @Test
    void tamperedAttachmentByteIsRefused() throws Exception {
        Path p = signed(demo(), pki.organisation());
        String s = Files.readString(p);
        int i = s.indexOf("ContentTransferEncoded");
        int j = s.indexOf('>', i) + 100;
        char c = s.charAt(j);
        Files.writeString(p, s.substring(0, j) + (c == 'A' ? 'B' : 'A') + s.substring(j + 1));
        TrustReport r = assess(p);
        assertEquals(LegalValue.REFUSED, r.legalValue());
        assertTrue(has(r, ReasonCode.SIGNATURE_TAMPERED), r.reasons().toString());
    }

    @Test
    void wrappedSignatureIsRefused() throws Exception {
        Path p = signed(demo(), pki.organisation());
        String s = Files.readString(p);
        String sig = s.substring(s.indexOf("<ds:Signature"), s.indexOf("</ds:Signature>") + "</ds:Signature>".length());
        Files.writeString(p, s.replace("</edXML:TraceHeaderList>", "</edXML:TraceHeaderList>" + sig));
        TrustReport r = assess(p);
        assertEquals(LegalValue.REFUSED, r.legalValue());
        assertTrue(has(r, ReasonCode.SIGNATURE_WRAPPING), r.reasons().toString());
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki.Credential old = pki.issue(TestPki.LeafSpec.organisation()
                .validity(now.minus(800, ChronoUnit.DAYS), now.minus(400, ChronoUnit.DAYS)));
        TrustReport r = assess(signed(demo(), old));
        assertEquals(LegalValue.REFUSED, r.legalValue());
        assertTrue(has(r, ReasonCode.CERT_EXPIRED), r.reasons().toString());
    }

    @Test
    void revokedByCrlIsRefused() throws Exception {
        TestPki.Credential c = pki.organisation();
        pki.revoke(c.certificate(), Instant.now().minus(1, ChronoUnit.DAYS), CRLReason.keyCompromise);
        TrustPolicy crlOnly = TrustPolicy.defaults().withRevocation(
                new TrustPolicy.Revocation(TrustPolicy.RevocationMode.HARD_FAIL, false, true, 60, 3000));
        TrustReport r = assess(signed(demo(), c), crlOnly);
        assertEquals(LegalValue.REFUSED, r.legalValue());
        assertTrue(has(r, ReasonCode.CERT_REVOKED), r.reasons().toString());
    }

    @Test
    void revokedByOcspIsRefused() throws Exception {
        TestPki.Credential c = pki.organisation();
        pki.revoke(c.certificate(), Instant.now().minus(1, ChronoUnit.DAYS), CRLReason.keyCompromise);
        int before = pki.ocspRequests();
        TrustPolicy ocspOnly = TrustPolicy.defaults().withRevocation(
                new TrustPolicy.Revocation(TrustPolicy.RevocationMode.HARD_FAIL, true, false, 60, 3000));
        TrustReport r = assess(signed(demo(), c), ocspOnly);
        assertEquals(LegalValue.REFUSED, r.legalValue());
        assertTrue(has(r, ReasonCode.CERT_REVOKED), r.reasons().toString());
        assertTrue(pki.ocspRequests() > before, "the OCSP responder was asked");
    }

    @Test
    void untrustedRootIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki.Ca rogue = TestPki.newRootCa("rogue", "CN=Rogue CA, O=Not the government, C=VN",
                now.minus(10, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS));
        TestPki.Credential c = TestPki.issueLeaf(rogue, TestPki.LeafSpec.organisation().noUrls());
        TrustReport r = assess(signed(demo(), c));
        assertEquals(LegalValue.REFUSED, r.legalValue());
        assertTrue(has(r, ReasonCode.CERT_UNTRUSTED), r.reasons().toString());
    }

    @Test
    void sha1SignatureIsRefusedUnderTheStrictPolicyAndFlaggedWhenAllowed() throws Exception {
        Path p = file(withPdf(pdf("SHA1withRSA", pki.person(), pki.organisation()), false));
        TrustReport strict = assess(p);
        assertEquals(LegalValue.REFUSED, strict.legalValue());
        assertTrue(has(strict, ReasonCode.ALGORITHM_WEAK), strict.reasons().toString());
        TrustPolicy lenient = Settings.yaml().readValue("allow-sha1: true", TrustPolicy.class);
        TrustReport allowed = assess(p, lenient);
        assertEquals(LegalValue.LEGAL, allowed.legalValue(), allowed.reasons().toString());
        assertTrue(has(allowed, ReasonCode.W_WEAK_ALGORITHM));
    }
}
