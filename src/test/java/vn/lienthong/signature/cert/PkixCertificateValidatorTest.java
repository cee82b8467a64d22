package vn.lienthong.signature.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.signature.CertificateCheck;
import vn.lienthong.signature.SignerRole;
import vn.lienthong.signature.TestPki;
import vn.lienthong.signature.TestPki.Credential;
import vn.lienthong.signature.TestPki.LeafSpec;
import vn.lienthong.signature.TestPki.OcspMode;
import vn.lienthong.signature.cert.TrustPolicy.Revocation;
import vn.lienthong.signature.cert.TrustPolicy.RevocationMode;
import vn.lienthong.validation.Finding;

/** Certificates against a real PKI: a local OCSP responder and CRL server built with Bouncy Castle. */
class PkixCertificateValidatorTest {

    private static final Instant NOW = Instant.now();
    private static TestPki pki;
    private static Credential person;
    private static Credential organisation;

    @BeforeAll
    static void start() {
        pki = TestPki.start();
        person = pki.person();
        organisation = pki.organisation();
    }

    @AfterAll
    static void stop() {
        pki.close();
    }

    @AfterEach
    void reset() {
        pki.ocspMode(OcspMode.ISSUER);
        pki.crlDown(false);
        pki.intermediate().crlStale(false);
    }

    private static TrustPolicy policy(RevocationMode mode, boolean ocsp, boolean crl) {
        return TrustPolicy.defaults().withRevocation(new Revocation(mode, ocsp, crl, 60, 2000));
    }

    private static PkixCertificateValidator validator(TrustPolicy p) {
        return new PkixCertificateValidator(p, List.of(pki.root().certificate()));
    }

    private static PkixCertificateValidator hard() {
        return validator(policy(RevocationMode.HARD_FAIL, true, true));
    }

    private static CertificateCheck check(PkixCertificateValidator v, Credential c, Instant at) {
        return v.check(c.certificate(), c.others(), at);
    }

    private static Set<String> codes(CertificateCheck c) {
        return c.problems().stream().map(f -> f.reason().code()).collect(Collectors.toSet());
    }

    private static String details(CertificateCheck c) {
        return c.problems().stream().map(Finding::toString).collect(Collectors.joining("\n"));
    }

    // ------------------------------------------------------------------ valid

    @Test
    void personCertificateIsValidWithChainOfThree() {
        CertificateCheck c = check(hard(), person, NOW);
        assertTrue(c.valid(), details(c));
        assertTrue(c.problems().isEmpty(), details(c));
        assertEquals(List.of(TestPki.PERSON_DN, TestPki.INTERMEDIATE_DN, TestPki.ROOT_DN), c.chain());
        assertEquals(SignerRole.PERSON, c.role());
        assertEquals(person.certificate(), c.signer());
    }

    @Test
    void organisationCertificateIsValidWithChainOfThree() {
        CertificateCheck c = check(hard(), organisation, NOW);
        assertTrue(c.problems().isEmpty(), details(c));
        assertEquals(List.of(TestPki.ORGANISATION_DN, TestPki.INTERMEDIATE_DN, TestPki.ROOT_DN), c.chain());
        assertEquals(SignerRole.ORGANISATION, c.role());
    }

    @Test
    void delegatedOcspResponderIsAccepted() {
        pki.ocspMode(OcspMode.DELEGATED);
        CertificateCheck c = check(validator(policy(RevocationMode.HARD_FAIL, true, false)), person, NOW);
        assertTrue(c.problems().isEmpty(), details(c));
    }

    @Test
    void noSigningTimeMeansNow() {
        assertTrue(hard().check(person.certificate(), person.others(), null).valid());
    }

    // ------------------------------------------------------------------ validity, key usage, trust

    @Test
    void expiredAtSigningTimeIsRefusedButValidWhenSignedInsideValidity() {
        Credential old = pki.issue(LeafSpec.person().validity(NOW.minus(Duration.ofDays(3 * 365)), NOW.minus(Duration.ofDays(365))));
        PkixCertificateValidator v = hard();

        CertificateCheck now = check(v, old, NOW);
        assertFalse(now.valid());
        assertEquals(Set.of("E703"), codes(now), details(now));
        assertTrue(now.problems().get(0).detail().startsWith(TestPki.PERSON_DN), details(now));
        assertEquals(3, now.chain().size());

        CertificateCheck then = check(v, old, NOW.minus(Duration.ofDays(2 * 365)));
        assertTrue(then.problems().isEmpty(), details(then));
    }

    @Test
    void keyCertSignOnlyIsNotForSigning() {
        Credential ca = pki.issue(LeafSpec.person().keyUsage(KeyUsage.keyCertSign));
        CertificateCheck c = check(hard(), ca, NOW);
        assertEquals(Set.of("E709"), codes(c), details(c));
        assertTrue(details(c).contains("keyCertSign"), details(c));
    }

