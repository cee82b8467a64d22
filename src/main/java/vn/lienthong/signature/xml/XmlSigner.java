package vn.lienthong.signature.xml;

import static vn.lienthong.signature.xml.XmlSupport.DSIG_NS;
import static vn.lienthong.signature.xml.XmlSupport.QCVN_NS;
import static vn.lienthong.signature.xml.XmlSupport.children;
import static vn.lienthong.signature.xml.XmlSupport.elements;
import static vn.lienthong.signature.xml.XmlSupport.is;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.xml.XMLConstants;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.SignatureProperties;
import org.apache.xml.security.signature.SignatureProperty;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.SAXException;
import vn.lienthong.time.VietnamTime;

/**
 * Signs an edXML package as the gateway (R9, issue item 5): an enveloped XML-DSig in the XML-DSig
 * namespace, appended as the last child of {@code edXMLHeader}:
 *
 * <pre>{@code
 * <ds:Signature Id="sig-…">
 *   <ds:SignedInfo>
 *     <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
 *     <ds:SignatureMethod Algorithm="…xmldsig-more#rsa-sha256"/>        (ecdsa-sha256 for EC keys)
 *     <ds:Reference URI="">                                             (the whole packet)
 *       <ds:Transforms>enveloped-signature, exc-c14n</ds:Transforms>
 *       <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/> <ds:DigestValue/>
 *     </ds:Reference>
 *     <ds:Reference URI="#sigprops-…" Type="http://www.w3.org/2000/09/xmldsig#SignatureProperties">
 *       <ds:Transforms>exc-c14n</ds:Transforms> <ds:DigestMethod …sha256/> <ds:DigestValue/>
 *     </ds:Reference>
 *   </ds:SignedInfo>
 *   <ds:SignatureValue/>
 *   <ds:KeyInfo><ds:X509Data><ds:X509Certificate/>… (signer first, then the chain)</ds:X509Data></ds:KeyInfo>
 *   <ds:Object><ds:SignatureProperties Id="sigprops-…">
 *     <ds:SignatureProperty Target="#sig-…">
 *       <lt:SigningTime xmlns:lt="urn:lienthong:xmldsig:properties">2026-11-21T09:15:00+07:00</lt:SigningTime>
 *     </ds:SignatureProperty>
 *   </ds:SignatureProperties></ds:Object>
 * </ds:Signature>
 * }</pre>
 *
 * The signing time is itself signed (second reference), so nobody can move it into a certificate's
 * validity window afterwards; {@link XmlSignatureVerifier} accepts exactly this shape and the plain
 * xmlsec1 one (a single {@code URI=""} reference).
 *
 * <p>A QCVN-namespaced {@code Signature} (what the national SDK writes; not a verifiable signature)
 * is removed first. A package that already carries an XML-DSig signature is refused: a second
 * envelope signature would be rejected as wrapping.
 *
 * <p>Memory: the package is signed over a DOM, so it is held in memory whole (see
 * {@link XmlSignatureVerifier} for the cost).
 */
public final class XmlSigner {
    /** Namespace of the {@code SigningTime} element inside {@code ds:SignatureProperty}. */
    public static final String PROPERTIES_NS = "urn:lienthong:xmldsig:properties";
    static final String PROPERTIES_PREFIX = "lt";
    static final String SIGNATURE_PROPERTIES_TYPE = "http://www.w3.org/2000/09/xmldsig#SignatureProperties";

    public XmlSigner() {
        XmlSupport.init();
    }

