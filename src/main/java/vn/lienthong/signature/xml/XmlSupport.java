package vn.lienthong.signature.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.xml.security.transforms.Transform;
import org.apache.xml.security.transforms.implementations.TransformC14NExclusive;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.lienthong.edxml.EdxmlReader;

/**
 * Shared XML plumbing for the envelope signature: Santuario initialisation, a secure namespace-aware
 * DOM parser, serialisation, and small DOM helpers.
 */
final class XmlSupport {
    static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
    static final String QCVN_NS = EdxmlReader.NS;

    static final String ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
    static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /**
     * The exclusive-c14n URI as the national SDK's sample signatures spell it (a non-standard URI).
     * Understood only when a QCVN-namespaced signature is read as XML-DSig.
     */
    static final String QCVN_EXC_C14N_ALIAS = "http://www.w3.org/TR/xml-exc-c14n#";

    /** Canonicalization algorithms accepted as reference transforms. */
    static final Set<String> C14N = Set.of(
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
            "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments",
            EXC_C14N,
            "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
            "http://www.w3.org/2006/12/xml-c14n11",
            "http://www.w3.org/2006/12/xml-c14n11#WithComments");

    /** Deepest element nesting parsed (edXML is a few levels deep; the reader's own limit is smaller). */
    static final int MAX_DEPTH = 1000;

    private static volatile boolean initialised;

    private XmlSupport() {
    }

    /** Initialises Santuario once per JVM (idempotent) and registers the QCVN exc-c14n alias. */
    static void init() {
        if (initialised) return;
        synchronized (XmlSupport.class) {
            if (initialised) return;
            org.apache.xml.security.Init.init();
            try {
                Transform.register(QCVN_EXC_C14N_ALIAS, TransformC14NExclusive.class);
            } catch (Exception alreadyRegistered) {
                // another component did it first: fine
            }
            initialised = true;
        }
    }

    /**
     * One configured factory per thread: {@code DocumentBuilderFactory.newInstance()} searches the
     * class path for a provider on every call, which cost more than the parse itself; the JDK's own
     * parser is the one configured here anyway (its depth limit is set below).
     */
    private static final ThreadLocal<DocumentBuilderFactory> FACTORY = ThreadLocal.withInitial(XmlSupport::secureFactory);

    static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder b = FACTORY.get().newDocumentBuilder();
            b.setErrorHandler(new ErrorHandler() {
                @Override public void warning(SAXParseException e) { }
                @Override public void error(SAXParseException e) throws SAXException { throw e; }
                @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks secure-processing features", e);
        }
    }

    private static DocumentBuilderFactory secureFactory() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            try {
                f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
            } catch (IllegalArgumentException notTheJdkParser) {
                // other parsers: no depth limit here (the reader's own limit still applies upstream)
            }
            return f;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks secure-processing features", e);
        }
    }

    static Document parse(InputStream in) throws IOException, SAXException {
        return newBuilder().parse(new InputSource(in));
    }

    /** Writes the document unchanged (no indentation, so signed text nodes keep their bytes), UTF-8. */
    static void write(Document doc, OutputStream out) throws IOException {
        try {
            TransformerFactory tf = TransformerFactory.newDefaultInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            t.setOutputProperty(OutputKeys.METHOD, "xml");
            // the JDK serializer glues the root to its own declaration: write ours (outside the root, not signed)
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.US_ASCII));
            t.transform(new DOMSource(doc), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException("cannot serialise the signed package: " + e.getMessage(), e);
        }
    }

    static boolean is(Node n, String ns, String local) {
        return n instanceof Element && ns.equals(n.getNamespaceURI()) && local.equals(n.getLocalName());
    }

    static List<Element> elements(Document doc, String ns, String local) {
        NodeList nl = doc.getElementsByTagNameNS(ns, local);
        List<Element> out = new ArrayList<>(nl.getLength());
        for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
        return out;
    }

    /** {@code root} and all its descendant elements in document order (no recursion). */
    static List<Element> descendantsAndSelf(Element root) {
        NodeList nl = root.getElementsByTagNameNS("*", "*");
        List<Element> out = new ArrayList<>(nl.getLength() + 1);
        out.add(root);
        for (int i = 0; i < nl.getLength(); i++) out.add((Element) nl.item(i));
        return out;
    }

    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, local)) out.add((Element) n);
        }
        return out;
    }

    static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, local)) return (Element) n;
        }
        return null;
    }

    /** {@code /edXML/edXMLEnvelope/edXMLHeader/Signature}: local names, for messages. */
    static String path(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node c = n; c instanceof Element; c = c.getParentNode()) {
            sb.insert(0, "/" + c.getLocalName());
        }
        return sb.toString();
    }
}
