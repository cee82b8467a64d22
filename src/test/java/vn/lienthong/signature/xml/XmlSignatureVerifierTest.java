package vn.lienthong.signature.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.lienthong.signature.xml.XmlSupport.DSIG_NS;
import static vn.lienthong.signature.xml.XmlSupport.QCVN_NS;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.SignatureFound;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

class XmlSignatureVerifierTest {
    static final Instant SIGNED_AT = Instant.parse("2026-11-21T02:15:00Z");
    static final Clock CLOCK = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);

    static XmlTestPki pki;
    static byte[] signedSample;

    final XmlSignatureVerifier strict = new XmlSignatureVerifier(AlgorithmPolicy.strict());

    @TempDir
    Path dir;

    @BeforeAll
    static void signOnce(@TempDir Path tmp) throws Exception {
        pki = XmlTestPki.get();
        Path out = tmp.resolve("signed.edxml");
        new XmlSigner().sign(XmlTestPki.sample("edoc_new.edxml"), out, pki.signer.key(), pki.chain(), CLOCK);
        signedSample = Files.readAllBytes(out);
    }

    // --- valid ---------------------------------------------------------------------------------------

    @Test
    void gatewaySignatureVerifies() throws Exception {
        SignatureFound s = only(strict.verify(write(signedSample)));
        assertEquals(XmlSignatureVerifier.KIND, s.kind());
        assertEquals("envelope", s.location());
        assertTrue(s.cryptographicallyValid(), s.problems()::toString);
        assertEquals(List.of(), s.problems());
        assertEquals(pki.signer.cert(), s.signer());
        assertEquals(pki.chain(), s.certificates());
        assertEquals(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, s.algorithm());
        assertEquals(SIGNED_AT, s.signingTime());
    }

    @Test
    void signerReplacesTheQcvnSignatureWithAnXmlDsigOneAtTheEndOfTheHeader() throws Exception {
        Document doc = parse(signedSample);
        assertEquals(0, doc.getElementsByTagNameNS(QCVN_NS, "Signature").getLength());
        Element sig = (Element) doc.getElementsByTagNameNS(DSIG_NS, "Signature").item(0);
        assertEquals("edXMLHeader", sig.getParentNode().getLocalName());
        Node next = sig.getNextSibling();
        while (next != null && next.getNodeType() == Node.TEXT_NODE) next = next.getNextSibling();
        assertNull(next, "Signature is the last element of edXMLHeader");
        String xml = new String(signedSample, StandardCharsets.UTF_8);
        assertTrue(xml.contains(">2026-11-21T09:15:00+07:00</lt:SigningTime>"), "signing time in +07:00");
        assertTrue(xml.contains("Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\""));
        assertTrue(xml.contains("Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\""));
    }

    @Test
    void signingTimeRoundTripsInVietnamTime() throws Exception {
        Instant t = Instant.parse("2027-01-01T16:59:59Z"); // 23:59:59+07:00
        Path out = dir.resolve("t.edxml");
        new XmlSigner().sign(XmlTestPki.sample("edoc_new.edxml"), out, pki.signer.key(), pki.chain(), Clock.fixed(t, ZoneOffset.UTC));
        assertTrue(Files.readString(out).contains("2027-01-01T23:59:59+07:00"));
        assertEquals(t, only(strict.verify(out)).signingTime());
    }

    @Test
    void ecdsaSignatureVerifies() throws Exception {
        Path out = dir.resolve("ec.edxml");
        new XmlSigner().sign(XmlTestPki.sample("edoc_new.edxml"), out, pki.ecSigner.key(),
                List.of(pki.ecSigner.cert(), pki.ca.cert()), CLOCK);
        SignatureFound s = only(strict.verify(out));
        assertTrue(s.cryptographicallyValid(), s.problems()::toString);
        assertEquals(XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256, s.algorithm());
        assertEquals(pki.ecSigner.cert(), s.signer());
    }

    @Test
    void inputStreamVariantVerifies() {
        SignatureFound s = only(strict.verify(new ByteArrayInputStream(signedSample)));
        assertTrue(s.cryptographicallyValid(), s.problems()::toString);
    }

    @Test
    void referenceToTheRootByIdCounts() throws Exception {
        Document doc = parse(XmlTestPki.sample("edoc_new.edxml"));
        Element q = (Element) doc.getElementsByTagNameNS(QCVN_NS, "Signature").item(0);
        Element header = (Element) q.getParentNode();
        header.removeChild(q);
        doc.getDocumentElement().setAttributeNS(null, "Id", "pkg");
        doc.getDocumentElement().setIdAttributeNS(null, "Id", true);
        XMLSignature xs = new XMLSignature(doc, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        header.appendChild(xs.getElement());
        Transforms t = new Transforms(doc);
        t.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        t.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        xs.addDocument("#pkg", t, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
        xs.addKeyInfo(pki.signer.cert());
        xs.sign(pki.signer.key());
        SignatureFound s = only(strict.verify(write(doc)));
        assertTrue(s.cryptographicallyValid(), s.problems()::toString);
        assertNull(s.signingTime());
    }

    @Test
    void unsignedPackageHasNoSignature() {
        assertEquals(List.of(), strict.verify(XmlTestPki.sample("status.edxml")));
    }

    // --- tampering -----------------------------------------------------------------------------------

    @Test
    void tamperedSubjectIsTampered() throws Exception {
        String xml = new String(signedSample, StandardCharsets.UTF_8);
        String subject = "<edXML:Subject>V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject>";
        assertTrue(xml.contains(subject));
        String tampered = xml.replace(subject, "<edXML:Subject>V/v kết nối, liên thông phần mềm quản lý văn bản (sửa)</edXML:Subject>");
        SignatureFound s = only(strict.verify(write(tampered.getBytes(StandardCharsets.UTF_8))));
        assertFalse(s.cryptographicallyValid());
        assertEquals(List.of(Finding.of(ReasonCode.SIGNATURE_TAMPERED, "digest mismatch for Reference URI=\"\"")), s.problems());
        assertEquals(SIGNED_AT, s.signingTime(), "the signing time itself is authentic");
    }

    @Test
    void tamperedAttachmentByteIsTampered() throws Exception {
        String xml = new String(signedSample, StandardCharsets.UTF_8);
        int start = xml.indexOf("ContentTransferEncoded", xml.indexOf("<AttachmentEncoded>"));
        int at = xml.indexOf('>', start) + 5000;
        char c = xml.charAt(at);
        char other = c == 'A' ? 'B' : 'A';
        String tampered = xml.substring(0, at) + other + xml.substring(at + 1);
        SignatureFound s = only(strict.verify(write(tampered.getBytes(StandardCharsets.UTF_8))));
        assertTrue(s.problems().stream().anyMatch(f -> f.reason() == ReasonCode.SIGNATURE_TAMPERED && f.detail().contains("URI=\"\"")),
                s.problems()::toString);
        assertFalse(s.cryptographicallyValid());
    }

    @Test
    void tamperedSigningTimeIsTamperedAndNotReported() throws Exception {
        String xml = new String(signedSample, StandardCharsets.UTF_8).replace("2026-11-21T09:15:00+07:00", "2026-01-01T09:15:00+07:00");
        SignatureFound s = only(strict.verify(write(xml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(ReasonCode.SIGNATURE_TAMPERED, s.problems().get(0).reason());
        assertTrue(s.problems().get(0).detail().contains("#sigprops-"), s.problems()::toString);
        assertNull(s.signingTime());
    }

    @Test
    void foreignCertificateIsInvalid() throws Exception {
        Document doc = parse(signedSample);
        Element x509 = (Element) doc.getElementsByTagNameNS(DSIG_NS, "X509Data").item(0);
        while (x509.getFirstChild() != null) x509.removeChild(x509.getFirstChild());
        Element c = doc.createElementNS(DSIG_NS, "ds:X509Certificate");
        c.setTextContent(java.util.Base64.getEncoder().encodeToString(pki.stranger.cert().getEncoded()));
        x509.appendChild(c);
        SignatureFound s = only(strict.verify(write(doc)));
        assertFalse(s.cryptographicallyValid());
        assertEquals(ReasonCode.SIGNATURE_INVALID, s.problems().get(0).reason(), s.problems()::toString);
        assertTrue(s.problems().get(0).detail().startsWith("SignatureValue does not verify"));
        assertNull(s.signer(), "nobody proven");
        assertEquals(List.of(pki.stranger.cert()), s.certificates());
    }

    @Test
    void noCertificateIsInvalid() throws Exception {
        Document doc = parse(signedSample);
        Node keyInfo = doc.getElementsByTagNameNS(DSIG_NS, "KeyInfo").item(0);
        keyInfo.getParentNode().removeChild(keyInfo); // KeyInfo is not signed: the signature itself still holds
        SignatureFound s = only(strict.verify(write(doc)));
        assertFalse(s.cryptographicallyValid());
        assertEquals(List.of(Finding.of(ReasonCode.SIGNATURE_INVALID, "no signer certificate (KeyInfo/X509Data/X509Certificate)")),
                s.problems());
        assertNull(s.signer());
    }

    // --- wrapping ------------------------------------------------------------------------------------

    static Stream<Arguments> wrappings() {
        return Stream.of(
                Arguments.of("signature moved into edXMLEnvelope", (Consumer<Document>) d -> move(signature(d), envelope(d))),
                Arguments.of("signature moved under the root", (Consumer<Document>) d -> move(signature(d), d.getDocumentElement())),
                Arguments.of("signature moved into the body", (Consumer<Document>) d -> move(signature(d), first(d, QCVN_NS, "edXMLBody"))),
                Arguments.of("signature duplicated into the body", (Consumer<Document>) d ->
                        first(d, QCVN_NS, "edXMLBody").appendChild(signature(d).cloneNode(true))),
                Arguments.of("signature duplicated in the header", (Consumer<Document>) d ->
                        signature(d).getParentNode().appendChild(signature(d).cloneNode(true))),
                Arguments.of("signed copy of the envelope under the root, reference to it, real envelope altered", (Consumer<Document>) d -> {
                    Element copy = (Element) envelope(d).cloneNode(true);
                    Element copiedSig = first(copy, DSIG_NS, "Signature");
                    copiedSig.getParentNode().removeChild(copiedSig);
                    copy.setAttributeNS(null, "Id", "orig");
                    d.getDocumentElement().appendChild(copy);
                    firstReference(d).setAttributeNS(null, "URI", "#orig");
                    first(d, QCVN_NS, "Subject").setTextContent("forged");
                }),
                Arguments.of("signed copy of the envelope smuggled into ds:Object", (Consumer<Document>) d -> {
                    Element copy = (Element) envelope(d).cloneNode(true);
                    copy.setAttributeNS(null, "Id", "orig");
                    Element obj = d.createElementNS(DSIG_NS, "ds:Object");
                    obj.appendChild(copy);
                    signature(d).appendChild(obj);
                    firstReference(d).setAttributeNS(null, "URI", "#orig");
                }),
                Arguments.of("second edXML root-like element", (Consumer<Document>) d -> {
                    Element fake = d.createElementNS(QCVN_NS, "edXML");
                    fake.appendChild(envelope(d).cloneNode(true));
                    first(d, QCVN_NS, "AttachmentEncoded").appendChild(fake);
                }),
                Arguments.of("message header smuggled into ds:Object", (Consumer<Document>) d -> {
                    Element obj = d.createElementNS(DSIG_NS, "ds:Object");
                    Element mh = d.createElementNS("urn:other", "o:MessageHeader");
                    obj.appendChild(mh);
                    signature(d).appendChild(obj);
                }),
                Arguments.of("reference to another element by id", (Consumer<Document>) d -> {
                    first(d, QCVN_NS, "MessageHeader").setAttributeNS(null, "Id", "mh");
                    firstReference(d).setAttributeNS(null, "URI", "#mh");
                }),
                Arguments.of("duplicated ID: root and another element", (Consumer<Document>) d -> {
                    d.getDocumentElement().setAttributeNS(null, "Id", "pkg");
                    first(d, QCVN_NS, "MessageHeader").setAttributeNS(null, "ID", "pkg");
                    firstReference(d).setAttributeNS(null, "URI", "#pkg");
                }),
                Arguments.of("extra reference to the packet", (Consumer<Document>) d ->
                        firstReference(d).getParentNode().appendChild(firstReference(d).cloneNode(true))),
                Arguments.of("extra reference to an external resource", (Consumer<Document>) d -> {
                    Element r = (Element) firstReference(d).cloneNode(true);
                    r.setAttributeNS(null, "URI", "http://example.org/x");
                    firstReference(d).getParentNode().appendChild(r);
                }),
                Arguments.of("reference without the enveloped transform", (Consumer<Document>) d -> {
                    Element t = first(firstReference(d), DSIG_NS, "Transform");
                    t.getParentNode().removeChild(t);
                }),
                Arguments.of("XPath transform on the packet reference", (Consumer<Document>) d -> {
                    Element t = d.createElementNS(DSIG_NS, "ds:Transform");
                    t.setAttributeNS(null, "Algorithm", "http://www.w3.org/TR/1999/REC-xpath-19991116");
                    Element xp = d.createElementNS(DSIG_NS, "ds:XPath");
                    xp.setTextContent("ancestor-or-self::*[local-name()='edXMLHeader']");
                    t.appendChild(xp);
                    first(firstReference(d), DSIG_NS, "Transforms").appendChild(t);
                }),
                Arguments.of("xpointer reference", (Consumer<Document>) d -> firstReference(d).setAttributeNS(null, "URI", "#xpointer(/)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrappings")
    void wrappingIsRefused(String name, Consumer<Document> attack) throws Exception {
        Document doc = parse(signedSample);
        attack.accept(doc);
        List<SignatureFound> found = strict.verify(write(doc));
        SignatureFound s = only(found);
        assertFalse(s.cryptographicallyValid());
        assertTrue(s.problems().stream().allMatch(f -> f.reason() == ReasonCode.SIGNATURE_WRAPPING), s.problems()::toString);
        assertNotEquals(List.of(), s.problems());
    }

    // --- algorithms ----------------------------------------------------------------------------------

    @Test
    void rsaSha1IsWeak() throws Exception {
        Document doc = parse(XmlTestPki.sample("edoc_new.edxml"));
        new XmlSigner().sign(doc, pki.signer.key(), pki.chain(), CLOCK, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1,
                MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1);
        Path file = write(doc);

        SignatureFound refused = only(strict.verify(file));
        assertFalse(refused.cryptographicallyValid());
        assertEquals(Collections.nCopies(2, ReasonCode.ALGORITHM_WEAK), refused.problems().stream().map(Finding::reason).toList(),
                refused.problems()::toString);

        SignatureFound accepted = only(new XmlSignatureVerifier(new AlgorithmPolicy(true)).verify(file));
        assertTrue(accepted.cryptographicallyValid(), accepted.problems()::toString);
        assertEquals(Collections.nCopies(2, ReasonCode.W_WEAK_ALGORITHM), accepted.problems().stream().map(Finding::reason).toList());
        assertEquals(SIGNED_AT, accepted.signingTime());
    }

    // --- QCVN-namespaced signatures ------------------------------------------------------------------

    @Test
    void sdkSampleSignatureIsNonStandardAndInvalid() {
        for (String name : List.of("edoc_new.edxml", "edoc_update.edxml", "edoc_replacement.edxml", "edoc_revocation.edxml")) {
            SignatureFound s = only(strict.verify(XmlTestPki.sample(name)));
            assertEquals(XmlSignatureVerifier.KIND_QCVN, s.kind(), name);
            assertEquals(List.of(ReasonCode.W_NONSTANDARD_SIGNATURE, ReasonCode.SIGNATURE_INVALID),
                    s.problems().stream().map(Finding::reason).toList(), name);
            assertFalse(s.cryptographicallyValid(), name);
            assertTrue(s.problems().get(1).detail().contains("no signer certificate"), s.problems()::toString);
        }
    }

    /**
     * A genuine signature the way the SDK writes it: an XML-DSig made unprefixed (here with the JDK's
     * own XML-DSig implementation, inclusive c14n as the SDK uses), whose elements then sit in the
     * edXML default namespace.
     */
    @Test
    void qcvnSignatureThatVerifiesAsXmlDsigIsValidButNonStandard() throws Exception {
        Document doc = parse(XmlTestPki.sample("edoc_new.edxml"));
        Element q = first(doc, QCVN_NS, "Signature");
        Element header = (Element) q.getParentNode();
        Node after = q.getNextSibling();
        header.removeChild(q);
        jdkSign(header, after);
        String xml = new String(Files.readAllBytes(write(doc)), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">"), "JDK writes unprefixed XML-DSig");
        SignatureFound standard = only(strict.verify(write(xml.getBytes(StandardCharsets.UTF_8))));
        assertTrue(standard.cryptographicallyValid(), standard.problems()::toString);
        String sdk = xml.replace("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", "<Signature>");

        SignatureFound s = only(strict.verify(write(sdk.getBytes(StandardCharsets.UTF_8))));
        assertEquals(XmlSignatureVerifier.KIND_QCVN, s.kind());
        assertEquals(List.of(ReasonCode.W_NONSTANDARD_SIGNATURE), s.problems().stream().map(Finding::reason).toList());
        assertTrue(s.cryptographicallyValid());
        assertEquals(pki.signer.cert(), s.signer());

        // the same, tampered: reported invalid (never tampered: the caller treats it as unsigned)
        String tampered = sdk.replace("<edXML:CodeNumber>74fass22</edXML:CodeNumber>", "<edXML:CodeNumber>1</edXML:CodeNumber>");
        SignatureFound t = only(strict.verify(write(tampered.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(ReasonCode.W_NONSTANDARD_SIGNATURE, ReasonCode.SIGNATURE_INVALID),
                t.problems().stream().map(Finding::reason).toList());
        assertTrue(t.problems().get(1).detail().contains("E701"), t.problems()::toString);
    }

    @Test
    void xmlDsigBesideTheSdkSignatureIsVerifiedOnItsOwn() throws Exception {
        Document doc = parse(XmlTestPki.sample("edoc_new.edxml"));
        jdkSign(first(doc, QCVN_NS, "edXMLHeader"), null); // covers the SDK's dummy signature as content
        List<SignatureFound> two = strict.verify(write(doc));
        assertEquals(2, two.size());
        assertEquals(XmlSignatureVerifier.KIND, two.get(0).kind());
        assertTrue(two.get(0).cryptographicallyValid(), two.get(0).problems()::toString);
        assertEquals(XmlSignatureVerifier.KIND_QCVN, two.get(1).kind());
        assertEquals(List.of(ReasonCode.W_NONSTANDARD_SIGNATURE, ReasonCode.SIGNATURE_INVALID),
                two.get(1).problems().stream().map(Finding::reason).toList());
    }

    /** XML-DSig by the JDK's own implementation, unprefixed, inclusive c14n, as the SDK shapes it. */
    static void jdkSign(Element parent, Node before) throws Exception {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        var ref = f.newReference("", f.newDigestMethod(DigestMethod.SHA256, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo si = f.newSignedInfo(f.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        var ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(pki.signer.cert()))));
        DOMSignContext ctx = before == null ? new DOMSignContext(pki.signer.key(), parent) : new DOMSignContext(pki.signer.key(), parent, before);
        f.newXMLSignature(si, ki).sign(ctx);
    }

    // --- bad input and limits ------------------------------------------------------------------------

    @Test
    void malformedPackageIsReportedNotThrown() throws Exception {
        SignatureFound s = only(strict.verify(write("<edXML xmlns=\"x\"><unclosed></edXML>".getBytes(StandardCharsets.UTF_8))));
        assertEquals(ReasonCode.SIGNATURE_INVALID, s.problems().get(0).reason());
        SignatureFound dtd = only(strict.verify(write(("<!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<edXML>&x;</edXML>").getBytes(StandardCharsets.UTF_8))));
        assertEquals(ReasonCode.SIGNATURE_INVALID, dtd.problems().get(0).reason());
        String deep = "<a>".repeat(5000) + "</a>".repeat(5000);
        assertEquals(ReasonCode.SIGNATURE_INVALID, only(strict.verify(write(deep.getBytes(StandardCharsets.UTF_8)))).problems().get(0).reason());
        SignatureFound missing = only(strict.verify(dir.resolve("missing.edxml")));
        assertEquals(ReasonCode.SIGNATURE_INVALID, missing.problems().get(0).reason());
        assertEquals(ReasonCode.SIGNATURE_INVALID, only(strict.verify(new InputStream() {
            @Override public int read() throws IOException { throw new IOException("broken pipe"); }
        })).problems().get(0).reason());
    }

    @Test
    void packageAboveTheMemoryLimitIsNotLoaded() throws Exception {
        XmlSignatureVerifier small = new XmlSignatureVerifier(AlgorithmPolicy.strict(), 10_000);
        SignatureFound s = only(small.verify(write(signedSample)));
        assertEquals(XmlSignatureVerifier.KIND, s.kind());
        assertEquals(List.of(ReasonCode.W_ENVELOPE_NOT_VERIFIED, ReasonCode.SIGNATURE_INVALID), s.problems().stream().map(Finding::reason).toList());
        assertTrue(s.problems().get(1).detail().startsWith("too large to verify in memory"), s.problems()::toString);
        assertFalse(s.cryptographicallyValid());

        SignatureFound q = only(small.verify(XmlTestPki.sample("edoc_new.edxml")));
        assertEquals(XmlSignatureVerifier.KIND_QCVN, q.kind());
        assertEquals(List.of(ReasonCode.W_NONSTANDARD_SIGNATURE, ReasonCode.W_ENVELOPE_NOT_VERIFIED, ReasonCode.SIGNATURE_INVALID),
                q.problems().stream().map(Finding::reason).toList());

        Document unsigned = parse(XmlTestPki.sample("edoc_new.edxml"));
        Element qs = first(unsigned, QCVN_NS, "Signature");
        qs.getParentNode().removeChild(qs);
        assertEquals(List.of(), small.verify(write(unsigned)), "a large unsigned package is simply unsigned");
    }

    // --- helpers -------------------------------------------------------------------------------------

    static SignatureFound only(List<SignatureFound> found) {
        assertEquals(1, found.size(), found::toString);
        return found.get(0);
    }

    Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "p", ".edxml"), bytes);
    }

    Path write(Document doc) throws IOException {
        Path p = Files.createTempFile(dir, "p", ".edxml");
        try (OutputStream out = Files.newOutputStream(p)) {
            XmlSupport.write(doc, out);
        }
        return p;
    }

    static Document parse(byte[] bytes) throws Exception {
        return XmlSupport.parse(new ByteArrayInputStream(bytes));
    }

    static Document parse(Path p) throws Exception {
        try (InputStream in = Files.newInputStream(p)) {
            return XmlSupport.parse(in);
        }
    }

    static Element first(Document d, String ns, String local) {
        return (Element) d.getElementsByTagNameNS(ns, local).item(0);
    }

    static Element first(Element e, String ns, String local) {
        return (Element) e.getElementsByTagNameNS(ns, local).item(0);
    }

    static Element signature(Document d) {
        return first(d, DSIG_NS, "Signature");
    }

    static Element envelope(Document d) {
        return first(d, QCVN_NS, "edXMLEnvelope");
    }

    static Element firstReference(Document d) {
        return first(d, DSIG_NS, "Reference");
    }

    static void move(Element e, Element newParent) {
        e.getParentNode().removeChild(e);
        newParent.appendChild(e);
    }
}
