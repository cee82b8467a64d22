package vn.lienthong.signature;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * A real, throw-away PKI for tests, built with Bouncy Castle: a root CA, an intermediate CA, leaf
 * certificates for persons and organisations, revocation, and a local HTTP server (127.0.0.1, a
 * free port) that serves each CA's CRL ({@code /crl/<ca>.crl}, signed by the CA, regenerated at each
 * request so revocations show at once) and OCSP responder ({@code /ocsp/<ca>}, POST, good / revoked /
 * unknown), counting requests. Also writes PEM files and a PKCS#12 for signing tests.
 *
 * <pre>{@code
 * try (TestPki pki = TestPki.start()) {
 *     TestPki.Credential who = pki.person();                       // valid a year either side of now
 *     validator.check(who.certificate(), who.others(), Instant.now());
 *     pki.revoke(who.certificate(), Instant.now(), CRLReason.keyCompromise);
 * }
 * }</pre>
 *
 * The static methods build the same pieces without a server ({@link #newRootCa}, {@link #issueLeaf},
 * {@link #crl}, {@link #ocspResponse}, {@link #writePkcs12} ...).
 */
public final class TestPki implements AutoCloseable {

    public static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    public static final String PERSON_DN =
            "CN=Nguyễn Văn An, T=Giám đốc, UID=CCCD:040080012345, O=Sở Thông tin và Truyền thông, L=Nghệ An, C=VN";
    public static final String ORGANISATION_DN =
            "CN=Sở Thông tin và Truyền thông, O=Sở Thông tin và Truyền thông, UID=MNS:1234567, L=Nghệ An, C=VN";
    public static final String ROOT_DN = "CN=Test Root CA, O=Ban Cơ yếu Chính phủ (test), C=VN";
    public static final String INTERMEDIATE_DN = "CN=Test Government CA, O=Ban Cơ yếu Chính phủ (test), C=VN";

    /** How the OCSP responder of the server answers. */
    public enum OcspMode {
        /** Signed by the CA's own key (the usual). */
        ISSUER,
        /** Signed by a delegated responder certificate the CA issued with id-kp-OCSPSigning. */
        DELEGATED,
        /** Signed by an unrelated key whose certificate claims the CA's name as issuer (forged). */
        FORGED,
        /** Signed by the CA but with a nonce that is not the request's (replay). */
        WRONG_NONCE,
        /** HTTP 200 with bytes that are not an OCSP response. */
        GARBAGE,
        /** HTTP 503. */
        DOWN
    }

    public record Revocation(Instant date, int reason) { }

    /** A key, its certificate and the chain up to the root (signer first, root last). */
    public record Credential(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
        /** The chain without the certificate itself (intermediate and root), as carried beside a signature. */
        public List<X509Certificate> others() {
            return chain.subList(1, chain.size());
        }

        public BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    /** A certification authority: key, certificate, what it issued and what it revoked. */
    public static final class Ca {
        private final String slug;
        private final KeyPair keys;
        private final X509Certificate certificate;
        private final Ca parent;
        private final Set<BigInteger> issued = ConcurrentHashMap.newKeySet();
        private final Map<BigInteger, Revocation> revoked = new ConcurrentHashMap<>();
        private final AtomicLong crlNumber = new AtomicLong(1);
        private volatile Credential responder;
        private volatile boolean crlStale;

        Ca(String slug, KeyPair keys, X509Certificate certificate, Ca parent) {
            this.slug = slug;
            this.keys = keys;
            this.certificate = certificate;
            this.parent = parent;
        }

        /** Name used in URLs: {@code /ocsp/<slug>}, {@code /crl/<slug>.crl}. */
        public String slug() { return slug; }
        public X509Certificate certificate() { return certificate; }
        public PrivateKey privateKey() { return keys.getPrivate(); }
        public Ca parent() { return parent; }

        /** This CA and its parents, this one first. */
        public List<X509Certificate> chain() {
            List<X509Certificate> out = new ArrayList<>();
            for (Ca c = this; c != null; c = c.parent) out.add(c.certificate);
            return out;
        }

        /** @param reason {@link CRLReason} code, e.g. {@code CRLReason.keyCompromise} */
        public void revoke(BigInteger serial, Instant date, int reason) {
            revoked.put(serial, new Revocation(date, reason));
        }

        public void unrevoke(BigInteger serial) {
            revoked.remove(serial);
        }

        public Map<BigInteger, Revocation> revoked() { return Collections.unmodifiableMap(revoked); }

        public boolean issued(BigInteger serial) { return issued.contains(serial); }

        /** Next CRLs served have a nextUpdate in the past. */
        public void crlStale(boolean stale) { this.crlStale = stale; }

        synchronized Credential responder() {
            if (responder == null) {
                LeafSpec spec = new LeafSpec("CN=OCSP Responder, O=" + slug + ", C=VN").keyUsage(KeyUsage.digitalSignature)
                        .extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning).noUrls();
                responder = issueLeaf(this, spec);
            }
            return responder;
        }
    }

    /** What a leaf certificate should look like. Defaults: valid a year either side of now, digitalSignature + nonRepudiation. */
    public static final class LeafSpec {
        private final String subject;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(365));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private int keyUsage = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
        private String baseUrl;
        private boolean ocsp = true;
        private boolean crl = true;
        private final List<String> policyOids = new ArrayList<>();
        private final List<KeyPurposeId> ekus = new ArrayList<>();
        private KeyPair keyPair;
        private String signatureAlgorithm = SIGNATURE_ALGORITHM;

        public LeafSpec(String subject) { this.subject = subject; }

        public static LeafSpec person() { return new LeafSpec(PERSON_DN); }
        public static LeafSpec organisation() { return new LeafSpec(ORGANISATION_DN); }

        public LeafSpec validity(Instant from, Instant to) { notBefore = from; notAfter = to; return this; }
        /** Bits of {@link KeyUsage}, e.g. {@code KeyUsage.keyCertSign}; 0 leaves the extension out. */
        public LeafSpec keyUsage(int bits) { keyUsage = bits; return this; }
        /** OCSP and CRL URLs under this base (e.g. {@code http://127.0.0.1:1234}); null: the server's. */
        public LeafSpec baseUrl(String url) { baseUrl = url; return this; }
        public LeafSpec noOcsp() { ocsp = false; return this; }
        public LeafSpec noCrl() { crl = false; return this; }
        public LeafSpec noUrls() { ocsp = false; crl = false; return this; }
        public LeafSpec policy(String oid) { policyOids.add(oid); return this; }
        public LeafSpec extendedKeyUsage(KeyPurposeId id) { ekus.add(id); return this; }
        /** Use this key pair instead of a fresh one. */
        public LeafSpec keyPair(KeyPair kp) { keyPair = kp; return this; }
        /** How the CA signs this certificate, e.g. {@code SHA1withRSA}; default {@value TestPki#SIGNATURE_ALGORITHM}. */
        public LeafSpec signatureAlgorithm(String jcaName) { signatureAlgorithm = jcaName; return this; }
    }

    // ================================================================== static building blocks

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Bouncy Castle, registered once at the end of the provider list. */
    public static synchronized void ensureBouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) Security.addProvider(new BouncyCastleProvider());
    }

    /** A fresh RSA 2048 key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed root CA. */
    public static Ca newRootCa(String slug, String dn, Instant from, Instant to) {
        ensureBouncyCastle();
        KeyPair kp = newKeyPair();
        try {
            X500Name name = name(dn);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from), Date.from(to), name, kp.getPublic());
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
            return new Ca(slug, kp, certificate(b.build(signer(kp.getPrivate()))), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA certified by {@code issuer}, with OCSP/CRL URLs of the issuer under {@code baseUrl} (null: none). */
    public static Ca newIntermediateCa(Ca issuer, String slug, String dn, Instant from, Instant to, String baseUrl) {
        ensureBouncyCastle();
        KeyPair kp = newKeyPair();
        try {
            BigInteger serial = serial();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.certificate, serial, Date.from(from), Date.from(to),
                    name(dn), kp.getPublic());
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer.certificate));
            if (baseUrl != null) {
                b.addExtension(Extension.authorityInfoAccess, false, aia(ocspUrl(baseUrl, issuer)));
                b.addExtension(Extension.cRLDistributionPoints, false, cdp(crlUrl(baseUrl, issuer)));
            }
            Ca ca = new Ca(slug, kp, certificate(b.build(signer(issuer.keys.getPrivate()))), issuer);
            issuer.issued.add(serial);
            return ca;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf certificate issued by {@code issuer}; the spec's base URL must be set when it has OCSP/CRL URLs. */
    public static Credential issueLeaf(Ca issuer, LeafSpec spec) {
        ensureBouncyCastle();
        KeyPair kp = spec.keyPair != null ? spec.keyPair : newKeyPair();
        try {
            BigInteger serial = serial();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.certificate, serial, Date.from(spec.notBefore),
                    Date.from(spec.notAfter), name(spec.subject), kp.getPublic());
            JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (spec.keyUsage != 0) b.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage));
            b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuer.certificate));
            if (spec.ocsp) {
                if (spec.baseUrl == null) throw new IllegalArgumentException("base URL needed for the OCSP URL");
                b.addExtension(Extension.authorityInfoAccess, false, aia(ocspUrl(spec.baseUrl, issuer)));
            }
            if (spec.crl) {
                if (spec.baseUrl == null) throw new IllegalArgumentException("base URL needed for the CRL URL");
                b.addExtension(Extension.cRLDistributionPoints, false, cdp(crlUrl(spec.baseUrl, issuer)));
            }
            if (!spec.policyOids.isEmpty()) {
                PolicyInformation[] pi = spec.policyOids.stream()
                        .map(o -> new PolicyInformation(new ASN1ObjectIdentifier(o))).toArray(PolicyInformation[]::new);
                b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(pi));
            }
            if (!spec.ekus.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(spec.ekus.toArray(KeyPurposeId[]::new)));
            }
            X509Certificate cert = certificate(b.build(
                    new JcaContentSignerBuilder(spec.signatureAlgorithm).setProvider("BC").build(issuer.keys.getPrivate())));
            issuer.issued.add(serial);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(issuer.chain());
            return new Credential(cert, kp.getPrivate(), List.copyOf(chain));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String ocspUrl(String baseUrl, Ca issuer) {
        return baseUrl + "/ocsp/" + issuer.slug;
    }

    public static String crlUrl(String baseUrl, Ca issuer) {
        return baseUrl + "/crl/" + issuer.slug + ".crl";
    }

    /** The CA's current CRL (all its revocations), signed by the CA now, valid a day (or already stale). */
    public static X509CRL crl(Ca ca) {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.certificate.getSubjectX500Principal().getEncoded()),
                    Date.from(now.minus(Duration.ofMinutes(ca.crlStale ? 120 : 1))));
            b.setNextUpdate(Date.from(ca.crlStale ? now.minus(Duration.ofHours(1)) : now.plus(Duration.ofDays(1))));
            for (Map.Entry<BigInteger, Revocation> e : ca.revoked.entrySet()) {
                b.addCRLEntry(e.getKey(), Date.from(e.getValue().date()), e.getValue().reason());
            }
            b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(ca.crlNumber.getAndIncrement())));
            X509CRLHolder h = b.build(signer(ca.keys.getPrivate()));
            return new JcaX509CRLConverter().getCRL(h);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the CA's OCSP responder answers to a DER request: good, revoked (with date and reason) or unknown. */
    public static byte[] ocspResponse(Ca ca, byte[] request, OcspMode mode) {
        try {
            if (mode == OcspMode.GARBAGE) return "this is not an OCSP response".getBytes(StandardCharsets.US_ASCII);
            OCSPReq req = new OCSPReq(request);
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider("BC").build();
            X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.certificate);

            PrivateKey key;
            X500Name responderName;
            X509CertificateHolder[] certs = null;
            switch (mode) {
                case DELEGATED -> {
                    Credential r = ca.responder();
                    key = r.privateKey();
                    responderName = X500Name.getInstance(r.certificate().getSubjectX500Principal().getEncoded());
                    certs = new X509CertificateHolder[] {new JcaX509CertificateHolder(r.certificate())};
                }
                case FORGED -> {
                    KeyPair rogue = newKeyPair();
                    X500Name caName = caHolder.getSubject();
                    responderName = caName;
                    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caName, serial(),
                            Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(1))),
                            name("CN=OCSP Responder, O=" + ca.slug + ", C=VN"), rogue.getPublic());
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                    certs = new X509CertificateHolder[] {b.build(signer(rogue.getPrivate()))};
                    key = rogue.getPrivate();
                }
                default -> {
                    key = ca.keys.getPrivate();
                    responderName = caHolder.getSubject();
                }
            }
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(responderName));
            Date now = new Date();
            Date next = Date.from(Instant.now().plus(Duration.ofHours(1)));
            for (Req r : req.getRequestList()) {
                CertificateID id = r.getCertID();
                BigInteger serial = id.getSerialNumber();
                CertificateStatus status;
                Revocation rev = ca.revoked.get(serial);
                if (!id.matchesIssuer(caHolder, digests) || !ca.issued.contains(serial)) status = new UnknownStatus();
                else if (rev != null) status = new RevokedStatus(Date.from(rev.date()), rev.reason());
                else status = CertificateStatus.GOOD;
                b.addResponse(id, status, now, next, null);
            }
            Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                if (mode == OcspMode.WRONG_NONCE) {
                    byte[] other = new byte[16];
                    RANDOM.nextBytes(other);
                    nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(new DEROctetString(other).getEncoded()));
                }
                b.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = b.build(signer(key), certs, now);
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (IOException e) {
            try {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            } catch (Exception e2) {
                throw new IllegalStateException(e2);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes certificates, private keys (PKCS#8) or CRLs as PEM, in order. */
    public static Path writePem(Path file, Object... objects) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey k) pem.writeObject(new JcaPKCS8Generator(k, null));
                else pem.writeObject(o);
            }
        }
        return file;
    }

    /** A PKCS#12 with the key and its chain under {@code alias}. */
    public static Path writePkcs12(Path file, Credential c, char[] password, String alias) throws IOException {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, c.privateKey(), password, c.chain().toArray(X509Certificate[]::new));
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password);
            }
            return file;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Writes, into {@code folder}: {@code <name>.pem} (certificate), {@code <name>-key.pem} (PKCS#8 key),
     * {@code <name>-chain.pem} (certificate and its CAs), {@code <name>.p12} (key + chain, alias {@code name},
     * the password), and {@code trust-anchors/root.pem} (the root of the chain).
     */
    public static Path writeFiles(Path folder, String name, Credential c, char[] password) throws IOException {
        Files.createDirectories(folder);
        writePem(folder.resolve(name + ".pem"), c.certificate());
        writePem(folder.resolve(name + "-key.pem"), c.privateKey());
        writePem(folder.resolve(name + "-chain.pem"), c.chain().toArray());
        writePkcs12(folder.resolve(name + ".p12"), c, password, name);
        writePem(folder.resolve("trust-anchors").resolve("root.pem"), c.chain().get(c.chain().size() - 1));
        return folder;
    }

    /** A base URL where nothing listens (connection refused at once). */
    public static String closedBaseUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name name(String dn) {
        RDN[] rdns = new X500Name(BCStyle.INSTANCE, dn).getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) reversed[i] = rdns[rdns.length - 1 - i];
        return new X500Name(BCStyle.INSTANCE, reversed);             // encoded most general first, as CAs do
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).setBit(62);
    }

    private static ContentSigner signer(PrivateKey key) throws Exception {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setProvider("BC").build(key);
    }

    private static X509Certificate certificate(X509CertificateHolder h) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(h);
    }

    private static AuthorityInformationAccess aia(String ocspUrl) {
        return new AuthorityInformationAccess(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl));
    }

    private static CRLDistPoint cdp(String crlUrl) {
        GeneralNames names = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(new DistributionPointName(names), null, null)});
    }

    // ================================================================== a running PKI

    private final Ca root;
    private final Ca intermediate;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Map<String, Ca> cas = new ConcurrentHashMap<>();
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private final AtomicInteger crlRequests = new AtomicInteger();
    private final Map<BigInteger, AtomicInteger> ocspBySerial = new ConcurrentHashMap<>();
    private volatile OcspMode ocspMode = OcspMode.ISSUER;
    private volatile boolean crlDown;

    private TestPki() throws IOException {
        ensureBouncyCastle();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        Instant now = Instant.now();
        root = newRootCa("root", ROOT_DN, now.minus(Duration.ofDays(3650)), now.plus(Duration.ofDays(3650)));
        intermediate = newIntermediateCa(root, "sub", INTERMEDIATE_DN, now.minus(Duration.ofDays(1825)), now.plus(Duration.ofDays(1825)), baseUrl);
        cas.put(root.slug, root);
        cas.put(intermediate.slug, intermediate);
        server.createContext("/ocsp/", this::ocsp);
        server.createContext("/crl/", this::crl);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-pki-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
    }

    /** A root CA, an intermediate CA under it, and the OCSP/CRL server, started. */
    public static TestPki start() {
        try {
            return new TestPki();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Ca root() { return root; }
    public Ca intermediate() { return intermediate; }
    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() { return baseUrl; }

    /** Another intermediate CA under the root, served by this server too (its own OCSP and CRL). */
    public Ca newIntermediate(String slug, String dn) {
        Instant now = Instant.now();
        Ca ca = newIntermediateCa(root, slug, dn, now.minus(Duration.ofDays(1825)), now.plus(Duration.ofDays(1825)), baseUrl);
        cas.put(slug, ca);
        return ca;
    }

    /** Issues a leaf from the intermediate CA; URLs point at this server unless the spec says otherwise. */
    public Credential issue(LeafSpec spec) {
        return issue(intermediate, spec);
    }

    /** Issues a leaf from {@code issuer}; URLs point at this server unless the spec says otherwise. */
    public Credential issue(Ca issuer, LeafSpec spec) {
        if (spec.baseUrl == null) spec.baseUrl(baseUrl);
        return issueLeaf(issuer, spec);
    }

    /** A person's certificate (title and citizen id in the subject), valid a year either side of now. */
    public Credential person() { return issue(LeafSpec.person()); }

    /** An organisation's certificate (CN equals O, budget code in the subject), valid a year either side of now. */
    public Credential organisation() { return issue(LeafSpec.organisation()); }

    /** Revokes a certificate issued by one of this PKI's CAs. */
    public void revoke(X509Certificate cert, Instant date, int reason) {
        issuerOf(cert).revoke(cert.getSerialNumber(), date, reason);
    }

    public void unrevoke(X509Certificate cert) {
        issuerOf(cert).unrevoke(cert.getSerialNumber());
    }

    private Ca issuerOf(X509Certificate cert) {
        for (Ca ca : cas.values()) if (ca.certificate.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) return ca;
        throw new IllegalArgumentException("not issued here: " + cert.getIssuerX500Principal());
    }

    public void ocspMode(OcspMode mode) { this.ocspMode = mode; }
    /** CRL requests answered with HTTP 503. */
    public void crlDown(boolean down) { this.crlDown = down; }

    public int ocspRequests() { return ocspRequests.get(); }
    public int ocspRequests(BigInteger serial) {
        AtomicInteger n = ocspBySerial.get(serial);
        return n == null ? 0 : n.get();
    }
    public int crlRequests() { return crlRequests.get(); }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void ocsp(HttpExchange ex) throws IOException {
        try (ex) {
            ocspRequests.incrementAndGet();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Ca ca = cas.get(ex.getRequestURI().getPath().substring("/ocsp/".length()));
            if (!"POST".equals(ex.getRequestMethod()) || ca == null) {
                ex.sendResponseHeaders(ca == null ? 404 : 405, -1);
                return;
            }
            try {
                for (Req r : new OCSPReq(body).getRequestList()) {
                    ocspBySerial.computeIfAbsent(r.getCertID().getSerialNumber(), k -> new AtomicInteger()).incrementAndGet();
                }
            } catch (IOException ignored) {
                // answered as malformed below
            }
            OcspMode mode = ocspMode;
            if (mode == OcspMode.DOWN) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            send(ex, "application/ocsp-response", ocspResponse(ca, body, mode));
        }
    }

    private void crl(HttpExchange ex) throws IOException {
        try (ex) {
            crlRequests.incrementAndGet();
            String p = ex.getRequestURI().getPath().substring("/crl/".length());
            Ca ca = p.endsWith(".crl") ? cas.get(p.substring(0, p.length() - 4)) : null;
            if (ca == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (crlDown) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            try {
                send(ex, "application/pkix-crl", crl(ca).getEncoded());
            } catch (java.security.cert.CRLException e) {
                throw new IOException(e);
            }
        }
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