    @Test
    void leafOfAnotherCaIsUntrusted() {
        TestPki.Ca other = TestPki.newRootCa("other", "CN=Other Root CA, O=Elsewhere, C=VN",
                NOW.minus(Duration.ofDays(365)), NOW.plus(Duration.ofDays(365)));
        Credential stranger = TestPki.issueLeaf(other, LeafSpec.person().noUrls());
        PkixCertificateValidator v = hard();

        CertificateCheck alone = v.check(stranger.certificate(), List.of(), NOW);
        assertEquals(Set.of("E705"), codes(alone), details(alone));
        assertTrue(alone.problems().get(0).detail().contains("CN=Other Root CA, O=Elsewhere, C=VN"), details(alone));
        assertEquals(List.of(TestPki.PERSON_DN), alone.chain());

        CertificateCheck withRoot = check(v, stranger, NOW);
        assertEquals(Set.of("E705"), codes(withRoot), details(withRoot));
        assertTrue(details(withRoot).contains("root CN=Other Root CA"), details(withRoot));
        assertEquals(SignerRole.PERSON, withRoot.role());
    }

    @Test
    void noAnchorsMeansUntrusted() {
        CertificateCheck c = new PkixCertificateValidator(policy(RevocationMode.HARD_FAIL, true, true), List.of())
                .check(person.certificate(), person.others(), NOW);
        assertEquals(Set.of("E705"), codes(c), details(c));
        assertTrue(details(c).contains("no trust anchors"), details(c));
    }

    @Test
    void sha1SignedCertificateIsWeak() {
        Credential c = pki.issue(LeafSpec.person().signatureAlgorithm("SHA1withRSA"));
        CertificateCheck strict = check(hard(), c, NOW);
        assertEquals(Set.of("E706"), codes(strict), details(strict));
        TrustPolicy lax = new TrustPolicy(null, new Revocation(RevocationMode.HARD_FAIL, true, true, 60, 2000), true, null);
        CertificateCheck allowed = check(validator(lax), c, NOW);
        assertTrue(allowed.valid());
        assertEquals(Set.of("W701"), codes(allowed), details(allowed));
    }

