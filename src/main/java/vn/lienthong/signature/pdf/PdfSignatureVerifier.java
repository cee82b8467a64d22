package vn.lienthong.signature.pdf;

import vn.lienthong.signature.cert.CertUtil;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Store;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.CertificateCheck;
import vn.lienthong.signature.CertificateValidator;
import vn.lienthong.signature.SignatureFound;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * Finds and verifies the PDF signatures inside one attachment (R9, R21): integrity of the signed
 * byte ranges (CMS / PAdES, verified with Bouncy Castle), whether the signed ranges cover the whole
 * file, the algorithm under the {@link AlgorithmPolicy}, the signer certificate and signing time.
 * Certificate trust (path, validity, revocation) is not checked here: that is
 * {@link vn.lienthong.signature.CertificateValidator}'s job.
 *
 * <p>The file is never loaded whole: PDFBox reads it from disk ({@code Loader.loadPDF(File)}) and
 * the signed ranges are streamed from a {@link FileChannel} into the digest.
 *
 * <p>Results, one {@link SignatureFound} per signature dictionary, in revision order (the earliest
 * signature first), {@code location = attachmentName + " #n"} (1-based, always present):
 * <ul>
 *   <li>E700: CMS unparsable, not exactly one SignerInfo, no signer certificate in the CMS, signature
 *       value does not verify, ESS signing-certificate(-v2) attribute naming another certificate,
 *       unsupported SubFilter, malformed ByteRange.</li>
 *   <li>E701: the bytes in the ByteRange do not match the signed message digest (or the file is
 *       shorter than the ByteRange says, i.e. it was truncated). A CMS without signed attributes
 *       whose signature does not match is also E701: it cannot tell the bytes from the signature.</li>
 *   <li>E708: the ByteRange is not {@code [0 a b c]} with the gap {@code [a,b)} being exactly this
 *       signature's {@code /Contents} hex string, or bytes after the signed range are not covered.
 *       Bytes after a signature are fine when a later, intact signature (or accepted document
 *       timestamp) covers the file up to its end; only the end of the file must be covered.</li>
 *   <li>E706 / W701: algorithm under the policy (CMS digest + signature algorithm, and the SHA-1
 *       document digest of the legacy {@code adbe.pkcs7.sha1} SubFilter).</li>
 * </ul>
 *
 * <p><b>Bad input never throws.</b> A file PDFBox cannot read gives: one {@link SignatureFound}
 * with {@code signer == null} and E700 if the raw bytes contain a {@code /ByteRange} or a signature
 * SubFilter name (a signed file that was damaged must be refused, not silently downgraded to
 * unsigned); otherwise an empty list (the attachment counts as unsigned) and the reason is in
 * {@link Inspection#problems()}.
 *
 * <p>Document timestamps ({@code ETSI.RFC3161}, PAdES-LTA) are not signatures of a person or an
 * organisation and are not returned. One counts as covering the bytes before it only when it is
 * intact and a {@link CertificateValidator} for TSA certificates was given and accepts its TSA;
 * what happened to each is in {@link Inspection#problems()}.
 *
 * <p>Thread-safe: no mutable state.
 */
public final class PdfSignatureVerifier {

    public static final String KIND = "PDF";

    static final String ADBE_PKCS7_DETACHED = "adbe.pkcs7.detached";
    static final String ETSI_CADES_DETACHED = "ETSI.CAdES.detached";
    static final String ADBE_PKCS7_SHA1 = "adbe.pkcs7.sha1";
    static final String ETSI_RFC3161 = "ETSI.RFC3161";

    private static final int BUFFER = 64 * 1024;
    private static final List<byte[]> MARKERS = java.util.stream.Stream.of("/ByteRange", "/adbe.pkcs7.", "/ETSI.CAdES.", "/ETSI.RFC3161")
            .map(m -> m.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toList();

    private final AlgorithmPolicy policy;
    private final CertificateValidator timestampValidator;

    /** Document timestamps never count as covering the file (see {@link #PdfSignatureVerifier(AlgorithmPolicy, CertificateValidator)}). */
    public PdfSignatureVerifier(AlgorithmPolicy policy) {
        this(policy, null);
    }

    /**
     * @param timestampValidator checks the TSA certificate of document timestamps (ETSI.RFC3161,
     *                           PAdES-LTA); an intact timestamp whose TSA it accepts covers the bytes
     *                           added before it (e.g. the DSS). {@code null}: no timestamp covers anything.
     */
    public PdfSignatureVerifier(AlgorithmPolicy policy, CertificateValidator timestampValidator) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timestampValidator = timestampValidator;
    }

    /**
     * Everything found in one file.
     *
     * @param signatures one per signature, in revision order
     * @param problems   file-level remarks that belong to no signature (not readable as PDF,
     *                   document timestamps that did not verify, ...); informational text
     */
    public record Inspection(List<SignatureFound> signatures, List<String> problems) {
        public Inspection {
            signatures = List.copyOf(signatures);
            problems = List.copyOf(problems);
        }
    }

    /** The signatures in {@code pdf}; never throws for bad input (see the class comment). */
    public List<SignatureFound> verify(Path pdf, String attachmentName) {
        return inspect(pdf, attachmentName).signatures();
    }

    /** Like {@link #verify} but also returns the file-level problems. */
    public Inspection inspect(Path pdf, String attachmentName) {
        String name = attachmentName == null || attachmentName.isBlank()
                ? String.valueOf(pdf == null ? "?" : pdf.getFileName()) : attachmentName;
        List<String> problems = new ArrayList<>();
        try {
            return doInspect(pdf, name, problems);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            problems.add("cannot read " + name + ": " + describe(e));
            return damagedOrUnsigned(pdf, name, e, problems);
        }
    }

    /** After a failure: refuse (E700) if the file shows traces of a signature, else treat it as unsigned. */
    private static Inspection damagedOrUnsigned(Path pdf, String name, Throwable e, List<String> problems) {
        if (pdf != null && containsMarker(pdf)) {
            Finding f = Finding.of(ReasonCode.SIGNATURE_INVALID,
                    name + ": the file shows traces of a signature but cannot be read, so the signature cannot be verified ("
                            + describe(e) + ")");
            return new Inspection(List.of(new SignatureFound(KIND, name + " #1", null, List.of(), null, null, List.of(f))), problems);
        }
        return new Inspection(List.of(), problems);
    }

    private Inspection doInspect(Path pdf, String name, List<String> problems) throws IOException {
        if (pdf == null || !Files.isRegularFile(pdf)) {
            problems.add(name + " is not a readable file");
            return new Inspection(List.of(), problems);
        }
        List<Candidate> candidates;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            candidates = collect(doc);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            problems.add(name + " cannot be read as PDF: " + describe(e));
            return damagedOrUnsigned(pdf, name, e, problems);
        }

        try (FileChannel ch = FileChannel.open(pdf, StandardOpenOption.READ)) {
            long length = ch.size();
            // revision order: by the end of the signed range; malformed ranges last, in document order
            candidates.sort(Comparator.comparingLong(c -> c.end() < 0 ? Long.MAX_VALUE : c.end()));
            List<Checked> checked = new ArrayList<>();
            int n = 0;
            for (Candidate c : candidates) {
                if (c.isTimestamp()) {
                    checked.add(checkTimestamp(ch, length, c, name, problems));
                } else {
                    checked.add(check(ch, length, c, name + " #" + (++n)));
                }
            }
            coverage(checked, length);
            List<SignatureFound> out = new ArrayList<>();
            for (Checked k : checked) {
                if (!k.candidate.isTimestamp()) out.add(k.toFound());
            }
            if (candidates.isEmpty() && containsMarker(pdf)) { // no candidates: nothing found; the raw scan last, it reads the file
                problems.add(name + " shows traces of a signature (/ByteRange or a signature SubFilter) but no signature field refers to one; treated as unsigned");
            }
            return new Inspection(out, problems);
        }
    }

    // ---------------------------------------------------------------- collecting

    /** What PDFBox told us about one signature dictionary, copied out so the document can be closed. */
    private record Candidate(String subFilter, long[] ranges, String rangeProblem, byte[] contents, Instant pdfTime) {
        long end() {
            if (ranges == null) return -1;
            long e = 0;
            for (int i = 0; i < ranges.length; i += 2) e = Math.max(e, ranges[i] + ranges[i + 1]);
            return e;
        }

        boolean isTimestamp() { return ETSI_RFC3161.equals(subFilter); }
    }

    private static List<Candidate> collect(PDDocument doc) {
        List<Candidate> out = new ArrayList<>();
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PDSignature sig : doc.getSignatureDictionaries()) {
            COSDictionary d = sig.getCOSObject();
            if (!seen.add(d)) continue;
            String subFilter = d.getNameAsString(COSName.SUB_FILTER);
            long[] ranges = null;
            String rangeProblem = null;
            COSBase br = d.getDictionaryObject(COSName.BYTERANGE);
            if (br instanceof COSArray arr && arr.size() >= 2 && arr.size() % 2 == 0) {
                ranges = new long[arr.size()];
                for (int k = 0; k < arr.size() && ranges != null; k++) {
                    if (arr.getObject(k) instanceof COSNumber num && num.longValue() >= 0) ranges[k] = num.longValue();
                    else ranges = null;
                }
                if (ranges == null) rangeProblem = "ByteRange contains a value that is not a non-negative number";
                else rangeProblem = orderProblem(ranges);
                if (rangeProblem != null) ranges = null;
            } else {
                rangeProblem = br == null ? "the signature has no ByteRange" : "ByteRange is not an array of offset/length pairs";
            }
            byte[] contents = d.getDictionaryObject(COSName.CONTENTS) instanceof COSString s ? s.getBytes() : null;
            Instant pdfTime = null;
            try {
                Calendar cal = sig.getSignDate();
                if (cal != null) pdfTime = cal.toInstant();
            } catch (RuntimeException ignored) {
                // an unparsable /M is just absent
            }
            out.add(new Candidate(subFilter, ranges, rangeProblem, contents, pdfTime));
        }
        return out;
    }

    private static String orderProblem(long[] r) {
        long prevEnd = -1;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i] <= prevEnd && i > 0) return "ByteRange pairs overlap or are out of order";
            if (r[i] > Long.MAX_VALUE - r[i + 1]) return "ByteRange values are out of range";
            prevEnd = r[i] + r[i + 1];
        }
        return null;
    }

    // ---------------------------------------------------------------- checking one signature

    /** One checked signature (or document timestamp), before the coverage pass. */
    private static final class Checked {
        final Candidate candidate;
        final String location;
        final List<Finding> problems = new ArrayList<>();
        X509Certificate signer;
        List<X509Certificate> certificates = List.of();
        String algorithm;
        Instant signingTime;
        boolean shapeOk; // [0 a b c], gap exactly /Contents, within the file
        boolean covers;  // document timestamps only: may count as covering the bytes before it

        Checked(Candidate candidate, String location) {
            this.candidate = candidate;
            this.location = location;
        }

        void add(ReasonCode code, String detail) { problems.add(Finding.of(code, location + ": " + detail)); }

        boolean intact() {
            return problems.stream().noneMatch(f -> f.reason() == ReasonCode.SIGNATURE_INVALID || f.reason() == ReasonCode.SIGNATURE_TAMPERED);
        }

        SignatureFound toFound() {
            return new SignatureFound(KIND, location, signer, List.copyOf(certificates), algorithm, signingTime, List.copyOf(problems));
        }
    }

    private Checked check(FileChannel ch, long length, Candidate c, String location) {
        Checked k = new Checked(c, location);
        k.signingTime = c.pdfTime();
        String sf = c.subFilter();
        boolean detached = ADBE_PKCS7_DETACHED.equals(sf) || ETSI_CADES_DETACHED.equals(sf);
        boolean legacySha1 = ADBE_PKCS7_SHA1.equals(sf);
        if (!detached && !legacySha1) {
            k.add(ReasonCode.SIGNATURE_INVALID, "unsupported signature SubFilter " + (sf == null ? "(none)" : sf)
                    + "; supported: adbe.pkcs7.detached, ETSI.CAdES.detached, adbe.pkcs7.sha1");
            return k;
        }
        boolean rangesReadable = checkRanges(ch, length, c, k);
        if (c.contents() == null || c.contents().length == 0) {
            k.add(ReasonCode.SIGNATURE_INVALID, "the signature has no /Contents");
            return k;
        }
        CMSSignedData cms;
        SignerInformation si;
        try {
            cms = new CMSSignedData(contentInfo(c.contents()));
            Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                k.add(ReasonCode.SIGNATURE_INVALID, "the CMS must hold exactly one SignerInfo, found " + signers.size());
                return k;
            }
            si = signers.iterator().next();
        } catch (CMSException | RuntimeException e) {
            k.add(ReasonCode.SIGNATURE_INVALID, "the signature value is not a readable CMS SignedData (" + describe(e) + ")");
            return k;
        }

        // certificates: all of them, and the signer's
        X509CertificateHolder signerHolder = null;
        try {
            k.certificates = allCertificates(cms.getCertificates());
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(si.getSID());
            if (!matches.isEmpty()) {
                signerHolder = matches.iterator().next();
                k.signer = toX509(signerHolder);
            }
        } catch (RuntimeException e) {
            k.add(ReasonCode.SIGNATURE_INVALID, "the certificates in the CMS cannot be read (" + describe(e) + ")");
        }

        // algorithm
        String digest = digestName(si.getDigestAlgOID());
        String keyAlg = keyAlgorithm(si.getEncryptionAlgOID());
        k.algorithm = digest + "with" + keyAlg;
        policyCheck(k, k.algorithm);
        String embedded = EMBEDDED_DIGEST.get(si.getEncryptionAlgOID());
        if (embedded != null && !embedded.equals(digest)) policyCheck(k, embedded + "with" + keyAlg);
        if (legacySha1) policyCheck(k, "SHA1 (document digest of SubFilter adbe.pkcs7.sha1)");

        // signing time: CMS signingTime, else /M
        Instant cmsTime = signingTime(si);
        if (cmsTime != null) k.signingTime = cmsTime;

        if (k.signer == null) {
            if (signerHolder == null) k.add(ReasonCode.SIGNATURE_INVALID, "the CMS does not carry the signer's certificate");
            else k.add(ReasonCode.SIGNATURE_INVALID, "the signer's certificate in the CMS cannot be read");
            return k;
        }
        signingCertificateBinding(k, si);
        if (!rangesReadable) return k;

        SignerInformationVerifier verifier;
        try {
            // from the public key, not the certificate: certificate validity at signing time is the CertificateValidator's call
            verifier = new JcaSimpleSignerInfoVerifierBuilder().setProvider(CertUtil.bouncyCastle().getName()).build(k.signer.getPublicKey());
        } catch (Exception e) {
            k.add(ReasonCode.SIGNATURE_INVALID, "no verifier for the signer's key (" + describe(e) + ")");
            return k;
        }

        try {
            if (detached) {
                if (cms.getSignedContent() != null) {
                    k.add(ReasonCode.SIGNATURE_INVALID, "SubFilter " + sf + " needs a detached CMS, but the CMS encapsulates content");
                    return k;
                }
                CMSSignedData withContent = new CMSSignedData(new RangeContent(ch, c.ranges()), contentInfo(c.contents()));
                SignerInformation s2 = withContent.getSignerInfos().getSigners().iterator().next();
                verifySigner(k, s2, verifier);
            } else {
                Object econtent = cms.getSignedContent() == null ? null : cms.getSignedContent().getContent();
                if (!(econtent instanceof byte[] inner)) {
                    k.add(ReasonCode.SIGNATURE_INVALID, "SubFilter adbe.pkcs7.sha1 needs the SHA-1 digest encapsulated in the CMS, none found");
                    return k;
                }
                if (!verifySigner(k, si, verifier)) return k;
                MessageDigest md = MessageDigest.getInstance("SHA-1");
                try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                    new RangeContent(ch, c.ranges()).write(out);
                }
                if (!MessageDigest.isEqual(md.digest(), inner)) {
                    k.add(ReasonCode.SIGNATURE_TAMPERED, "the SHA-1 digest of the signed byte ranges does not match the signed digest: the file was changed after signing");
                }
            }
        } catch (Exception e) {
            k.add(ReasonCode.SIGNATURE_INVALID, "the signature cannot be verified (" + describe(e) + ")");
        }
        return k;
    }

    /**
     * The ESS signing-certificate(-v2) attribute, when present, must name the certificate that
     * verifies the signature (CAdES/PAdES: it stops a signer certificate from being substituted).
     */
    private static void signingCertificateBinding(Checked k, SignerInformation si) {
        AttributeTable t = si.getSignedAttributes();
        if (t == null) return;
        try {
            byte[] encoded = k.signer.getEncoded();
            Attribute v2 = t.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (v2 != null) {
                ESSCertIDv2[] ids = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)).getCerts();
                if (ids.length == 0) throw new IllegalArgumentException("empty signing-certificate-v2");
                String alg = ids[0].getHashAlgorithm().getAlgorithm().getId();
                byte[] hash = MessageDigest.getInstance(alg, CertUtil.bouncyCastle().getName()).digest(encoded);
                if (!MessageDigest.isEqual(hash, ids[0].getCertHash())) {
                    k.add(ReasonCode.SIGNATURE_INVALID, "the signing-certificate-v2 attribute names another certificate than the signer's");
                }
                return;
            }
            Attribute v1 = t.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
            if (v1 != null) {
                ESSCertID[] ids = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0)).getCerts();
                if (ids.length == 0) throw new IllegalArgumentException("empty signing-certificate");
                byte[] hash = MessageDigest.getInstance("SHA-1").digest(encoded);
                if (!MessageDigest.isEqual(hash, ids[0].getCertHash())) {
                    k.add(ReasonCode.SIGNATURE_INVALID, "the signing-certificate attribute names another certificate than the signer's");
                }
            }
        } catch (Exception e) {
            k.add(ReasonCode.SIGNATURE_INVALID, "the signing-certificate attribute cannot be read (" + describe(e) + ")");
        }
    }

    /** @return true when the signature verified */
    private static boolean verifySigner(Checked k, SignerInformation si, SignerInformationVerifier verifier) {
        try {
            if (si.verify(verifier)) return true;
            if (si.getSignedAttributes() == null) {
                // without signed attributes the signature is over the content digest: a mismatch cannot be told apart from a bad signature
                k.add(ReasonCode.SIGNATURE_TAMPERED, "the signature does not match the signed bytes (no signed attributes): the file or the signature was changed after signing");
            } else {
                k.add(ReasonCode.SIGNATURE_INVALID, "the signature value does not verify with the signer certificate's public key");
            }
        } catch (CMSSignerDigestMismatchException e) {
            k.add(ReasonCode.SIGNATURE_TAMPERED, "the signed byte ranges do not match the message digest in the signature: the file was changed after signing");
        } catch (CMSException | RuntimeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EOFException) {
                k.add(ReasonCode.SIGNATURE_TAMPERED, "the file ends before the end of the signed byte range: it was truncated after signing");
            } else {
                k.add(ReasonCode.SIGNATURE_INVALID, "the signature cannot be verified (" + describe(e) + ")");
            }
        }
        return false;
    }

    /**
     * ByteRange checks that do not need the CMS. Sets {@link Checked#shapeOk}.
     *
     * @return whether the ranges can be read from the file (so a digest can be computed)
     */
    private static boolean checkRanges(FileChannel ch, long length, Candidate c, Checked k) {
        if (c.ranges() == null) {
            k.add(ReasonCode.SIGNATURE_INVALID, c.rangeProblem());
            return false;
        }
        long[] r = c.ranges();
        long end = c.end();
        if (end > length) {
            k.add(ReasonCode.SIGNATURE_TAMPERED, "the signed byte range ends at byte " + end + " but the file has only " + length
                    + " bytes: it was truncated after signing");
            return false;
        }
        if (r.length != 4 || r[0] != 0 || r[1] < 1 || r[2] < r[1] + 2) {
            k.add(ReasonCode.SIGNATURE_PARTIAL, "ByteRange " + java.util.Arrays.toString(r)
                    + " is not of the form [0 a b c] with one gap for the signature value");
            return true;
        }
        try {
            if (!gapIsContents(ch, r[1], r[2], c.contents())) {
                k.add(ReasonCode.SIGNATURE_PARTIAL, "the unsigned gap from byte " + r[1] + " to " + r[2]
                        + " is not exactly this signature's /Contents value: it may hide unsigned content");
                return true;
            }
        } catch (IOException e) {
            k.add(ReasonCode.SIGNATURE_INVALID, "the gap of the ByteRange cannot be read (" + describe(e) + ")");
            return false;
        }
        k.shapeOk = true;
        return true;
    }

    /** Whether bytes [a,b) are {@code <hex>} whose value is exactly {@code contents}. Streams; never holds the gap. */
    static boolean gapIsContents(FileChannel ch, long a, long b, byte[] contents) throws IOException {
        if (contents == null) return false;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, b - a));
        long pos = a;
        int produced = 0;
        int hi = -1;
        boolean first = true;
        while (pos < b) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), b - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) return false;
            for (int i = 0; i < n; i++) {
                byte x = buf.get(i);
                long at = pos + i;
                if (first) {
                    if (x != '<') return false;
                    first = false;
                    continue;
                }
                if (at == b - 1) {
                    if (x != '>') return false;
                    continue;
                }
                if (x == ' ' || x == '\n' || x == '\r' || x == '\t' || x == '\f' || x == 0) {
                    if (x == 0) return false;
                    continue;
                }
                int v = Character.digit(x, 16);
                if (v < 0) return false;
                if (hi < 0) {
                    hi = v;
                } else {
                    if (produced >= contents.length || (byte) (hi << 4 | v) != contents[produced]) return false;
                    produced++;
                    hi = -1;
                }
            }
            pos += n;
        }
        if (hi >= 0) { // odd number of digits: the last one is followed by an implied 0
            if (produced >= contents.length || (byte) (hi << 4) != contents[produced]) return false;
            produced++;
        }
        return produced == contents.length;
    }

    // ---------------------------------------------------------------- document timestamps (PAdES-LTA)

    /**
     * A document timestamp covers the bytes before it only when it is intact, its ByteRange is
     * well formed, its algorithms pass the policy and the configured {@link CertificateValidator}
     * accepts the TSA certificate at the timestamp's time. Without a validator none counts: an
     * untrusted "timestamp" anyone can make must not paper over bytes added after signing.
     */
    private Checked checkTimestamp(FileChannel ch, long length, Candidate c, String name, List<String> problems) {
        Checked k = new Checked(c, name + " document timestamp");
        k.signingTime = c.pdfTime();
        if (!checkRanges(ch, length, c, k) || c.contents() == null) {
            if (c.contents() == null) k.add(ReasonCode.SIGNATURE_INVALID, "no /Contents");
            problems.add(k.location + " does not verify: " + k.problems);
            return k;
        }
        try {
            TimeStampToken tst = new TimeStampToken(contentInfo(c.contents()));
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> tsa = tst.getCertificates().getMatches(tst.getSID());
            if (tsa.isEmpty()) throw new IllegalArgumentException("the timestamp does not carry the TSA certificate");
            X509Certificate tsaCert = toX509(tsa.iterator().next());
            if (tsaCert == null) throw new IllegalArgumentException("the TSA certificate cannot be read");
            k.signer = tsaCert;
            k.certificates = allCertificates(tst.getCertificates());
            k.signingTime = tst.getTimeStampInfo().getGenTime().toInstant();
            // BC requires the certificate here: it also checks the TSA certificate (validity at genTime, timeStamping EKU)
            tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(CertUtil.bouncyCastle().getName()).build(tsaCert));
            String alg = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
            MessageDigest md = MessageDigest.getInstance(alg, CertUtil.bouncyCastle().getName());
            try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
                new RangeContent(ch, c.ranges()).write(out);
            }
            if (!MessageDigest.isEqual(md.digest(), tst.getTimeStampInfo().getMessageImprintDigest())) {
                k.add(ReasonCode.SIGNATURE_TAMPERED, "the timestamped bytes were changed");
            }
            SignerInformation si = tst.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
            String keyAlg = keyAlgorithm(si.getEncryptionAlgOID());
            k.algorithm = digestName(si.getDigestAlgOID()) + "with" + keyAlg;
            policyCheck(k, k.algorithm);
            policyCheck(k, digestName(alg) + " (message imprint)");
        } catch (Exception e) {
            k.add(ReasonCode.SIGNATURE_INVALID, "document timestamp does not verify (" + describe(e) + ")");
        }
        if (!k.intact() || !k.shapeOk || k.problems.stream().anyMatch(f -> !f.isWarning())) {
            problems.add(k.location + " does not verify and covers nothing: " + k.problems);
            return k;
        }
        if (timestampValidator == null) {
            problems.add(k.location + " verifies but is not counted as covering the file: no TSA certificate validation is configured");
            return k;
        }
        try {
            CertificateCheck cc = timestampValidator.check(k.signer, k.certificates, k.signingTime);
            if (cc == null || !cc.valid()) {
                problems.add(k.location + " covers nothing: its TSA certificate is not accepted" + (cc == null ? "" : " " + cc.problems()));
                return k;
            }
        } catch (RuntimeException e) {
            problems.add(k.location + " covers nothing: the TSA certificate cannot be checked (" + describe(e) + ")");
            return k;
        }
        k.covers = true;
        return k;
    }

    // ---------------------------------------------------------------- coverage

    /**
     * Only the end of the file must be covered: bytes after a signature's revision are fine when a
     * later intact signature (or document timestamp) with a well-formed ByteRange covers them.
     */
    private static void coverage(List<Checked> checked, long length) {
        // walk from the latest revision to the earliest, remembering the furthest intact coverage seen
        long coveredTo = -1;
        for (int i = checked.size() - 1; i >= 0; i--) {
            Checked k = checked.get(i);
            long end = k.candidate.end();
            if (end < 0 || end > length) continue; // malformed or truncated: already refused
            boolean sig = !k.candidate.isTimestamp();
            if (sig && k.shapeOk) {
                long effective = Math.max(end, coveredTo);
                if (effective < length) {
                    long uncovered = length - effective;
                    String who = end == effective ? "this signature" : "this signature or any intact later signature";
                    k.add(ReasonCode.SIGNATURE_PARTIAL, uncovered + " byte(s) at the end of the file (from byte " + effective + " of " + length
                            + ") are not covered by " + who + ": the file was changed after signing, e.g. by an incremental update");
                }
            }
            boolean counts = sig ? k.shapeOk && k.intact() : k.covers;
            if (counts) coveredTo = Math.max(coveredTo, end);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void policyCheck(Checked k, String algorithm) {
        Optional<Finding> f = policy.check(algorithm);
        f.ifPresent(x -> {
            boolean dup = k.problems.stream().anyMatch(p -> p.reason() == x.reason());
            if (!dup) k.add(x.reason(), x.detail());
        });
    }

    /**
     * The CMS ContentInfo at the start of /Contents. The hole is zero-padded after the DER object
     * and Bouncy Castle refuses trailing data in {@code CMSSignedData(byte[])}, so read one object.
     */
    static ContentInfo contentInfo(byte[] contents) throws CMSException {
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            ASN1Primitive p = in.readObject();
            if (p == null) throw new CMSException("empty signature value");
            return ContentInfo.getInstance(p);
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new CMSException("not a CMS ContentInfo: " + e.getMessage(), e);
        }
    }

    private static Instant signingTime(SignerInformation si) {
        try {
            AttributeTable t = si.getSignedAttributes();
            if (t == null) return null;
            Attribute a = t.get(CMSAttributes.signingTime);
            if (a == null || a.getAttrValues().size() == 0) return null;
            return Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Every readable certificate of a CMS / timestamp certificate store; unreadable ones are skipped. */
    private static List<X509Certificate> allCertificates(Store<X509CertificateHolder> store) {
        List<X509Certificate> all = new ArrayList<>();
        for (X509CertificateHolder h : store.getMatches(null)) {
            X509Certificate x = toX509(h);
            if (x != null) all.add(x);
        }
        return all;
    }

    private static X509Certificate toX509(X509CertificateHolder h) {
        try (InputStream in = new ByteArrayInputStream(h.getEncoded())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            try {
                return new JcaX509CertificateConverter().setProvider(CertUtil.bouncyCastle().getName()).getCertificate(h);
            } catch (Exception e2) {
                return null;
            }
        }
    }

    private static final Map<String, String> DIGESTS = Map.ofEntries(
            Map.entry("1.2.840.113549.2.2", "MD2"),
            Map.entry("1.2.840.113549.2.5", "MD5"),
            Map.entry("1.3.14.3.2.26", "SHA1"),
            Map.entry("2.16.840.1.101.3.4.2.4", "SHA224"),
            Map.entry("2.16.840.1.101.3.4.2.1", "SHA256"),
            Map.entry("2.16.840.1.101.3.4.2.2", "SHA384"),
            Map.entry("2.16.840.1.101.3.4.2.3", "SHA512"),
            Map.entry("2.16.840.1.101.3.4.2.7", "SHA3-224"),
            Map.entry("2.16.840.1.101.3.4.2.8", "SHA3-256"),
            Map.entry("2.16.840.1.101.3.4.2.9", "SHA3-384"),
            Map.entry("2.16.840.1.101.3.4.2.10", "SHA3-512"));

    /** Hash named by a combined signature algorithm OID (sha256WithRSAEncryption, ecdsa-with-SHA1, ...). */
    private static final Map<String, String> EMBEDDED_DIGEST = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.2", "MD2"),
            Map.entry("1.2.840.113549.1.1.4", "MD5"),
            Map.entry("1.2.840.113549.1.1.5", "SHA1"),
            Map.entry("1.2.840.113549.1.1.14", "SHA224"),
            Map.entry("1.2.840.113549.1.1.11", "SHA256"),
            Map.entry("1.2.840.113549.1.1.12", "SHA384"),
            Map.entry("1.2.840.113549.1.1.13", "SHA512"),
            Map.entry("1.2.840.10045.4.1", "SHA1"),
            Map.entry("1.2.840.10045.4.3.1", "SHA224"),
            Map.entry("1.2.840.10045.4.3.2", "SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "SHA384"),
            Map.entry("1.2.840.10045.4.3.4", "SHA512"),
            Map.entry("1.2.840.10040.4.3", "SHA1"),
            Map.entry("2.16.840.1.101.3.4.3.2", "SHA256"));

    static String digestName(String oid) {
        String n = DIGESTS.get(oid);
        return n != null ? n : algorithmName(oid);
    }

    static String keyAlgorithm(String oid) {
        if (oid == null) return "?";
        if (oid.startsWith("1.2.840.113549.1.1.")) return oid.equals("1.2.840.113549.1.1.10") ? "RSAandMGF1" : "RSA";
        if (oid.equals("1.2.840.10045.2.1") || oid.startsWith("1.2.840.10045.4.")) return "ECDSA";
        if (oid.startsWith("1.2.840.10040.4.") || oid.startsWith("2.16.840.1.101.3.4.3.")) return "DSA";
        if (oid.equals("1.3.101.112")) return "Ed25519";
        if (oid.equals("1.3.101.113")) return "Ed448";
        return algorithmName(oid);
    }

    private static String algorithmName(String oid) {
        try {
            String n = new DefaultAlgorithmNameFinder().getAlgorithmName(new ASN1ObjectIdentifier(oid));
            return n == null ? oid : n;
        } catch (RuntimeException e) {
            return String.valueOf(oid);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /**
     * Streams through the file looking for traces of a signature ({@code /ByteRange}, or a signature
     * SubFilter name); used only when PDFBox found no signature or could not read the file.
     */
    static boolean containsMarker(Path pdf) {
        try (FileChannel ch = FileChannel.open(pdf, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            int keep = 0;
            for (byte[] m : MARKERS) keep = Math.max(keep, m.length - 1);
            byte[] window = new byte[BUFFER + keep];
            int carried = 0;
            while (true) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) return false;
                System.arraycopy(buf.array(), 0, window, carried, n);
                int len = carried + n;
                for (byte[] m : MARKERS) if (indexOf(window, len, m) >= 0) return true;
                carried = Math.min(keep, len);
                System.arraycopy(window, len - carried, window, 0, carried);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int indexOf(byte[] hay, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** The signed bytes: the ByteRange pairs read from the file, streamed, never held in memory. */
    static final class RangeContent implements CMSTypedData {
        private final FileChannel ch;
        private final long[] ranges;

        RangeContent(FileChannel ch, long[] ranges) {
            this.ch = ch;
            this.ranges = ranges.clone();
        }

        @Override
        public ASN1ObjectIdentifier getContentType() { return CMSObjectIdentifiers.data; }

        @Override
        public void write(OutputStream out) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            for (int i = 0; i < ranges.length; i += 2) {
                long pos = ranges[i];
                long remaining = ranges[i + 1];
                while (remaining > 0) {
                    buf.clear();
                    buf.limit((int) Math.min(buf.capacity(), remaining));
                    int n = ch.read(buf, pos);
                    if (n <= 0) throw new EOFException("the file ends at byte " + pos + " inside the signed byte range");
                    out.write(buf.array(), 0, n);
                    pos += n;
                    remaining -= n;
                }
            }
        }

        /** Not available as an object: the content is only ever streamed. */
        @Override
        public Object getContent() { return null; }
    }
}
