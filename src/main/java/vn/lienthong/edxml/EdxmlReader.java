package vn.lienthong.edxml;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.ValidatorHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import vn.lienthong.integrity.Sha256;
import vn.lienthong.validation.Finding;
import vn.lienthong.validation.ReasonCode;

/**
 * Reads an edXML packet in one streaming pass (SAX): builds the {@link EdxmlPackage}, decodes each
 * attachment's base64 straight to a file, hashes the raw bytes, and feeds the same events to the
 * document and status schema validators (with attachment text replaced by a placeholder, so the
 * validator never holds it). Element names are matched by local name in the QCVN namespace, so
 * prefixed and unprefixed forms and any element order are accepted.
 *
 * <p>Secure by construction: DOCTYPE is refused (no DTD, no entities, no XXE), and size, depth,
 * field length and attachment count are limited ({@link EdxmlLimits}).
 */
public final class EdxmlReader {
    public static final String NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    private static final char[] PLACEHOLDER = "AA==".toCharArray();

    private final EdxmlLimits limits;
    private final EdxmlSchemas schemas;
    private final SAXParserFactory factory;

    public EdxmlReader(EdxmlLimits limits, EdxmlSchemas schemas) {
        this.limits = limits;
        this.schemas = schemas;
        this.factory = secureFactory();
    }