    @Test
    void checksInParallelAgree() throws Exception {
        PkixCertificateValidator v = hard();
        Credential c = pki.person();
        List<java.util.concurrent.Callable<CertificateCheck>> jobs = java.util.Collections.nCopies(16, () -> check(v, c, NOW));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (java.util.concurrent.Future<CertificateCheck> f : pool.invokeAll(jobs)) {
                assertTrue(f.get().problems().isEmpty(), details(f.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(pki.ocspRequests(c.serial()) <= 8, "cache used: " + pki.ocspRequests(c.serial()));
    }

    // ------------------------------------------------------------------ revocation

    @Test
    void revokedByCrl() {
        Credential c = pki.person();
        pki.revoke(c.certificate(), NOW.minus(Duration.ofHours(1)), CRLReason.superseded);
        int crlBefore = pki.crlRequests();
        CertificateCheck r = check(validator(policy(RevocationMode.HARD_FAIL, false, true)), c, NOW);
        assertFalse(r.valid());
        assertEquals(Set.of("E704"), codes(r), details(r));
        assertTrue(details(r).contains("[CRL " + TestPki.crlUrl(pki.baseUrl(), pki.intermediate())), details(r));
        assertTrue(details(r).contains("superseded"), details(r));
        assertEquals(0, pki.ocspRequests(c.serial()));
        assertEquals(2, pki.crlRequests() - crlBefore);      // the intermediate's CRL and the root's
    }

    @Test
    void revokedByOcsp() {
        Credential c = pki.organisation();
        pki.revoke(c.certificate(), NOW.minus(Duration.ofDays(1)), CRLReason.cessationOfOperation);
        int crlBefore = pki.crlRequests();
        CertificateCheck r = check(hard(), c, NOW);
        assertEquals(Set.of("E704"), codes(r), details(r));
        assertTrue(details(r).contains("[OCSP " + TestPki.ocspUrl(pki.baseUrl(), pki.intermediate())), details(r));
        assertEquals(1, pki.ocspRequests(c.serial()));
        assertEquals(crlBefore, pki.crlRequests());           // OCSP answered: no CRL needed
    }

    @Test
    void revokedAfterSigningTimeStaysValidUnlessTheKeyWasCompromised() {
        // Documented choice: the status is asked now, and a revocation dated after the signature does
        // not undo it (the certificate was good when it signed) ...
        Credential later = pki.person();
        pki.revoke(later.certificate(), NOW.minus(Duration.ofHours(1)), CRLReason.superseded);
        PkixCertificateValidator v = hard();
        CertificateCheck signedBefore = check(v, later, NOW.minus(Duration.ofDays(2)));
        assertTrue(signedBefore.problems().isEmpty(), details(signedBefore));
        assertEquals(Set.of("E704"), codes(check(v, later, NOW)));

        // ... except for keyCompromise: whoever held the key could have back-dated the signature.
        Credential stolen = pki.person();
        pki.revoke(stolen.certificate(), NOW.minus(Duration.ofHours(1)), CRLReason.keyCompromise);
        CertificateCheck compromised = check(v, stolen, NOW.minus(Duration.ofDays(2)));
        assertEquals(Set.of("E704"), codes(compromised), details(compromised));
        assertTrue(details(compromised).contains("keyCompromise"), details(compromised));
    }

    @Test
    void revokedIntermediateIsFound() {
        TestPki.Ca sub2 = pki.newIntermediate("sub2", "CN=Second Test CA, O=Ban Cơ yếu Chính phủ (test), C=VN");
        Credential c = pki.issue(sub2, LeafSpec.person());
        pki.root().revoke(sub2.certificate().getSerialNumber(), NOW.minus(Duration.ofDays(1)), CRLReason.cACompromise);
        CertificateCheck r = check(hard(), c, NOW);
        assertEquals(Set.of("E704"), codes(r), details(r));
        assertTrue(r.problems().get(0).detail().startsWith("CN=Second Test CA"), details(r));
    }

    @Test
    void respondersDownHardFailRefuses() {
        Credential c = pki.issue(LeafSpec.person().baseUrl(TestPki.closedBaseUrl()));
        CertificateCheck r = check(hard(), c, NOW);
        assertFalse(r.valid());
        assertEquals(Set.of("E707"), codes(r), details(r));
        assertTrue(details(r).contains("OCSP http://127.0.0.1") && details(r).contains("CRL http://127.0.0.1"), details(r));
    }

    @Test
    void respondersDownSoftFailWarns() {
        Credential c = pki.issue(LeafSpec.person().baseUrl(TestPki.closedBaseUrl()));
        CertificateCheck r = check(validator(policy(RevocationMode.SOFT_FAIL, true, true)), c, NOW);
        assertTrue(r.valid(), details(r));
        assertEquals(Set.of("W707"), codes(r), details(r));
    }

    @Test
    void revocationOffAsksNobody() {
        Credential c = pki.issue(LeafSpec.person().baseUrl(TestPki.closedBaseUrl()));
        CertificateCheck r = check(validator(policy(RevocationMode.OFF, true, true)), c, NOW);
        assertTrue(r.problems().isEmpty(), details(r));
    }

    @Test
    void ocspDownFallsBackToCrl() {
        pki.ocspMode(OcspMode.DOWN);
        int crlBefore = pki.crlRequests();
        CertificateCheck r = check(hard(), person, NOW);
        assertTrue(r.problems().isEmpty(), details(r));
        assertEquals(2, pki.crlRequests() - crlBefore);
    }

    @Test
    void garbageOcspAndStaleCrlAreUnavailable() {
        pki.ocspMode(OcspMode.GARBAGE);
        pki.intermediate().crlStale(true);
        CertificateCheck r = check(hard(), person, NOW);
        assertEquals(Set.of("E707"), codes(r), details(r));
        assertTrue(details(r).contains("malformed OCSP response") && details(r).contains("CRL is stale"), details(r));
    }

    @Test
    void twoChecksOfTheSameCertificateAskTheResponderOnce() {
        Credential c = pki.organisation();
        PkixCertificateValidator v = hard();
        int before = pki.ocspRequests();
        assertTrue(check(v, c, NOW).problems().isEmpty());
        assertTrue(check(v, c, NOW).problems().isEmpty());
        assertEquals(1, pki.ocspRequests(c.serial()));
        assertEquals(2, pki.ocspRequests() - before);        // the leaf and the intermediate, once each
        v.clearCache();
        check(v, c, NOW);
        assertEquals(2, pki.ocspRequests(c.serial()));
    }

    @Test
    void forgedOcspResponseIsNeverGood() {
        pki.ocspMode(OcspMode.FORGED);
        PkixCertificateValidator hard = validator(policy(RevocationMode.HARD_FAIL, true, false));
        CertificateCheck h = check(hard, person, NOW);
        assertFalse(h.valid());
        assertTrue(codes(h).equals(Set.of("E707")), details(h));
        assertTrue(details(h).contains("not signed by the issuer"), details(h));

        PkixCertificateValidator soft = validator(policy(RevocationMode.SOFT_FAIL, true, false));
        CertificateCheck s = check(soft, person, NOW);
        assertTrue(s.valid());
        assertEquals(Set.of("W707"), codes(s), details(s));

        // nothing forged was cached: with the real responder back the answer is a clean good
        pki.ocspMode(OcspMode.ISSUER);
        assertTrue(check(hard, person, NOW).problems().isEmpty());
    }

    @Test
    void forgedOcspSayingRevokedIsNotBelievedEither() {
        Credential c = pki.person();
        pki.revoke(c.certificate(), NOW.minus(Duration.ofDays(1)), CRLReason.keyCompromise);
        pki.ocspMode(OcspMode.FORGED);
        CertificateCheck r = check(validator(policy(RevocationMode.SOFT_FAIL, true, false)), c, NOW);
        assertEquals(Set.of("W707"), codes(r), details(r));
    }

    @Test
    void replayedOcspResponseWithAnotherNonceIsRefused() {
        pki.ocspMode(OcspMode.WRONG_NONCE);
        CertificateCheck r = check(validator(policy(RevocationMode.HARD_FAIL, true, false)), person, NOW);
        assertEquals(Set.of("E707"), codes(r), details(r));
        assertTrue(details(r).contains("nonce"), details(r));
    }
}
