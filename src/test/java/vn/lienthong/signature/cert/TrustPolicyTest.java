package vn.lienthong.signature.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.signature.CertificateCheck;
import vn.lienthong.signature.SignerRole;
import vn.lienthong.signature.TestPki;
import vn.lienthong.signature.TestPki.LeafSpec;
import vn.lienthong.signature.cert.TrustPolicy.RevocationMode;

/** {@code config/trust.yaml}: defaults, parsing, role rules, anchors folder; and TestPki's files. */
class TrustPolicyTest {

    private static TestPki.Ca ca;
    private static KeyPair key;

    @BeforeAll
    static void pki() {
        ca = TestPki.newRootCa("policy", "CN=Policy Test Root, C=VN", Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(86_400));
        key = TestPki.newKeyPair();
    }

    private static X509Certificate cert(String dn, String... policies) {
        LeafSpec s = new LeafSpec(dn).noUrls().keyPair(key);
        for (String p : policies) s.policy(p);
        return TestPki.issueLeaf(ca, s).certificate();
    }

    private static TrustPolicy parse(String yaml) throws Exception {
        Path f = Files.createTempFile("trust", ".yaml");
        try {
            Files.writeString(f, yaml);
            return TrustPolicy.load(f);
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void shippedFileIsTheDefaults() throws Exception {
        TrustPolicy shipped = TrustPolicy.loadFrom(Path.of("config"));
        assertEquals(TrustPolicy.defaults(), shipped);
        assertEquals(RevocationMode.SOFT_FAIL, shipped.revocation().mode());
        assertTrue(shipped.revocation().ocsp() && shipped.revocation().crl());
        assertEquals(60, shipped.revocation().cacheMinutes());
        assertEquals(3000, shipped.revocation().timeoutMs());
        assertFalse(shipped.allowSha1());
        assertEquals(Path.of("config/trust-anchors"), shipped.anchorsPath(Path.of("config")));
        assertTrue(Files.exists(Path.of("config/trust-anchors/README.txt")));
        assertEquals(TrustPolicy.defaults(), TrustPolicy.loadFrom(Path.of("no-such-folder")));
    }

    @Test
    void keysAreKebabCaseAndModeAcceptsBareOff() throws Exception {
        TrustPolicy p = parse("""
                anchors: /etc/lienthong/anchors
                revocation:
                  mode: hard-fail
                  ocsp: false
                  cache-minutes: 5
                  timeout-ms: 1500
                allow-sha1: true
                roles:
                  person:
                    subject-contains: ["SERIALNUMBER=CCCD"]
                """);
        assertEquals(RevocationMode.HARD_FAIL, p.revocation().mode());
        assertFalse(p.revocation().ocsp());
        assertTrue(p.revocation().crl());
        assertEquals(5, p.revocation().cacheMinutes());
        assertEquals(1500, p.revocation().timeoutMs());
        assertTrue(p.allowSha1());
        assertEquals(Path.of("/etc/lienthong/anchors"), p.anchorsPath(Path.of("config")));
        assertEquals(List.of("SERIALNUMBER=CCCD"), p.roles().person().subjectContains());
        assertEquals(TrustPolicy.RoleRule.defaultOrganisation(), p.roles().organisation());

        assertEquals(RevocationMode.OFF, parse("revocation:\n  mode: off\n").revocation().mode());
        assertEquals(RevocationMode.OFF, parse("revocation:\n  mode: \"off\"\n").revocation().mode());
        assertThrows(Exception.class, () -> parse("revocation:\n  mode: sometimes\n"));
        assertThrows(Exception.class, () -> parse("revocaton:\n  mode: off\n"));
    }

    @Test
    void organisationRulesFirstThenPersonElseUnknown() {
        TrustPolicy p = TrustPolicy.defaults();
        assertEquals(SignerRole.PERSON, p.roleOf(cert(TestPki.PERSON_DN)));
        assertEquals(SignerRole.ORGANISATION, p.roleOf(cert(TestPki.ORGANISATION_DN)));
        assertEquals(SignerRole.PERSON, p.roleOf(cert("CN=Trần Thị Bình, T=Chánh Văn phòng, O=UBND tỉnh Nghệ An, C=VN")));
        assertEquals(SignerRole.ORGANISATION, p.roleOf(cert("CN=Công ty ABC, UID=MST:0101234567, C=VN")));
        // tax code AND a title: organisation rules are evaluated first
        assertEquals(SignerRole.ORGANISATION, p.roleOf(cert("CN=Lê Văn C, T=Giám đốc, UID=MST:0101234567, C=VN")));
        // "T=" is the title attribute, not the tail of "ST="
        assertEquals(SignerRole.UNKNOWN, p.roleOf(cert("CN=Someone, O=Some company, ST=Nghệ An, C=VN")));
    }

    @Test
    void rulesMatchOidFormsAndPolicyOids() throws Exception {
        TrustPolicy p = parse("""
                roles:
                  organisation:
                    subject-contains: ["0.9.2342.19200300.100.1.1=mst:"]
                    policy-oids: ["1.2.704.1.99.2"]
                  person:
                    policy-oids: ["1.2.704.1.99.1"]
                """);
        assertEquals(SignerRole.ORGANISATION, p.roleOf(cert("CN=Công ty ABC, UID=MST:0101234567, C=VN")));
        assertEquals(SignerRole.ORGANISATION, p.roleOf(cert("CN=Văn phòng, C=VN", "1.2.704.1.99.2")));
        assertEquals(SignerRole.PERSON, p.roleOf(cert("CN=Phạm D, C=VN", "1.2.704.1.99.1")));
        // cn-equals-o is off unless written, and the person defaults were replaced
        assertEquals(SignerRole.UNKNOWN, p.roleOf(cert(TestPki.ORGANISATION_DN.replace("UID=MNS:1234567, ", ""))));
        assertEquals(SignerRole.UNKNOWN, p.roleOf(cert(TestPki.PERSON_DN)));
    }

    @Test
    void anchorsFolderFromConfigAndTestPkiFiles(@TempDir Path dir) throws Exception {
        TestPki.Credential signer = TestPki.issueLeaf(ca, LeafSpec.organisation().noUrls().keyPair(key));
        char[] password = "changeit".toCharArray();
        TestPki.writeFiles(dir, "gateway", signer, password);
        Files.writeString(dir.resolve("trust.yaml"), "anchors: trust-anchors\nrevocation:\n  mode: hard-fail\n");

        PkixCertificateValidator v = PkixCertificateValidator.fromConfig(dir);
        assertEquals(List.of(ca.certificate()), v.anchors());
        CertificateCheck c = v.check(signer.certificate(), List.of(), Instant.now());
        // trusted and in validity; no OCSP/CRL named in the certificate, so hard-fail refuses on revocation only
        assertEquals(List.of("E707"), c.problems().stream().map(f -> f.reason().code()).toList());
        assertEquals(SignerRole.ORGANISATION, c.role());

        assertEquals(List.of(signer.certificate()), TrustPolicy.readCertificates(dir.resolve("gateway.pem")));
        assertEquals(signer.chain(), TrustPolicy.readCertificates(dir.resolve("gateway-chain.pem")));
        assertTrue(Files.readString(dir.resolve("gateway-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("gateway.p12"))) {
            ks.load(in, password);
        }
        assertEquals(signer.privateKey(), (PrivateKey) ks.getKey("gateway", password));
        Certificate[] chain = ks.getCertificateChain("gateway");
        assertEquals(signer.chain(), List.of(chain));
    }
}
