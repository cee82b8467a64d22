package vn.lienthong.signature.pdf;

import vn.lienthong.integrity.Sha256;
import vn.lienthong.signature.cert.CertUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import javax.security.auth.x500.X500Principal;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureInterface;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF with a detached CMS signature, appended by an incremental update so that earlier
 * signatures stay valid (a person signs, then the organisation signs the same file, R9).
 *
 * <p>Formats: {@link Format#PADES_BASELINE_B} ({@code ETSI.CAdES.detached}, ESS signing-certificate-v2,
 * no CMS signing-time: the time is the PDF {@code /M} entry, as PAdES requires) and
 * {@link Format#PKCS7_DETACHED} ({@code adbe.pkcs7.detached}, with a CMS signing-time as well).
 * Signed attributes always include content-type, message-digest, signing-certificate-v2 and
 * CMS algorithm protection. No timestamp (PAdES B-T) and no revocation data (B-LT) are added.
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return a changed copy.
 */
public final class PdfSigner {

    public enum Format {
        PADES_BASELINE_B(PDSignature.SUBFILTER_ETSI_CADES_DETACHED),
        PKCS7_DETACHED(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);

        private final COSName subFilter;

        Format(COSName subFilter) { this.subFilter = subFilter; }

        public String subFilter() { return subFilter.getName(); }
    }

    private static final TimeZone VIETNAM = TimeZone.getTimeZone("GMT+07:00");

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Format format;
    private final String signatureAlgorithm;
    private final String name;
    private final String reason;
    private final String location;

    /**
     * @param key   the signer's private key
     * @param chain the signer's certificate first, then any intermediates (all are embedded in the CMS)
     */
    public PdfSigner(PrivateKey key, List<X509Certificate> chain) {
        this(key, chain, Format.PADES_BASELINE_B, null, null, null, null);
    }

    private PdfSigner(PrivateKey key, List<X509Certificate> chain, Format format, String signatureAlgorithm,
                      String name, String reason, String location) {
        this.key = Objects.requireNonNull(key, "key");
        if (chain == null || chain.isEmpty()) throw new IllegalArgumentException("the certificate chain must hold at least the signer's certificate");
        this.chain = List.copyOf(chain);
        this.format = Objects.requireNonNull(format, "format");
        this.signatureAlgorithm = signatureAlgorithm != null ? signatureAlgorithm : defaultAlgorithm(key);
        this.name = name;
        this.reason = reason;
        this.location = location;
    }

    public PdfSigner withFormat(Format f) { return new PdfSigner(key, chain, f, signatureAlgorithm, name, reason, location); }

    /** JCA name, e.g. {@code SHA256withRSA} (default for RSA keys), {@code SHA256withECDSA} (default for EC keys). */
    public PdfSigner withSignatureAlgorithm(String a) { return new PdfSigner(key, chain, format, a, name, reason, location); }

    /** The {@code /Name} entry (default: the signer certificate's CN). */
    public PdfSigner withName(String n) { return new PdfSigner(key, chain, format, signatureAlgorithm, n, reason, location); }

    public PdfSigner withReason(String r) { return new PdfSigner(key, chain, format, signatureAlgorithm, name, r, location); }

    public PdfSigner withLocation(String l) { return new PdfSigner(key, chain, format, signatureAlgorithm, name, reason, l); }

    public Format format() { return format; }

    public String signatureAlgorithm() { return signatureAlgorithm; }

    /**
     * Signs {@code input} into {@code output} (may be the same path) with an incremental update;
     * existing signatures are kept and stay valid. The output is written to a temporary file beside
     * it and moved into place, so a failure never leaves a half-written output.
     *
     * @param signingTime the claimed signing time ({@code /M}, and the CMS signing-time in {@link Format#PKCS7_DETACHED})
     */
    public void sign(Path input, Path output, Instant signingTime) throws IOException {
        Objects.requireNonNull(signingTime, "signingTime");
        Path dir = output.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".signing-", ".pdf");
        try {
            try (PDDocument doc = Loader.loadPDF(input.toFile());
                 SignatureOptions options = new SignatureOptions();
                 OutputStream out = Files.newOutputStream(tmp)) {
                PDSignature sig = new PDSignature();
                sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                sig.setSubFilter(format.subFilter);
                sig.setName(name != null ? name : commonName(chain.get(0)));
                if (reason != null) sig.setReason(reason);
                if (location != null) sig.setLocation(location);
                Calendar cal = Calendar.getInstance(VIETNAM, Locale.ROOT);
                cal.setTimeInMillis(signingTime.toEpochMilli());
                sig.setSignDate(cal);
                options.setPreferredSignatureSize(signatureSize());
                SignatureInterface signer = content -> cms(content, signingTime);
                doc.addSignature(sig, signer, options);
                doc.saveIncremental(out);
            }
            try {
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The detached CMS SignedData over {@code content}, DER-encoded. */
    byte[] cms(InputStream content, Instant signingTime) throws IOException {
        try {
            String bc = CertUtil.bouncyCastle().getName();
            X509Certificate cert = chain.get(0);
            ContentSigner contentSigner = new JcaContentSignerBuilder(signatureAlgorithm).setProvider(bc).build(key);
            CMSAttributeTableGenerator signedAttributes = signedAttributes(cert, signingTime);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(bc).build())
                    .setSignedAttributeGenerator(signedAttributes)
                    .build(contentSigner, cert));
            gen.addCertificates(new JcaCertStore(chain));
            CMSSignedData signed = gen.generate(new StreamContent(content), false);
            return signed.getEncoded("DER");
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot make the CMS signature: " + e.getMessage(), e);
        }
    }

    private CMSAttributeTableGenerator signedAttributes(X509Certificate cert, Instant signingTime)
            throws CertificateEncodingException, java.security.NoSuchAlgorithmException {
        byte[] certHash = Sha256.of(cert.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                cert.getSerialNumber());
        SigningCertificateV2 signingCertificate = new SigningCertificateV2(
                new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), certHash, issuerSerial));
        boolean withSigningTime = format == Format.PKCS7_DETACHED;
        return (Map params) -> {
            ASN1EncodableVector v = new ASN1EncodableVector();
            Object contentType = params.get(CMSAttributeTableGenerator.CONTENT_TYPE);
            v.add(attribute(CMSAttributes.contentType, contentType instanceof ASN1ObjectIdentifier o ? o : CMSObjectIdentifiers.data));
            if (withSigningTime) v.add(attribute(CMSAttributes.signingTime, new Time(Date.from(signingTime))));
            v.add(attribute(CMSAttributes.messageDigest, new DEROctetString((byte[]) params.get(CMSAttributeTableGenerator.DIGEST))));
            v.add(attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2, signingCertificate));
            Object digestAlg = params.get(CMSAttributeTableGenerator.DIGEST_ALGORITHM_IDENTIFIER);
            Object sigAlg = params.get(CMSAttributeTableGenerator.SIGNATURE_ALGORITHM_IDENTIFIER);
            if (digestAlg instanceof AlgorithmIdentifier d && sigAlg instanceof AlgorithmIdentifier s) {
                v.add(attribute(CMSAttributes.cmsAlgorithmProtect, new CMSAlgorithmProtection(d, CMSAlgorithmProtection.SIGNATURE, s)));
            }
            return new AttributeTable(v);
        };
    }

    private static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }

    /** Bytes reserved for the CMS in the /Contents hole (hex doubles it in the file). */
    private int signatureSize() {
        int certs = 0;
        for (X509Certificate c : chain) {
            try {
                certs += c.getEncoded().length;
            } catch (CertificateEncodingException e) {
                certs += 4096;
            }
        }
        return Math.max(SignatureOptions.DEFAULT_SIGNATURE_SIZE, certs + 4096);
    }

    private static String defaultAlgorithm(PrivateKey key) {
        String a = key.getAlgorithm().toUpperCase(Locale.ROOT);
        return switch (a) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "ED25519", "EDDSA" -> "Ed25519";
            case "DSA" -> "SHA256withDSA";
            default -> "SHA256withRSA";
        };
    }

    static String commonName(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return String.valueOf(rdn.getValue());
            }
        } catch (javax.naming.InvalidNameException ignored) {
            // fall through
        }
        return cert.getSubjectX500Principal().getName();
    }

    /** PDFBox hands over the signed bytes as a stream; BC reads it once. */
    private static final class StreamContent implements CMSTypedData {
        private final InputStream in;

        StreamContent(InputStream in) { this.in = in; }

        @Override
        public ASN1ObjectIdentifier getContentType() { return CMSObjectIdentifiers.data; }

        @Override
        public void write(OutputStream out) throws IOException { in.transferTo(out); }

        @Override
        public Object getContent() { return in; }
    }
}
