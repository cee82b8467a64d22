package vn.lienthong.signature.xml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for the envelope-signature tests, built with Bouncy Castle's certificate builder
 * over the JDK's own providers (no provider registration): an RSA root CA, an RSA organisation signer
 * and an EC signer issued by it, and an unrelated RSA signer. Generated once per JVM.
 */
final class XmlTestPki {
    record Issued(KeyPair keys, X509Certificate cert) {
        PrivateKey key() { return keys.getPrivate(); }
    }

    private static XmlTestPki instance;
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final Issued ca;
    final Issued signer;
    final Issued ecSigner;
    final Issued stranger;

    private XmlTestPki() throws Exception {
        KeyPair caKeys = rsa();
        X509Certificate caCert = issue("CN=Lien Thong Test Root CA,O=Test,C=VN", caKeys.getPublic(), null, caKeys, true);
        ca = new Issued(caKeys, caCert);
        KeyPair s = rsa();
        signer = new Issued(s, issue("CN=UBND tinh Test,O=UBND tinh Test,C=VN", s.getPublic(), caCert, caKeys, false));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair e = ec.generateKeyPair();
        ecSigner = new Issued(e, issue("CN=So Test EC,O=Test,C=VN", e.getPublic(), caCert, caKeys, false));
        KeyPair o = rsa();
        stranger = new Issued(o, issue("CN=Stranger,C=VN", o.getPublic(), null, o, false));
    }

    static synchronized XmlTestPki get() {
        if (instance == null) {
            try {
                instance = new XmlTestPki();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the test PKI", e);
            }
        }
        return instance;
    }

    List<X509Certificate> chain() {
        return List.of(signer.cert(), ca.cert());
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate issue(String subject, PublicKey key, X509Certificate issuer, KeyPair issuerKeys, boolean ca)
            throws Exception {
        Instant now = Instant.now();
        X500Principal subj = new X500Principal(subject);
        X500Principal iss = issuer == null ? subj : issuer.getSubjectX500Principal();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(iss, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subj, key);
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(key));
        if (issuer != null) b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer));
        String alg = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())));
    }

    static Path writePem(Path file, String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        try {
            return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path certPem(Path file, X509Certificate cert) {
        try {
            return writePem(file, "CERTIFICATE", cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path keyPem(Path file, PrivateKey key) {
        return writePem(file, "PRIVATE KEY", key.getEncoded());
    }

    /** The sample package from the national SDK bundle (QCVN-namespaced dummy signature). */
    static Path sample(String name) {
        try {
            return Path.of(XmlTestPki.class.getResource("/samples/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
