package vn.lienthong.signature.pdf;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small self-contained test PKI for the PDF signature tests: a CA, a person (người ký), the
 * organisation (cơ quan) and a timestamp authority. Built once per JVM; RSA 2048 like the
 * government CA's end-entity certificates.
 */
final class PdfTestPki {

    record Identity(PrivateKey key, X509Certificate cert, List<X509Certificate> chain) {}

    static final Instant NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2034-01-01T00:00:00Z");

    private static PdfTestPki instance;
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    final Identity ca;
    final Identity person;
    final Identity organisation;
    final Identity tsa;

    static synchronized PdfTestPki get() {
        if (instance == null) instance = new PdfTestPki();
        return instance;
    }

    private PdfTestPki() {
        try {
            if (Security.getProvider("BC") == null) Security.addProvider(new BouncyCastleProvider());
            KeyPair caKeys = rsa();
            X500Name caName = new X500Name("CN=CA thử nghiệm Liên Thông,O=Ban Cơ yếu Chính phủ (test),C=VN");
            X509Certificate caCert = issue(caName, caKeys, caName, caKeys.getPrivate(), true, null);
            ca = new Identity(caKeys.getPrivate(), caCert, List.of(caCert));
            person = endEntity("CN=Nguyễn Văn An,T=Chủ tịch,O=UBND tỉnh Thử Nghiệm,C=VN", caName, caKeys, caCert, null);
            organisation = endEntity("CN=UBND tỉnh Thử Nghiệm,O=UBND tỉnh Thử Nghiệm,L=Thử Nghiệm,C=VN", caName, caKeys, caCert, null);
            tsa = endEntity("CN=TSA thử nghiệm,O=Ban Cơ yếu Chính phủ (test),C=VN", caName, caKeys, caCert, KeyPurposeId.id_kp_timeStamping);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048, new SecureRandom());
        return g.generateKeyPair();
    }

    private static Identity endEntity(String dn, X500Name caName, KeyPair caKeys, X509Certificate caCert, KeyPurposeId eku) throws Exception {
        KeyPair keys = rsa();
        X509Certificate cert = issue(new X500Name(dn), keys, caName, caKeys.getPrivate(), false, eku);
        return new Identity(keys.getPrivate(), cert, List.of(cert, caCert));
    }

    private static X509Certificate issue(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                         boolean ca, KeyPurposeId eku) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject, subjectKeys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            if (eku != null) b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(eku));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider("BC").build(issuerKey)));
    }
}
