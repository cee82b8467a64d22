package vn.lienthong.signature.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.CertificateCheck;
import vn.lienthong.signature.CertificateValidator;
import vn.lienthong.signature.SignerRole;
import vn.lienthong.signature.SignatureFound;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

class PdfSignatureVerifierTest {

    private static final Instant T1 = Instant.parse("2025-03-14T02:30:00Z");
    private static final Instant T2 = Instant.parse("2025-03-14T03:15:00Z");
    private static final Path VIETNAMESE_FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private static PdfTestPki pki;
    private final PdfSignatureVerifier strict = new PdfSignatureVerifier(AlgorithmPolicy.strict());
    private final PdfSignatureVerifier lenient = new PdfSignatureVerifier(new AlgorithmPolicy(true));

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        pki = PdfTestPki.get();
    }

    // ------------------------------------------------------------------ valid signatures

    @ParameterizedTest
    @EnumSource(PdfSigner.Format.class)
    void oneValidSignature(PdfSigner.Format format) throws Exception {
        Path signed = signed(unsigned(), pki.person, format, T1);

        List<SignatureFound> found = strict.verify(signed, "qd-12.pdf");

        assertEquals(1, found.size());
        SignatureFound s = found.get(0);
        assertTrue(s.cryptographicallyValid(), () -> s.problems().toString());
        assertEquals(List.of(), s.problems());
        assertEquals("PDF", s.kind());
        assertEquals("qd-12.pdf #1", s.location());
        assertEquals(pki.person.cert(), s.signer());
        assertTrue(s.certificates().containsAll(pki.person.chain()));
        assertEquals("SHA256withRSA", s.algorithm());
        assertEquals(T1, s.signingTime()); // CMS signing-time (PKCS7) or /M (PAdES: no CMS signing-time)
        assertSubFilter(signed, format.subFilter());
    }

    @Test
    void personThenOrganisation_bothValid_firstCoversItsRevision() throws Exception {
        Path byPerson = signed(unsigned(), pki.person, PdfSigner.Format.PKCS7_DETACHED, T1);
        Path both = dir.resolve("both.pdf");
        signer(pki.organisation, PdfSigner.Format.PADES_BASELINE_B).sign(byPerson, both, T2);

        List<SignatureFound> found = strict.verify(both, "qd-12.pdf");

        assertEquals(2, found.size());
        assertEquals("qd-12.pdf #1", found.get(0).location());
        assertEquals("qd-12.pdf #2", found.get(1).location());
        assertEquals(pki.person.cert(), found.get(0).signer());
        assertEquals(pki.organisation.cert(), found.get(1).signer());
        assertEquals(T1, found.get(0).signingTime());
        assertEquals(T2, found.get(1).signingTime());
        found.forEach(s -> assertEquals(List.of(), s.problems(), s.location()));
        // the first signature covers exactly the person's revision, which is a prefix of the final file
        long firstRevision = Files.size(byPerson);
        assertTrue(Files.size(both) > firstRevision);
        assertArrayEquals(Files.readAllBytes(byPerson), Arrays.copyOf(Files.readAllBytes(both), (int) firstRevision));
    }

    @Test
    void signingInPlace_keepsEarlierSignature() throws Exception {
        Path file = signed(unsigned(), pki.person, PdfSigner.Format.PADES_BASELINE_B, T1);
        signer(pki.organisation, PdfSigner.Format.PADES_BASELINE_B).sign(file, file, T2);

        List<SignatureFound> found = strict.verify(file, "qd.pdf");

        assertEquals(2, found.size());
        found.forEach(s -> assertTrue(s.cryptographicallyValid(), s.problems().toString()));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".signing-")), "no temporary file left");
        }
    }

    // ------------------------------------------------------------------ tampering and coverage

    @Test
    void byteChangedInPageContent_isTampered() throws Exception {
        Path signed = signed(unsigned(), pki.person, PdfSigner.Format.PADES_BASELINE_B, T1);
        byte[] bytes = Files.readAllBytes(signed);
        int at = indexOf(bytes, "12/QD-UBND".getBytes(StandardCharsets.US_ASCII));
        assertTrue(at > 0, "the decision number is in an uncompressed content stream");
        bytes[at + 1] = '3'; // số 12 -> số 13
        Files.write(signed, bytes);

        SignatureFound s = only(strict.verify(signed, "qd.pdf"));

        assertFalse(s.cryptographicallyValid());
        assertEquals(Set.of(ReasonCode.SIGNATURE_TAMPERED), codes(s));
        assertEquals(pki.person.cert(), s.signer(), "the signer is still reported");
    }

    @Test
    void incrementalUpdateAfterSigning_isNotCovered() throws Exception {
        Path signed = signed(unsigned(), pki.person, PdfSigner.Format.PADES_BASELINE_B, T1);
        Path changed = dir.resolve("changed.pdf");
        try (PDDocument doc = Loader.loadPDF(signed.toFile()); OutputStream out = Files.newOutputStream(changed)) {
            PDPage page = doc.getPage(0);
            page.setRotation(90);
            doc.saveIncremental(out, Set.of(page.getCOSObject()));
        }
        long added = Files.size(changed) - Files.size(signed);
        assertTrue(added > 0);

        SignatureFound s = only(strict.verify(changed, "qd.pdf"));

        assertFalse(s.cryptographicallyValid());
        assertEquals(Set.of(ReasonCode.SIGNATURE_PARTIAL), codes(s));
        assertTrue(s.problems().get(0).detail().startsWith("qd.pdf #1: " + added + " byte(s)"), s.problems().get(0).detail());
    }

    @Test
    void bytesAppendedAfterTwoSignatures_bothReportTheUncoveredTail() throws Exception {
        Path both = dir.resolve("both.pdf");
        signer(pki.organisation, PdfSigner.Format.PADES_BASELINE_B)
                .sign(signed(unsigned(), pki.person, PdfSigner.Format.PADES_BASELINE_B, T1), both, T2);
        Files.write(both, "\n% appended after signing\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);

        List<SignatureFound> found = strict.verify(both, "qd.pdf");

        assertEquals(2, found.size());
        found.forEach(s -> assertEquals(Set.of(ReasonCode.SIGNATURE_PARTIAL), codes(s), s.location()));
    }

    @Test
    void corruptedSignatureValue_isInvalid() throws Exception {
        Path signed = signed(unsigned(), pki.person, PdfSigner.Format.PADES_BASELINE_B, T1);
        byte[] bytes = Files.readAllBytes(signed);
        // the RSA signature value is the last thing in the CMS, just before the zero padding of /Contents
        int open = indexOf(bytes, "/Contents <".getBytes(StandardCharsets.US_ASCII)) + "/Contents ".length();
        int close = open;
        while (bytes[close] != '>') close++;
        int last = close - 1;
        while (bytes[last] == '0') last--;
        int at = last - 20;
        bytes[at] = (byte) (bytes[at] == 'A' ? 'B' : 'A');
        Files.write(signed, bytes);

        SignatureFound s = only(strict.verify(signed, "qd.pdf"));

        assertEquals(Set.of(ReasonCode.SIGNATURE_INVALID), codes(s));
    }

    @Test
    void truncatedSignedFile_isRefusedNotUnsigned() throws Exception {
        Path signed = signed(unsigned(), pki.person, PdfSigner.Format.PADES_BASELINE_B, T1);
        byte[] bytes = Files.readAllBytes(signed);
        Files.write(signed, Arrays.copyOf(bytes, bytes.length - 200));

        List<SignatureFound> found = assertDoesNotThrow(() -> strict.verify(signed, "qd.pdf"));

        assertEquals(1, found.size());
        assertFalse(found.get(0).cryptographicallyValid());
        assertTrue(codes(found.get(0)).contains(ReasonCode.SIGNATURE_TAMPERED)
                || codes(found.get(0)).contains(ReasonCode.SIGNATURE_INVALID), found.get(0).problems().toString());
    }

    @Test
    void signingCertificateAttributeNamingAnotherCertificate_isInvalid() throws Exception {
        Path signed = dir.resolve("substituted.pdf");
        // signed with the person's key, but the ESS attribute binds the organisation's certificate
        X509Certificate other = pki.organisation.cert();
        byte[] otherHash = MessageDigest.getInstance("SHA-256").digest(other.getEncoded());
        customSign(unsigned(), signed, PDSignature.SUBFILTER_ETSI_CADES_DETACHED, content -> {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(
                            new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                                    new DERSet(new SigningCertificateV2(new ESSCertIDv2(otherHash)))))))
                    .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider("BC").build(pki.person.key()), pki.person.cert()));
            gen.addCertificates(new JcaCertStore(pki.person.chain()));
            return gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
        });

        SignatureFound s = only(strict.verify(signed, "qd.pdf"));

        assertEquals(Set.of(ReasonCode.SIGNATURE_INVALID), codes(s));
        assertTrue(s.problems().get(0).detail().contains("signing-certificate-v2"), s.problems().toString());
    }

    // ------------------------------------------------------------------ algorithms

    @Test
    void sha1Digest_refusedWhenStrict_warnedWhenAllowed() throws Exception {
        Path signed = dir.resolve("sha1.pdf");
        signer(pki.person, PdfSigner.Format.PKCS7_DETACHED).withSignatureAlgorithm("SHA1withRSA").sign(unsigned(), signed, T1);

        SignatureFound strictResult = only(strict.verify(signed, "qd.pdf"));
        SignatureFound lenientResult = only(lenient.verify(signed, "qd.pdf"));

        assertEquals("SHA1withRSA", strictResult.algorithm());
        assertEquals(Set.of(ReasonCode.ALGORITHM_WEAK), codes(strictResult));
        assertFalse(strictResult.cryptographicallyValid());
        assertEquals(Set.of(ReasonCode.W_WEAK_ALGORITHM), codes(lenientResult));
        assertTrue(lenientResult.cryptographicallyValid());
    }

    @Test
    void legacyAdbePkcs7Sha1_verifiedAndWeak() throws Exception {
        Path signed = dir.resolve("legacy.pdf");
        legacySha1Sign(unsigned(), signed);

        SignatureFound strictResult = only(strict.verify(signed, "qd.pdf"));
        SignatureFound lenientResult = only(lenient.verify(signed, "qd.pdf"));

        assertEquals(Set.of(ReasonCode.ALGORITHM_WEAK), codes(strictResult));
        assertEquals(Set.of(ReasonCode.W_WEAK_ALGORITHM), codes(lenientResult));
        assertEquals(pki.person.cert(), lenientResult.signer());
        assertEquals(T1, lenientResult.signingTime());

        byte[] bytes = Files.readAllBytes(signed);
        int at = indexOf(bytes, "12/QD-UBND".getBytes(StandardCharsets.US_ASCII));
        bytes[at + 1] = '3';
        Files.write(signed, bytes);
        assertEquals(Set.of(ReasonCode.SIGNATURE_TAMPERED, ReasonCode.W_WEAK_ALGORITHM), codes(only(lenient.verify(signed, "qd.pdf"))));
    }

    // ------------------------------------------------------------------ document timestamp (PAdES-LTA)

    @Test
    void documentTimestamp_coversTheTailOnlyWhenItsTsaIsAccepted() throws Exception {
        Path signed = signed(unsigned(), pki.organisation, PdfSigner.Format.PADES_BASELINE_B, T1);
        Path stamped = dir.resolve("stamped.pdf");
        documentTimestamp(signed, stamped);
        CertificateValidator acceptsTestTsa = (cert, others, at) -> new CertificateCheck(cert, List.of(), SignerRole.UNKNOWN,
                cert.equals(pki.tsa.cert()) && at.equals(T2) ? List.of() : List.of(Finding.of(ReasonCode.CERT_UNTRUSTED, "not the test TSA")));
        CertificateValidator rejectsAll = (cert, others, at) -> new CertificateCheck(cert, List.of(), SignerRole.UNKNOWN,
                List.of(Finding.of(ReasonCode.CERT_UNTRUSTED, "untrusted TSA")));

        PdfSignatureVerifier.Inspection trusted = new PdfSignatureVerifier(AlgorithmPolicy.strict(), acceptsTestTsa).inspect(stamped, "qd.pdf");
        PdfSignatureVerifier.Inspection untrusted = new PdfSignatureVerifier(AlgorithmPolicy.strict(), rejectsAll).inspect(stamped, "qd.pdf");
        PdfSignatureVerifier.Inspection noTsaValidation = strict.inspect(stamped, "qd.pdf");

        assertEquals(1, trusted.signatures().size(), "the timestamp is not reported as a signature");
        assertEquals(List.of(), trusted.signatures().get(0).problems());
        assertEquals(List.of(), trusted.problems());
        // anyone can make a timestamp: unless its TSA is accepted it must not cover bytes added after signing
        assertEquals(Set.of(ReasonCode.SIGNATURE_PARTIAL), codes(only(untrusted.signatures())));
        assertEquals(Set.of(ReasonCode.SIGNATURE_PARTIAL), codes(only(noTsaValidation.signatures())));
        assertEquals(1, noTsaValidation.problems().size());

        // an update after the timestamp is not covered by anything
        Files.write(stamped, "\n%x\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertEquals(Set.of(ReasonCode.SIGNATURE_PARTIAL),
                codes(only(new PdfSignatureVerifier(AlgorithmPolicy.strict(), acceptsTestTsa).verify(stamped, "qd.pdf"))));
    }

    // ------------------------------------------------------------------ unsigned and bad input

    @Test
    void unsignedPdf_hasNoSignatures() throws Exception {
        PdfSignatureVerifier.Inspection in = strict.inspect(unsigned(), "qd.pdf");
        assertEquals(List.of(), in.signatures());
        assertEquals(List.of(), in.problems());
    }

    @Test
    void badInput_neverThrows() throws Exception {
        Path random = dir.resolve("random.pdf");
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Files.write(random, noise);
        Path text = dir.resolve("text.pdf");
        Files.writeString(text, "Quyết định số 12/QĐ-UBND — not a PDF at all");
        Path empty = Files.createFile(dir.resolve("empty.pdf"));
        Path fakeHeader = dir.resolve("fake.pdf");
        Files.writeString(fakeHeader, "%PDF-1.7\n1 0 obj << /ByteRange [0 1 2 3] /Contents <00> >>\n%%EOF");

        for (Path p : List.of(random, text, empty, dir.resolve("missing.pdf"))) {
            PdfSignatureVerifier.Inspection in = assertDoesNotThrow(() -> strict.inspect(p, "x.pdf"), p.toString());
            assertEquals(List.of(), in.signatures(), p.toString());
            assertFalse(in.problems().isEmpty(), p + " says why");
        }
        // a file that shows traces of a signature but cannot be read is refused, not treated as unsigned
        SignatureFound damaged = only(assertDoesNotThrow(() -> strict.verify(fakeHeader, "x.pdf")));
        assertNull(damaged.signer());
        assertEquals("x.pdf #1", damaged.location());
        assertEquals(Set.of(ReasonCode.SIGNATURE_INVALID), codes(damaged));
        assertDoesNotThrow(() -> strict.verify(null, null));
    }

    @Test
    void gapCheck_acceptsExactlyTheContentsHexString() throws Exception {
        Path f = dir.resolve("gap.bin");
        Files.writeString(f, "xx<0A0b\nFF>yy", StandardCharsets.US_ASCII);
        byte[] value = {0x0a, 0x0b, (byte) 0xff};
        try (FileChannel ch = FileChannel.open(f)) {
            assertTrue(PdfSignatureVerifier.gapIsContents(ch, 2, 11, value));
            assertFalse(PdfSignatureVerifier.gapIsContents(ch, 2, 11, new byte[] {0x0a, 0x0b}));
            assertFalse(PdfSignatureVerifier.gapIsContents(ch, 1, 11, value));
            assertFalse(PdfSignatureVerifier.gapIsContents(ch, 2, 12, value));
        }
    }

    // ------------------------------------------------------------------ helpers

    private Path unsigned() throws IOException {
        Path p = Files.createTempFile(dir, "qd-", ".pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDFont ascii = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
                cs.beginText();
                cs.newLineAtOffset(72, 760);
                if (Files.isReadable(VIETNAMESE_FONT)) {
                    cs.setFont(PDType0Font.load(doc, VIETNAMESE_FONT.toFile()), 14);
                    cs.showText("Quyết định số 12/QĐ-UBND");
                    cs.newLineAtOffset(0, -20);
                }
                cs.setFont(ascii, 12);
                cs.showText("So: 12/QD-UBND");
                cs.endText();
            }
            doc.save(p.toFile());
        }
        return p;
    }

    private Path signed(Path in, PdfTestPki.Identity who, PdfSigner.Format format, Instant when) throws IOException {
        Path out = Files.createTempFile(dir, "signed-", ".pdf");
        signer(who, format).sign(in, out, when);
        return out;
    }

    private static PdfSigner signer(PdfTestPki.Identity who, PdfSigner.Format format) {
        return new PdfSigner(who.key(), who.chain()).withFormat(format).withReason("Ký ban hành").withLocation("Thử Nghiệm");
    }

    /** The legacy adbe.pkcs7.sha1 form: the CMS encapsulates the SHA-1 digest of the byte ranges. */
    private static void legacySha1Sign(Path in, Path out) throws IOException {
        customSign(in, out, PDSignature.SUBFILTER_ADBE_PKCS7_SHA1, content -> {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(content);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider("BC").build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(
                            new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(T1)))))))
                    .build(new JcaContentSignerBuilder("SHA1withRSA").setProvider("BC").build(pki.person.key()), pki.person.cert()));
            gen.addCertificates(new JcaCertStore(pki.person.chain()));
            return gen.generate(new CMSProcessableByteArray(sha1), true).getEncoded();
        });
    }

    interface CmsMaker {
        byte[] cms(byte[] signedBytes) throws Exception;
    }

    /** Signs with a hand-made CMS (the test is small, so the signed bytes fit in memory here). */
    private static void customSign(Path in, Path out, COSName subFilter, CmsMaker maker) throws IOException {
        try (PDDocument doc = Loader.loadPDF(in.toFile()); SignatureOptions opt = new SignatureOptions();
             OutputStream os = Files.newOutputStream(out)) {
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(subFilter);
            sig.setSignDate(calendar(T1));
            doc.addSignature(sig, content -> {
                try {
                    return maker.cms(content.readAllBytes());
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }, opt);
            doc.saveIncremental(os);
        }
    }

    /** A PAdES-LTA style document timestamp (ETSI.RFC3161) from the test TSA. */
    private static void documentTimestamp(Path in, Path out) throws IOException {
        try (PDDocument doc = Loader.loadPDF(in.toFile()); SignatureOptions opt = new SignatureOptions();
             OutputStream os = Files.newOutputStream(out)) {
            PDSignature sig = new PDSignature();
            sig.setType(COSName.DOC_TIME_STAMP);
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(COSName.getPDFName("ETSI.RFC3161"));
            opt.setPreferredSignatureSize(12000);
            doc.addSignature(sig, content -> {
                try {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.readAllBytes());
                    TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
                            new JcaSimpleSignerInfoGeneratorBuilder().setProvider("BC").build("SHA256withRSA", pki.tsa.key(), pki.tsa.cert()),
                            new JcaDigestCalculatorProviderBuilder().setProvider("BC").build().get(
                                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256)),
                            new ASN1ObjectIdentifier("1.2.3.4.1"));
                    gen.addCertificates(new JcaCertStore(pki.tsa.chain()));
                    TimeStampRequestGenerator request = new TimeStampRequestGenerator();
                    request.setCertReq(true);
                    return gen.generate(request.generate(TSPAlgorithms.SHA256, digest), BigInteger.ONE,
                            Date.from(T2)).getEncoded();
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }, opt);
            doc.saveIncremental(os);
        }
    }

    private static Calendar calendar(Instant t) {
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("GMT+07:00"));
        c.setTimeInMillis(t.toEpochMilli());
        return c;
    }

    private static void assertSubFilter(Path pdf, String subFilter) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(subFilter, doc.getLastSignatureDictionary().getSubFilter());
        }
    }

    private static SignatureFound only(List<SignatureFound> found) {
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static Set<ReasonCode> codes(SignatureFound s) {
        return s.problems().stream().map(Finding::reason).collect(java.util.stream.Collectors.toSet());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
