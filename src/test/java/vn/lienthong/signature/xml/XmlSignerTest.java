package vn.lienthong.signature.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.SignatureFound;

class XmlSignerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T02:15:00Z"), ZoneOffset.UTC);
    final XmlTestPki pki = XmlTestPki.get();

    @TempDir
    Path dir;

    @Test
    void signsWithTheOrganisationKeyFromPkcs12() throws Exception {
        char[] password = "org-secret-2026".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("org", pki.signer.key(), password, new Certificate[] {pki.signer.cert(), pki.ca.cert()});
        Path p12 = dir.resolve("org.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, password);
        }
        Pkcs12Keys keys = Pkcs12Keys.load(p12, password);
        assertEquals(pki.chain(), keys.chain());
        assertEquals(pki.signer.cert(), keys.certificate());

        Path copy = Files.copy(XmlTestPki.sample("edoc_new.edxml"), dir.resolve("in-place.edxml"));
        new XmlSigner().sign(copy, copy, keys.privateKey(), keys.chain(), CLOCK); // out may be the input
        String xml = Files.readString(copy);
        assertFalse(xml.contains("&#13;"), "base64 wrapped with LF only");
        SignatureFound s = new XmlSignatureVerifier(AlgorithmPolicy.strict()).verify(copy).get(0);
        assertTrue(s.cryptographicallyValid(), s.problems()::toString);
        assertEquals(Instant.parse("2026-11-21T02:15:00Z"), s.signingTime());

        assertThrows(IOException.class, () -> Pkcs12Keys.load(p12, "wrong".toCharArray()));
    }

    @Test
    void refusesWhatItMustNotSign() throws Exception {
        XmlSigner signer = new XmlSigner();
        Path signed = dir.resolve("signed.edxml");
        signer.sign(XmlTestPki.sample("edoc_new.edxml"), signed, pki.signer.key(), pki.chain(), CLOCK);

        XmlSigningException twice = assertThrows(XmlSigningException.class,
                () -> signer.sign(signed, dir.resolve("twice.edxml"), pki.signer.key(), pki.chain(), CLOCK));
        assertTrue(twice.getMessage().contains("already carries an XML-DSig"), twice.getMessage());

        Path notEdxml = Files.writeString(dir.resolve("x.xml"), "<a/>");
        assertThrows(XmlSigningException.class, () -> signer.sign(notEdxml, dir.resolve("o.xml"), pki.signer.key(), pki.chain(), CLOCK));

        XmlSigningException mismatch = assertThrows(XmlSigningException.class, () -> signer.sign(XmlTestPki.sample("edoc_new.edxml"),
                dir.resolve("m.edxml"), pki.stranger.key(), pki.chain(), CLOCK));
        assertTrue(mismatch.getMessage().contains("does not match"), mismatch.getMessage());
        assertFalse(Files.exists(dir.resolve("m.edxml")));

        assertThrows(XmlSigningException.class, () -> signer.sign(XmlTestPki.sample("edoc_new.edxml"),
                dir.resolve("n.edxml"), pki.signer.key(), List.of(), CLOCK));
    }
}
