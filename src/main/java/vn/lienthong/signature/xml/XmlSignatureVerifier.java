package vn.lienthong.signature.xml;

import static vn.lienthong.signature.xml.XmlSupport.C14N;
import static vn.lienthong.signature.xml.XmlSupport.DSIG_NS;
import static vn.lienthong.signature.xml.XmlSupport.ENVELOPED;
import static vn.lienthong.signature.xml.XmlSupport.QCVN_EXC_C14N_ALIAS;
import static vn.lienthong.signature.xml.XmlSupport.QCVN_NS;
import static vn.lienthong.signature.xml.XmlSupport.child;
import static vn.lienthong.signature.xml.XmlSupport.children;
import static vn.lienthong.signature.xml.XmlSupport.elements;
import static vn.lienthong.signature.xml.XmlSupport.is;
import static vn.lienthong.signature.xml.XmlSupport.path;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import vn.lienthong.signature.AlgorithmPolicy;
import vn.lienthong.signature.SignatureFound;
import vn.lienthong.time.VietnamTime;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * Verifies the envelope signature of an edXML package (XML-DSig, Apache Santuario), refusing
 * signature-wrapping shapes before any cryptography runs.
 *
 * <h2>What counts</h2>
 * Exactly one {@code ds:Signature} (namespace {@code http://www.w3.org/2000/09/xmldsig#}), a child of
 * {@code /edXML/edXMLEnvelope/edXMLHeader}, whose {@code SignedInfo} holds
 * <ol>
 *   <li>exactly one <b>packet reference</b>: {@code URI=""}, or {@code URI="#id"} where {@code id} is the
 *       value of an {@code Id}/{@code ID}/{@code id} attribute of the root {@code edXML} element; its
 *       transforms are the enveloped-signature transform, optionally followed by one canonicalization
 *       (c14n 1.0, c14n 1.1 or exclusive c14n, with or without comments), nothing else; and</li>
 *   <li>optionally one <b>property reference</b>: {@code URI="#id"} where {@code id} names a
 *       {@code ds:Object} of this same signature or an element inside one (such as the
 *       {@code ds:SignatureProperties} {@link XmlSigner} writes, or XAdES {@code SignedProperties});
 *       no transform, or one canonicalization.</li>
 * </ol>
 * Anything else is refused as wrapping (E702) without verifying: a second {@code ds:Signature}; a
 * signature anywhere else; a reference without {@code URI}, to another element, id, or document, or with
 * other transforms (XPath, XSLT...); a second packet or property reference; an ID value carried by two
 * attributes; more than one {@code edXML}, {@code edXMLEnvelope}, {@code edXMLHeader},
 * {@code edXMLBody}, {@code MessageHeader}, {@code TraceHeaderList}, {@code edXMLManifest} or
 * {@code AttachmentEncoded} element (matched by local name in any namespace); and, inside the
 * signature, any element of the edXML namespace or bearing an edXML element name outside the XML-DSig
 * namespace (content there is not covered by the packet reference, yet a reader matching local names
 * could take it for the package's own).
 *
 * <h2>Cryptography</h2>
 * Santuario with secure validation. Only the root's id (for {@code URI="#id"}) and the property
 * reference's target are registered as ID attributes, after checking that no ID value is duplicated, so
 * a reference can never resolve an arbitrary element. The signer certificate comes from
 * {@code KeyInfo/X509Data/X509Certificate}: all readable certificates there are returned in
 * {@code certificates}; {@code signer} is the one whose key verifies {@code SignatureValue} (end-entity
 * certificates tried first), and null when none does or when the shape was refused. Missing certificate:
 * E700 {@code no signer certificate}. Signature value mismatch: E700. Reference digest mismatch: E701
 * with the reference URI. {@code SignatureMethod} and every {@code DigestMethod} go through the
 * {@link AlgorithmPolicy} (SHA-1: W701 if allowed, else E706).
 *
 * <h2>Signing time</h2>
 * The text of a {@code SigningTime} element (any namespace; ISO 8601, e.g.
 * {@code 2026-11-21T09:15:00+07:00}; a time without offset means Vietnam time) inside the target of
 * the property reference, returned only when that reference verified: an unsigned time is a claim
 * anyone could edit, so it is ignored (null), as is an unparsable one.
 *
 * <h2>QCVN-namespaced signatures</h2>
 * A {@code Signature} in the edXML namespace (as the national SDK writes it) is reported as kind
 * {@value #KIND_QCVN} with W700, and is verified as XML-DSig after renaming its subtree into the
 * XML-DSig namespace (in this verifier's own DOM, a copy when a real {@code ds:Signature} is present
 * too). If that verifies, it is returned valid with W700 kept; otherwise its problems are W700 plus one
 * E700 whose detail lists the underlying reasons (E701, E702, E706...), so the caller treats the
 * package as unsigned rather than tampered. In this mode only, the SDK's non-standard exclusive-c14n
 * URI {@value XmlSupport#QCVN_EXC_C14N_ALIAS} is accepted as exclusive c14n.
 *
 * <h2>Memory</h2>
 * Santuario verifies over a DOM, so the whole package, base64 attachments included, is held in memory
 * (roughly 2 to 4 times the file size in heap while verifying; twice that when both a QCVN and an
 * XML-DSig signature are present). Packages larger than {@code maxInMemoryBytes} (default
 * {@value #DEFAULT_MAX_IN_MEMORY_BYTES} bytes, 64 MiB) are not loaded: a streaming SAX pass looks for
 * signature elements, and each kind found is returned with W702 (not verified: treat as unsigned) plus
 * E700 {@code too large to verify in memory}, the E700 so that a caller looking only at
 * {@link SignatureFound#cryptographicallyValid()} never takes it for a valid signature; a large package
 * without any signature element yields an empty list (unsigned), as it should.
 *
 * <p>Never throws for bad input: unreadable or malformed packages yield one {@value #KIND} result with
 * E700. A package without any signature element yields an empty list. Thread-safe.
 */
public final class XmlSignatureVerifier {
    public static final long DEFAULT_MAX_IN_MEMORY_BYTES = 64L * 1024 * 1024;
    /** Kind of a standard XML-DSig envelope signature. */
    public static final String KIND = "XMLDSIG";
    /** Kind of a QCVN-namespaced envelope signature. */
    public static final String KIND_QCVN = "XMLDSIG-QCVN";
    /** Location of every envelope signature. */
    public static final String LOCATION = "envelope";

    /** Elements that must occur at most once in a package (by local name, any namespace). */
    private static final List<String> SINGLE = List.of("edXML", "edXMLEnvelope", "edXMLHeader", "edXMLBody",
            "MessageHeader", "TraceHeaderList", "edXMLManifest", "AttachmentEncoded");
    private static final List<String> REQUIRED = List.of("edXML", "edXMLEnvelope", "edXMLHeader");

    /** Element names of the edXML schemas (document and status) that must not appear inside a signature. */
    private static final Set<String> EDXML_NAMES = Set.of("Appendix", "Appendixes", "Attachment", "AttachmentEncoded",
            "AttachmentName", "Bussiness", "BussinessDocReason", "BussinessDocType", "BussinessDocumentInfo", "Code",
            "CodeNotation", "CodeNumber", "Competence", "Content", "ContentId", "ContentTransferEncoded", "ContentType",
            "Department", "DepartmentId", "Description", "Direction", "DocumentId", "DocumentInfo", "DocumentReceiver",
            "DocumentType", "DueDate", "Email", "Fax", "From", "FullName", "MessageHeader", "Mobile", "OrganAdd",
            "OrganId", "OrganIdList", "OrganName", "OrganizationInCharge", "OtherInfo", "PageAmount", "Paper", "Place",
            "Position", "Priority", "PromulgationAmount", "PromulgationDate", "PromulgationInfo", "Receiver",
            "ReceiverList", "ReceiverType", "Reference", "ReplacementInfo", "ReplacementInfoList", "ResponseFor",
            "Signature", "SignerInfo", "SphereOfPromulgation", "Staff", "StaffId", "StaffInfo", "StatusCode",
            "SteeringType", "Subject", "Telephone", "Timestamp", "To", "ToPlaces", "TraceHeader", "TraceHeaderList",
            "Type", "TypeDetail", "TypeName", "TyperNotation", "Website", "edXML", "edXMLBody", "edXMLEnvelope",
            "edXMLHeader", "edXMLManifest");

    private final AlgorithmPolicy policy;
    private final long maxInMemoryBytes;

    public XmlSignatureVerifier(AlgorithmPolicy policy) {
        this(policy, DEFAULT_MAX_IN_MEMORY_BYTES);
    }

    /** @param maxInMemoryBytes largest package loaded into a DOM for verification */
    public XmlSignatureVerifier(AlgorithmPolicy policy, long maxInMemoryBytes) {
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxInMemoryBytes <= 0) throw new IllegalArgumentException("maxInMemoryBytes must be positive");
        this.maxInMemoryBytes = maxInMemoryBytes;
        XmlSupport.init();
    }

    public long maxInMemoryBytes() {
        return maxInMemoryBytes;
    }

    /**
     * The envelope signatures of a package: empty when it has none, else one result per kind found
     * ({@value #KIND} and/or {@value #KIND_QCVN}).
     */
    public List<SignatureFound> verify(Path edxmlFile) {
        long size;
        try {
            size = Files.size(edxmlFile);
        } catch (IOException e) {
            return List.of(failure(KIND, "cannot read the package: " + e));
        }
        if (size > maxInMemoryBytes) return tooLarge(edxmlFile, size);
        Document doc;
        try (InputStream in = Files.newInputStream(edxmlFile)) {
            doc = XmlSupport.parse(in);
        } catch (SAXException e) {
            return List.of(failure(KIND, "the package is not well-formed XML, no signature can be checked: " + e.getMessage()));
        } catch (IOException e) {
            return List.of(failure(KIND, "cannot read the package: " + e));
        }
        try {
            return verify(doc);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(failure(KIND, "cannot verify the signature: " + e));
        }
    }

    /**
     * As {@link #verify(Path)}; the stream is copied to a temporary file first (so that the size limit
     * applies without buffering it in memory), then deleted. The stream is read to its end, not closed.
     */
    public List<SignatureFound> verify(InputStream edxml) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("lienthong-verify-", ".edxml");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                edxml.transferTo(out);
            }
            return verify(tmp);
        } catch (IOException e) {
            return List.of(failure(KIND, "cannot read the package: " + e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Verifies a parsed package. The DOM may be modified (ID registration, QCVN renaming). */
    List<SignatureFound> verify(Document doc) {
        List<Element> dsig = elements(doc, DSIG_NS, "Signature");
        List<Element> qcvn = elements(doc, QCVN_NS, "Signature");
        List<SignatureFound> out = new ArrayList<>(2);
        Document qcvnDoc = null;
        if (!qcvn.isEmpty()) qcvnDoc = dsig.isEmpty() ? doc : (Document) doc.cloneNode(true);
        if (!dsig.isEmpty()) out.add(verifyDsig(doc, dsig, false));
        if (qcvnDoc != null) out.add(verifyQcvn(qcvnDoc));
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------

    private SignatureFound verifyQcvn(Document doc) {
        List<Element> qcvn = elements(doc, QCVN_NS, "Signature");
        List<Finding> problems = new ArrayList<>();
        problems.add(Finding.of(ReasonCode.W_NONSTANDARD_SIGNATURE, "Signature in namespace " + QCVN_NS + " at " + path(qcvn.get(0))));
        if (qcvn.size() > 1) {
            problems.add(Finding.of(ReasonCode.SIGNATURE_INVALID, qcvn.size() + " QCVN-namespaced Signature elements; not verifiable as XML-DSig"));
            return new SignatureFound(KIND_QCVN, LOCATION, null, List.of(), null, null, List.copyOf(problems));
        }
        renameIntoDsig(qcvn.get(0));
        SignatureFound asDsig = verifyDsig(doc, elements(doc, DSIG_NS, "Signature"), true);
        List<Finding> errors = asDsig.problems().stream().filter(f -> !f.isWarning()).toList();
        asDsig.problems().stream().filter(Finding::isWarning).forEach(problems::add);
        Instant signingTime = asDsig.signingTime();
        if (!errors.isEmpty()) {
            signingTime = null;
            problems.add(Finding.of(ReasonCode.SIGNATURE_INVALID, "the QCVN-namespaced Signature does not verify as XML-DSig: "
                    + errors.stream().map(f -> f.reason().code() + " " + f.detail()).collect(Collectors.joining("; "))));
        }
        return new SignatureFound(KIND_QCVN, LOCATION, asDsig.signer(), asDsig.certificates(), asDsig.algorithm(),
                signingTime, List.copyOf(problems));
    }

    /**
     * Moves every element of the signature subtree that is in the edXML namespace into the XML-DSig
     * namespace, keeping prefixes, and declares the XML-DSig namespace for those prefixes on the
     * signature element so that canonicalization sees what an XML-DSig signer saw.
     */
    private static void renameIntoDsig(Element sig) {
        Document doc = sig.getOwnerDocument();
        Set<String> prefixes = new LinkedHashSet<>();
        List<Element> todo = XmlSupport.descendantsAndSelf(sig);
        Element renamedSig = sig;
        for (Element e : todo) {
            if (!QCVN_NS.equals(e.getNamespaceURI())) continue;
            String prefix = e.getPrefix();
            prefixes.add(prefix == null ? "" : prefix);
            Node renamed = doc.renameNode(e, DSIG_NS, e.getNodeName()); // in place for Xerces; may be a new node elsewhere
            if (e == sig) renamedSig = (Element) renamed;
        }
        for (String p : prefixes) {
            renamedSig.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, p.isEmpty() ? "xmlns" : "xmlns:" + p, DSIG_NS);
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** The accepted shape, once checked: which attributes to register as IDs. */
    private record Shape(List<Finding> problems, Attr rootId, Attr propertyId, Element propertyTarget, int propertyRef) {
    }

    private SignatureFound verifyDsig(Document doc, List<Element> signatures, boolean qcvnMode) {
        Element sig = signatures.get(0);
        String algorithm = signatureMethod(sig);
        List<X509Certificate> certs = certificates(sig);
        Shape shape = checkShape(doc, signatures, qcvnMode);
        if (!shape.problems().isEmpty()) {
            return new SignatureFound(KIND, LOCATION, null, certs, algorithm, null, List.copyOf(shape.problems()));
        }
        List<Finding> problems = new ArrayList<>();
        policy.check(algorithm).ifPresent(problems::add);
        Element signedInfo = child(sig, DSIG_NS, "SignedInfo");
        for (Element ref : children(signedInfo, DSIG_NS, "Reference")) {
            Element dm = child(ref, DSIG_NS, "DigestMethod");
            policy.check(dm == null ? null : dm.getAttribute("Algorithm")).filter(f -> !problems.contains(f)).ifPresent(problems::add);
        }
        if (certs.isEmpty()) {
            problems.add(Finding.of(ReasonCode.SIGNATURE_INVALID, "no signer certificate (KeyInfo/X509Data/X509Certificate)"));
            return new SignatureFound(KIND, LOCATION, null, certs, algorithm, null, List.copyOf(problems));
        }
        if (shape.rootId() != null) shape.rootId().getOwnerElement().setIdAttributeNode(shape.rootId(), true);
        if (shape.propertyId() != null) shape.propertyId().getOwnerElement().setIdAttributeNode(shape.propertyId(), true);

        X509Certificate signer = null;
        Instant signingTime = null;
        try {
            XMLSignature xs = new XMLSignature(sig, "", true);
            SignedInfo si = xs.getSignedInfo();
            byte[] signedBytes = si.getCanonicalizedOctetStream();
            byte[] value = xs.getSignatureValue();
            SignatureAlgorithm sa = si.getSignatureAlgorithm();
            String keyError = null;
            for (X509Certificate c : leafFirst(certs)) {
                try {
                    sa.initVerify(c.getPublicKey());
                    sa.update(signedBytes);
                    if (sa.verify(value)) {
                        signer = c;
                        break;
                    }
                } catch (XMLSecurityException e) {
                    keyError = e.getMessage();
                }
            }
            if (signer == null) {
                problems.add(Finding.of(ReasonCode.SIGNATURE_INVALID, "SignatureValue does not verify with the certificate"
                        + (certs.size() > 1 ? "s" : "") + " in KeyInfo (" + leafFirst(certs).get(0).getSubjectX500Principal().getName()
                        + ")" + (keyError == null ? "" : ": " + keyError)));
            }
            si.verify(false);
            boolean propertyOk = false;
            for (int i = 0; i < si.getLength(); i++) {
                Reference r = si.item(i);
                boolean ok = si.getVerificationResult(i);
                if (!ok) {
                    problems.add(Finding.of(ReasonCode.SIGNATURE_TAMPERED, "digest mismatch for Reference URI=\"" + r.getURI() + "\""));
                } else if (i == shape.propertyRef()) {
                    propertyOk = true;
                }
            }
            if (propertyOk && signer != null) {
                signingTime = signingTime(shape.propertyTarget());
            }
        } catch (XMLSecurityException | IOException | RuntimeException e) {
            problems.add(Finding.of(ReasonCode.SIGNATURE_INVALID, "cannot verify the signature: " + e.getMessage()));
        }
        return new SignatureFound(KIND, LOCATION, signer, certs, algorithm, signingTime, List.copyOf(problems));
    }

    /** The wrapping rules of the class comment; problems are E702 (or E700 for a malformed signature). */
    private Shape checkShape(Document doc, List<Element> signatures, boolean qcvnMode) {
        List<Finding> p = new ArrayList<>();
        Element sig = signatures.get(0);
        Element root = doc.getDocumentElement();
        if (signatures.size() > 1) {
            p.add(wrap(signatures.size() + " ds:Signature elements ("
                    + signatures.stream().map(XmlSupport::path).collect(Collectors.joining(", ")) + "); exactly one is allowed"));
        }
        for (String name : SINGLE) {
            int n = doc.getElementsByTagNameNS("*", name).getLength();
            if (n > 1 || (n == 0 && REQUIRED.contains(name))) {
                p.add(wrap(n + " " + name + " elements; " + (REQUIRED.contains(name) ? "exactly one is" : "at most one is") + " allowed"));
            }
        }
        Node header = sig.getParentNode();
        Node envelope = header == null ? null : header.getParentNode();
        boolean placed = is(root, QCVN_NS, "edXML") && is(header, QCVN_NS, "edXMLHeader")
                && is(envelope, QCVN_NS, "edXMLEnvelope") && envelope.getParentNode() == root;
        if (!placed) p.add(wrap("Signature at " + path(sig) + ", expected /edXML/edXMLEnvelope/edXMLHeader/Signature"));

        Map<String, List<Attr>> ids = collectIds(root);
        ids.forEach((value, attrs) -> {
            if (attrs.size() > 1) {
                p.add(wrap("ID \"" + value + "\" appears " + attrs.size() + " times ("
                        + attrs.stream().map(a -> path(a.getOwnerElement()) + "/@" + a.getName()).collect(Collectors.joining(", ")) + ")"));
            }
        });
        foreignInside(sig, p);

        Element signedInfo = child(sig, DSIG_NS, "SignedInfo");
        if (signedInfo == null) {
            p.add(Finding.of(ReasonCode.SIGNATURE_INVALID, "the Signature has no SignedInfo"));
            return new Shape(p, null, null, null, -1);
        }
        Attr rootId = null;
        Attr propertyId = null;
        Element propertyTarget = null;
        int packetRefs = 0;
        int propertyRefs = 0;
        int propertyIndex = -1;
        List<Element> refs = children(signedInfo, DSIG_NS, "Reference");
        for (int i = 0; i < refs.size(); i++) {
            Element ref = refs.get(i);
            if (!ref.hasAttribute("URI")) {
                p.add(wrap("a Reference without URI; only URI=\"\" or a reference to the root is accepted"));
                continue;
            }
            String uri = ref.getAttribute("URI");
            List<String> transforms = transforms(ref);
            boolean packet;
            if (uri.isEmpty()) {
                packet = true;
            } else if (uri.startsWith("#") && uri.length() > 1) {
                String id = uri.substring(1);
                List<Attr> holders = ids.getOrDefault(id, List.of());
                Attr holder = holders.size() == 1 ? holders.get(0) : null;
                if (holder != null && holder.getOwnerElement() == root) {
                    packet = true;
                    rootId = holder;
                } else if (holder != null && insideOwnObject(holder.getOwnerElement(), sig)) {
                    packet = false;
                    propertyId = holder;
                    propertyTarget = holder.getOwnerElement();
                    propertyIndex = i;
                } else {
                    p.add(wrap("Reference URI=\"" + uri + "\" points to "
                            + (holder == null ? "no single element" : path(holder.getOwnerElement()))
                            + ", not to the whole packet nor to this signature's own Object"));
                    continue;
                }
            } else {
                p.add(wrap("Reference URI=\"" + uri + "\" is not a same-document reference to the whole packet"));
                continue;
            }
            if (packet) {
                packetRefs++;
                boolean ok = !transforms.isEmpty() && ENVELOPED.equals(transforms.get(0))
                        && (transforms.size() == 1 || (transforms.size() == 2 && isC14n(transforms.get(1), qcvnMode)));
                if (!ok) {
                    p.add(wrap("Reference URI=\"" + uri + "\" has transforms " + transforms
                            + "; only the enveloped-signature transform, optionally followed by one canonicalization, is accepted"));
                }
            } else {
                propertyRefs++;
                boolean ok = transforms.isEmpty() || (transforms.size() == 1 && isC14n(transforms.get(0), qcvnMode));
                if (!ok) p.add(wrap("Reference URI=\"" + uri + "\" has transforms " + transforms + "; only one canonicalization is accepted"));
            }
        }
        if (packetRefs == 0) p.add(wrap("no Reference covers the whole packet (URI=\"\" with the enveloped-signature transform)"));
        if (packetRefs > 1) p.add(wrap(packetRefs + " References to the packet; exactly one is allowed"));
        if (propertyRefs > 1) p.add(wrap(propertyRefs + " References to signature properties; at most one is allowed"));
        return new Shape(p, rootId, propertyId, propertyTarget, propertyIndex);
    }

    private static boolean isC14n(String algorithm, boolean qcvnMode) {
        return C14N.contains(algorithm) || (qcvnMode && QCVN_EXC_C14N_ALIAS.equals(algorithm));
    }

    private static Finding wrap(String detail) {
        return Finding.of(ReasonCode.SIGNATURE_WRAPPING, detail);
    }

    private static List<String> transforms(Element ref) {
        List<String> out = new ArrayList<>();
        Element ts = child(ref, DSIG_NS, "Transforms");
        if (ts != null) {
            for (Element t : children(ts, DSIG_NS, "Transform")) out.add(t.getAttribute("Algorithm"));
        }
        return out;
    }

    /** Is {@code e} a ds:Object child of {@code sig}, or inside one? */
    private static boolean insideOwnObject(Element e, Element sig) {
        for (Node n = e; n != null; n = n.getParentNode()) {
            if (n.getParentNode() == sig) return is(n, DSIG_NS, "Object");
        }
        return false;
    }

    /** Attributes named Id/ID/id (any namespace, xml:id included), by value. */
    private static Map<String, List<Attr>> collectIds(Element root) {
        Map<String, List<Attr>> ids = new HashMap<>();
        for (Element e : XmlSupport.descendantsAndSelf(root)) {
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) continue;
                String local = a.getLocalName() == null ? a.getName() : a.getLocalName();
                if (local.equalsIgnoreCase("id")) ids.computeIfAbsent(a.getValue(), k -> new ArrayList<>()).add(a);
            }
        }
        return ids;
    }

    /** Elements inside the signature that a local-name reader could mistake for package content (first one reported). */
    private static void foreignInside(Element sig, List<Finding> p) {
        for (Element c : XmlSupport.descendantsAndSelf(sig)) {
            if (c == sig) continue;
            String ns = c.getNamespaceURI();
            if (QCVN_NS.equals(ns) || (!DSIG_NS.equals(ns) && EDXML_NAMES.contains(c.getLocalName()))) {
                p.add(wrap("edXML element " + path(c) + " inside the Signature"));
                return;
            }
        }
    }

    private static String signatureMethod(Element sig) {
        Element si = child(sig, DSIG_NS, "SignedInfo");
        Element sm = si == null ? null : child(si, DSIG_NS, "SignatureMethod");
        return sm == null ? null : sm.getAttribute("Algorithm");
    }

    /** Every readable certificate in KeyInfo/X509Data/X509Certificate, in document order. */
    private static List<X509Certificate> certificates(Element sig) {
        List<X509Certificate> out = new ArrayList<>();
        Element keyInfo = child(sig, DSIG_NS, "KeyInfo");
        if (keyInfo == null) return out;
        CertificateFactory cf;
        try {
            cf = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        for (Element data : children(keyInfo, DSIG_NS, "X509Data")) {
            for (Element c : children(data, DSIG_NS, "X509Certificate")) {
                try {
                    byte[] der = Base64.getMimeDecoder().decode(c.getTextContent().strip());
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
                } catch (IllegalArgumentException | CertificateException | ClassCastException unreadable) {
                    // not a certificate: ignored (no certificate at all is reported as E700)
                }
            }
        }
        return out;
    }

    /** End-entity certificates first (basic constraints absent or CA=false), then the others. */
    private static List<X509Certificate> leafFirst(List<X509Certificate> certs) {
        List<X509Certificate> out = new ArrayList<>(certs.size());
        for (X509Certificate c : certs) if (c.getBasicConstraints() < 0) out.add(c);
        for (X509Certificate c : certs) if (c.getBasicConstraints() >= 0) out.add(c);
        return out;
    }

    private static Instant signingTime(Element target) {
        if (target == null) return null;
        org.w3c.dom.NodeList nl = target.getElementsByTagNameNS("*", "SigningTime");
        if (nl.getLength() == 0) return null;
        String text = nl.item(0).getTextContent().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(VietnamTime.ZONE).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static SignatureFound failure(String kind, String detail) {
        return new SignatureFound(kind, LOCATION, null, List.of(), null, null,
                List.of(Finding.of(ReasonCode.SIGNATURE_INVALID, detail)));
    }

    /** Streams the file to see which signature kinds it has, without building a DOM. */
    private List<SignatureFound> tooLarge(Path file, long size) {
        boolean[] found = new boolean[2];
        try (InputStream in = Files.newInputStream(file)) {
            vn.lienthong.edxml.EdxmlReader.secureFactory().newSAXParser().parse(new InputSource(in), new DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String qName, Attributes atts) {
                    if ("Signature".equals(local)) {
                        if (DSIG_NS.equals(uri)) found[0] = true;
                        if (QCVN_NS.equals(uri)) found[1] = true;
                    }
                }
            });
        } catch (Exception e) {
            return List.of(failure(KIND, "the package (" + size + " bytes) cannot be read as XML: " + e.getMessage()));
        }
        String detail = "too large to verify in memory: " + size + " bytes > " + maxInMemoryBytes;
        Finding notVerified = Finding.of(ReasonCode.W_ENVELOPE_NOT_VERIFIED, size + " bytes > " + maxInMemoryBytes);
        Finding invalid = Finding.of(ReasonCode.SIGNATURE_INVALID, detail);
        List<SignatureFound> out = new ArrayList<>(2);
        if (found[0]) out.add(new SignatureFound(KIND, LOCATION, null, List.of(), null, null, List.of(notVerified, invalid)));
        if (found[1]) {
            out.add(new SignatureFound(KIND_QCVN, LOCATION, null, List.of(), null, null, List.of(
                    Finding.of(ReasonCode.W_NONSTANDARD_SIGNATURE, "Signature in namespace " + QCVN_NS), notVerified, invalid)));
        }
        return List.copyOf(out);
    }
}