    /** A SAX parser factory that refuses DTDs and entities (no XXE, no entity expansion): the one place it is configured. */
    public static SAXParserFactory secureFactory() {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("XML parser lacks secure-processing features", e);
        }
    }

    /** Reads a packet file; attachments are decoded into {@code attachmentDir} (created on demand). */
    public ReadResult read(Path file, Path attachmentDir) throws EdxmlRefusedException, IOException {
        long size = Files.size(file);
        if (size > limits.maxPackageBytes()) {
            throw new EdxmlRefusedException(Finding.of(ReasonCode.XML_TOO_LARGE,
                    size + " bytes > " + limits.maxPackageBytes()));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, attachmentDir);
        }
    }

    public ReadResult read(InputStream raw, Path attachmentDir) throws EdxmlRefusedException, IOException {
        MessageDigest sha = Sha256.digest();
        LimitedStream limited = new LimitedStream(raw, limits.maxPackageBytes());
        InputStream in = new DigestInputStream(new java.io.BufferedInputStream(limited, 65536), sha);
        Handler h = new Handler(attachmentDir);
        try {
            SAXParser parser = factory.newSAXParser();
            parser.parse(new InputSource(new FilterInputStream(in) {
                @Override public void close() { /* drained below, closed by the caller */ }
            }), h);
        } catch (SAXParseException e) {
            h.closeQuietly();
            if (h.fatal != null) throw new EdxmlRefusedException(h.fatal);
            throw new EdxmlRefusedException(Finding.of(classify(e), where(e) + e.getMessage()));
        } catch (SAXException e) {
            h.closeQuietly();
            if (h.fatal != null) throw new EdxmlRefusedException(h.fatal);
            throw new EdxmlRefusedException(Finding.of(ReasonCode.XML_MALFORMED, e.getMessage()));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            h.closeQuietly();
            if (limited.exceeded) {
                throw new EdxmlRefusedException(Finding.of(ReasonCode.XML_TOO_LARGE, "> " + limits.maxPackageBytes() + " bytes"));
            }
            throw e;
        }
        in.transferTo(java.io.OutputStream.nullOutputStream()); // trailing whitespace counts in the hash
        EdxmlPackage pkg = h.build();
        List<Finding> findings = new ArrayList<>(pkg.kind() == PacketKind.STATUS ? h.statusErrors : h.documentErrors);
        return new ReadResult(pkg, HexFormat.of().formatHex(sha.digest()), limited.count, findings);
    }

    private static ReasonCode classify(SAXParseException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("DOCTYPE") || m.contains("DTD") || m.contains("entity")) return ReasonCode.XML_FORBIDDEN_DTD;
        return ReasonCode.XML_MALFORMED;
    }

    static String where(SAXParseException e) {
        return e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " : "";
    }

    /** Counts bytes and stops reading past the limit. */
    private static final class LimitedStream extends FilterInputStream {
        private final long max;
        long count;
        boolean exceeded;

        LimitedStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) add(n);
            return n;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("package larger than " + max + " bytes");
            }
        }
    }

    /** One open element: its name, leaf texts of its children (by relative path), and its text. */
    private static final class Frame {
        final String name;
        final String ns;
        final Map<String, String> leaves = new LinkedHashMap<>();
        final Map<String, List<String>> repeated = new LinkedHashMap<>();
        StringBuilder text;
        boolean hasChildren;

        Frame(String name, String ns) {
            this.name = name;
            this.ns = ns;
        }

        String get(String key) {
            String v = leaves.get(key);
            return v == null ? null : v.strip();
        }

        List<String> all(String key) {
            return repeated.getOrDefault(key, List.of());
        }

        void put(String key, String value) {
            leaves.putIfAbsent(key, value);
            repeated.computeIfAbsent(key, k -> new ArrayList<>(2)).add(value.strip());
        }
    }

    private final class Handler extends DefaultHandler {
        private final Path attachmentDir;
        private final Deque<Frame> stack = new ArrayDeque<>();
        private final ValidatorHandler docValidator;
        private final ValidatorHandler statusValidator;
        final List<Finding> documentErrors = new ArrayList<>();
        final List<Finding> statusErrors = new ArrayList<>();
        Finding fatal;

        // collected
        Organization from;
        final List<Organization> to = new ArrayList<>();
        final List<ResponseFor> responseFor = new ArrayList<>();
        final List<TraceHeader> traces = new ArrayList<>();
        Business business;
        StaffInfo staffInfo;
        SignatureInfo signature;
        String signatureMethod;
        final List<ManifestReference> manifest = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();
        final Map<String, String> fields = new LinkedHashMap<>();
        Frame header;
        final List<String> businessReceivers = new ArrayList<>();
        final List<Business.Replacement> replacements = new ArrayList<>();

        // attachment streaming
        Base64Sink sink;
        Path sinkFile;
        int depth;
        boolean rootSeen;
        int signatureDepth = -1;

        Handler(Path attachmentDir) {
            this.attachmentDir = attachmentDir;
            this.docValidator = schemas == null ? null : schemas.newDocumentValidatorHandler();
            this.statusValidator = schemas == null ? null : schemas.newStatusValidatorHandler();
            if (docValidator != null) docValidator.setErrorHandler(collector(documentErrors));
            if (statusValidator != null) statusValidator.setErrorHandler(collector(statusErrors));
        }

        private ErrorHandler collector(List<Finding> into) {
            return new ErrorHandler() {
                @Override public void warning(SAXParseException e) { }
                @Override public void error(SAXParseException e) { add(e); }
                @Override public void fatalError(SAXParseException e) { add(e); }
                private void add(SAXParseException e) {
                    if (into.size() < 10) into.add(Finding.of(ReasonCode.SCHEMA_INVALID, where(e) + e.getMessage()));
                }
            };
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            if (docValidator != null) docValidator.setDocumentLocator(locator);
            if (statusValidator != null) statusValidator.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            if (docValidator != null) docValidator.startDocument();
            if (statusValidator != null) statusValidator.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            if (docValidator != null) docValidator.endDocument();
            if (statusValidator != null) statusValidator.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            if (docValidator != null) docValidator.startPrefixMapping(prefix, uri);
            if (statusValidator != null) statusValidator.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            if (docValidator != null) docValidator.endPrefixMapping(prefix);
            if (statusValidator != null) statusValidator.endPrefixMapping(prefix);
        }

        private SAXException fail(ReasonCode code, String detail) {
            fatal = Finding.of(code, detail);
            return new SAXException(fatal.sentence());
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            if (docValidator != null) docValidator.startElement(uri, local, qName, atts);
            if (statusValidator != null) statusValidator.startElement(uri, local, qName, atts);
            if (++depth > limits.maxDepth()) throw fail(ReasonCode.XML_TOO_DEEP, "depth > " + limits.maxDepth());
            if (!rootSeen) {
                rootSeen = true;
                if (!"edXML".equals(local) || !NS.equals(uri)) {
                    throw fail(ReasonCode.XML_NOT_EDXML, "root element {" + uri + "}" + local);
                }
            }
            Frame parent = stack.peek();
            if (parent != null) {
                parent.hasChildren = true;
                if (parent.text != null) parent.text.setLength(0); // mixed content: keep only leaf text
            }
            Frame f = new Frame(local, uri);
            stack.push(f);
            if ("Signature".equals(local) && signatureDepth < 0 && parent != null && "edXMLHeader".equals(parent.name)) {
                signatureDepth = depth;
                signature = new SignatureInfo(uri, null);
            } else if (signatureDepth > 0 && "SignatureMethod".equals(local)) {
                signatureMethod = atts.getValue("Algorithm");
            } else if ("MessageHeader".equals(local) && header == null && "edXMLHeader".equals(parent.name) && signatureDepth < 0) {
                header = f;
            } else if ("ContentTransferEncoded".equals(local) && parent != null && "Attachment".equals(parent.name)) {
                openSink();
            }
        }

        private void openSink() throws SAXException {
            if (attachments.size() >= limits.maxAttachments()) {
                throw fail(ReasonCode.XML_TOO_LARGE, "more than " + limits.maxAttachments() + " attachments");
            }
            try {
                Files.createDirectories(attachmentDir);
                sinkFile = attachmentDir.resolve("att-" + (attachments.size() + 1) + ".bin");
                sink = new Base64Sink(new BufferedOutputStream(Files.newOutputStream(sinkFile), 65536));
            } catch (IOException e) {
                throw new SAXException("cannot write attachment to " + attachmentDir + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (sink != null) {
                try {
                    sink.accept(ch, start, length);
                } catch (IOException e) {
                    throw new SAXException(e);
                }
                return;
            }
            if (docValidator != null) docValidator.characters(ch, start, length);
            if (statusValidator != null) statusValidator.characters(ch, start, length);
            Frame f = stack.peek();
            if (f == null || f.hasChildren) return;
            if (f.text == null) f.text = new StringBuilder(Math.min(length, 256));
            if (f.text.length() + length > limits.maxFieldChars()) {
                throw fail(ReasonCode.XML_FIELD_TOO_LONG, f.name + " > " + limits.maxFieldChars() + " characters");
            }
            f.text.append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            if (docValidator != null) docValidator.ignorableWhitespace(ch, start, length);
            if (statusValidator != null) statusValidator.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            Frame f = stack.pop();
            Frame parent = stack.peek();
            if (sink != null && "ContentTransferEncoded".equals(local)) {
                if (docValidator != null) docValidator.characters(PLACEHOLDER, 0, PLACEHOLDER.length);
                if (statusValidator != null) statusValidator.characters(PLACEHOLDER, 0, PLACEHOLDER.length);
                finishSink(parent);
            }
            if (docValidator != null) docValidator.endElement(uri, local, qName);
            if (statusValidator != null) statusValidator.endElement(uri, local, qName);
            if (depth == signatureDepth) signatureDepth = -1;
            depth--;
            if (parent == null) return;
            if (!f.hasChildren) {
                parent.put(local, f.text == null ? "" : f.text.toString());
                return;
            }
            build(f, parent);
            if (f == header) {
                fields.putAll(f.leaves);
            } else if ("TraceHeaderList".equals(local)) {
                f.leaves.forEach(fields::putIfAbsent);
            }
            // make nested leaves addressable from the parent by path, e.g. OtherInfo/Priority
            if (f != header && !"edXMLHeader".equals(parent.name)) {
                f.repeated.forEach((k, vs) -> vs.forEach(v -> parent.put(local + "/" + k, v)));
            }
        }

        private void finishSink(Frame attachmentFrame) throws SAXException {
            try {
                boolean valid = sink.finish();
                long written = sink.written();
                sink.close();
                attachmentFrame.put("#file", sinkFile.toString());
                attachmentFrame.put("#size", Long.toString(written));
                attachmentFrame.put("#valid", Boolean.toString(valid));
            } catch (IOException e) {
                throw new SAXException(e);
            } finally {
                sink = null;
            }
        }

        void closeQuietly() {
            if (sink != null) {
                try {
                    sink.close();
                } catch (IOException ignored) {
                    // refusing anyway
                }
                sink = null;
            }
        }

        /** Turns a finished group element into its model object. */
        private void build(Frame f, Frame parent) {
            String p = parent.name;
            switch (f.name) {
                case "From" -> {
                    if ("MessageHeader".equals(p)) from = org(f);
                }
                case "To" -> {
                    if ("MessageHeader".equals(p)) to.add(org(f));
                }
                case "ResponseFor" -> {
                    if ("MessageHeader".equals(p)) {
                        ResponseFor r = new ResponseFor(f.get("OrganId"), f.get("Code"), f.get("PromulgationDate"), f.get("DocumentId"));
                        if (!r.isEmpty()) responseFor.add(r);
                    }
                }
                case "StaffInfo" -> {
                    StaffInfo s = new StaffInfo(f.get("Department"), f.get("DepartmentId"), f.get("Staff"),
                            f.get("StaffId"), f.get("Mobile"), f.get("Email"));
                    if ("MessageHeader".equals(p)) staffInfo = s;
                    else if ("Bussiness".equals(p)) pendingBusinessStaff = s;
                }
                case "TraceHeader" -> traces.add(new TraceHeader(f.get("OrganId"), f.get("Timestamp")));
                case "Receiver" -> businessReceivers.add(f.get("OrganId"));
                case "ReplacementInfo" -> replacements.add(new Business.Replacement(f.get("DocumentId"),
                        List.copyOf(f.all("OrganIdList/OrganId"))));
                case "Bussiness" -> business = new Business(f.get("DocumentId"), parseType(f.get("BussinessDocType")),
                        f.get("BussinessDocReason"), f.get("Paper"), pendingBusinessStaff,
                        List.copyOf(businessReceivers), List.copyOf(replacements));
                case "Reference" -> {
                    if ("edXMLManifest".equals(p)) {
                        manifest.add(new ManifestReference(f.get("ContentId"), f.get("ContentType"),
                                f.get("Description"), f.get("AttachmentName")));
                    }
                }
                case "Attachment" -> {
                    if ("AttachmentEncoded".equals(p)) {
                        String file = f.get("#file");
                        attachments.add(new Attachment(f.get("ContentId"), f.get("AttachmentName"), f.get("Description"),
                                f.get("ContentType"), file == null ? null : Path.of(file),
                                file == null ? 0 : Long.parseLong(f.get("#size")),
                                file != null && Boolean.parseBoolean(f.get("#valid"))));
                    }
                }
                default -> { }
            }
        }

        StaffInfo pendingBusinessStaff;

        private int parseType(String s) {
            if (s == null || s.isBlank()) return Business.NEW;
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private Organization org(Frame f) {
            return new Organization(f.get("OrganId"), f.get("OrganName"), f.get("OrganizationInCharge"), f.get("OrganAdd"),
                    f.get("Email"), f.get("Telephone"), f.get("Fax"), f.get("Website"));
        }

        EdxmlPackage build() throws EdxmlRefusedException {
            if (header == null) {
                throw new EdxmlRefusedException(Finding.of(ReasonCode.XML_NOT_EDXML, "no edXMLEnvelope/edXMLHeader/MessageHeader"));
            }
            Map<String, String> h = fields;
            boolean status = h.containsKey("StatusCode");
            SignatureInfo sig = signature == null ? null : new SignatureInfo(signature.namespace(), signatureMethod);
            return new EdxmlPackage(status ? PacketKind.STATUS : PacketKind.DOCUMENT,
                    from, List.copyOf(to), strip(h.get("DocumentId")),
                    strip(h.get("Code/CodeNumber")), strip(h.get("Code/CodeNotation")),
                    strip(h.get("PromulgationInfo/Place")), strip(h.get("PromulgationInfo/PromulgationDate")),
                    strip(h.get("DocumentType/Type")), strip(h.get("DocumentType/TypeName")),
                    strip(h.get("Subject")), strip(h.get("Content")),
                    strip(h.get("SignerInfo/Competence")), strip(h.get("SignerInfo/Position")), strip(h.get("SignerInfo/FullName")),
                    strip(h.get("DueDate")), strip(h.get("OtherInfo/Priority")),
                    List.copyOf(responseFor), List.copyOf(traces), business, staffInfo,
                    strip(h.get("StatusCode")), strip(h.get("Description")), strip(h.get("Timestamp")),
                    sig, List.copyOf(manifest), List.copyOf(attachments), Collections.unmodifiableMap(h));
        }

        private String strip(String s) {
            return s == null ? null : s.strip();
        }
    }
}