    /**
     * Signs {@code in} into {@code out} (which may be the same file; written to a temporary file beside
     * it, then moved into place).
     *
     * @param key   RSA (signed RSA-SHA256) or EC (ECDSA-SHA256) private key
     * @param chain signer certificate first, then the rest of the chain; all go into KeyInfo
     * @param clock the signing time, written in +07:00
     */
    public void sign(Path in, Path out, PrivateKey key, List<X509Certificate> chain, Clock clock)
            throws IOException, XmlSigningException {
        Document doc;
        try (InputStream is = Files.newInputStream(in)) {
            doc = XmlSupport.parse(is);
        } catch (SAXException e) {
            throw new XmlSigningException(in + " is not well-formed XML: " + e.getMessage(), e);
        }
        sign(doc, key, chain, clock, signatureMethodFor(key), MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256);
        Path target = out.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                XmlSupport.write(doc, os);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String signatureMethodFor(PrivateKey key) throws XmlSigningException {
        if (key instanceof RSAKey || "RSA".equalsIgnoreCase(key.getAlgorithm())) return XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
        if (key instanceof ECKey || "EC".equalsIgnoreCase(key.getAlgorithm())) return XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
        throw new XmlSigningException("unsupported key algorithm " + key.getAlgorithm() + " (RSA or EC expected)");
    }

    /**
     * Signs a parsed package in place with the given algorithms (package-private: tests use it to make
     * RSA-SHA1 signatures, which the gateway itself never makes).
     */
    void sign(Document doc, PrivateKey key, List<X509Certificate> chain, Clock clock, String signatureMethod,
              String digestMethod) throws XmlSigningException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
        if (chain == null || chain.isEmpty()) throw new XmlSigningException("no signer certificate");
        Element root = doc.getDocumentElement();
        if (!is(root, QCVN_NS, "edXML")) {
            throw new XmlSigningException("not an edXML package: root element {" + root.getNamespaceURI() + "}" + root.getLocalName());
        }
        List<Element> envelopes = children(root, QCVN_NS, "edXMLEnvelope");
        List<Element> headers = envelopes.size() == 1 ? children(envelopes.get(0), QCVN_NS, "edXMLHeader") : List.of();
        if (headers.size() != 1) throw new XmlSigningException("not an edXML package: no single edXML/edXMLEnvelope/edXMLHeader");
        Element header = headers.get(0);
        if (!elements(doc, DSIG_NS, "Signature").isEmpty()) {
            throw new XmlSigningException("the package already carries an XML-DSig Signature; a second one would be refused as wrapping");
        }
        for (Element q : elements(doc, QCVN_NS, "Signature")) remove(q);

        String suffix = UUID.randomUUID().toString();
        String sigId = "sig-" + suffix;
        String propsId = "sigprops-" + suffix;
        try {
            XMLSignature xs = new XMLSignature(doc, "", signatureMethod, Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            xs.setId(sigId);
            appendIndented(header, xs.getElement());

            Transforms packet = new Transforms(doc);
            packet.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            packet.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            xs.addDocument("", packet, digestMethod);

            X509Data data = new X509Data(doc);
            for (X509Certificate c : chain) data.addCertificate(c);
            xs.getKeyInfo().add(data);

            SignatureProperties props = new SignatureProperties(doc);
            props.setId(propsId);
            SignatureProperty prop = new SignatureProperty(doc, "#" + sigId);
            Element time = doc.createElementNS(PROPERTIES_NS, PROPERTIES_PREFIX + ":SigningTime");
            time.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + PROPERTIES_PREFIX, PROPERTIES_NS);
            time.setTextContent(VietnamTime.iso(VietnamTime.now(clock)));
            prop.appendChild(time);
            props.addSignatureProperty(prop);
            ObjectContainer object = new ObjectContainer(doc);
            object.appendChild(props.getElement());
            xs.appendObject(object);

            Transforms c14n = new Transforms(doc);
            c14n.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            xs.addDocument("#" + propsId, c14n, digestMethod, null, SIGNATURE_PROPERTIES_TYPE);

            xs.sign(key);
            stripCarriageReturns(xs.getElement(), "SignatureValue");
            stripCarriageReturns(xs.getElement(), "X509Certificate");
            X509Certificate signer = chain.get(0);
            if (!xs.checkSignatureValue(signer.getPublicKey())) {
                throw new XmlSigningException("the private key does not match the first certificate of the chain ("
                        + signer.getSubjectX500Principal().getName() + ")");
            }
        } catch (XMLSecurityException e) {
            throw new XmlSigningException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** Appends {@code e} as the last element child, indented like the header's first child. */
    private static void appendIndented(Element parent, Element e) {
        Node first = parent.getFirstChild();
        String indent = first instanceof Text t && t.getData().isBlank() ? t.getData() : null;
        Node last = parent.getLastChild();
        Node before = last instanceof Text t && t.getData().isBlank() ? last : null;
        if (indent != null) parent.insertBefore(parent.getOwnerDocument().createTextNode(indent), before);
        parent.insertBefore(e, before);
    }

    /**
     * Santuario wraps base64 with CRLF, which serialises as {@code &#13;}. Neither SignatureValue nor
     * KeyInfo is inside SignedInfo, and whitespace in base64 is insignificant, so plain LF is written.
     */
    private static void stripCarriageReturns(Element sig, String local) {
        org.w3c.dom.NodeList nl = sig.getElementsByTagNameNS(DSIG_NS, local);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            e.setTextContent(e.getTextContent().replace("\r", ""));
        }
    }

    /** Removes an element and the blank text just before it. */
    private static void remove(Element e) {
        Node parent = e.getParentNode();
        Node prev = e.getPreviousSibling();
        if (prev instanceof Text t && t.getData().isBlank()) parent.removeChild(prev);
        parent.removeChild(e);
    }
}
