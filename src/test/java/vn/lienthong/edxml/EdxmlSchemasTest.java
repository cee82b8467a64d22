package vn.lienthong.edxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** The gateway's edXML schemas accept every good sample and refuse what is structurally wrong. */
class EdxmlSchemasTest {

    private static final String NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    private static EdxmlSchemas schemas;
    private static Path samples;

    @BeforeAll
    static void load() throws URISyntaxException {
        schemas = EdxmlSchemas.fromDirectory(Path.of("schemas"));
        URL readme = EdxmlSchemasTest.class.getResource("/samples/README.md");
        assertNotNull(readme, "samples must be on the test classpath");
        samples = Path.of(readme.toURI()).getParent();
    }

    static Stream<String> documentSamples() {
        return Stream.of("edoc_new.edxml", "edoc_update.edxml", "edoc_replacement.edxml", "edoc_revocation.edxml");
    }

    static Stream<String> statusSamples() throws IOException {
        try (Stream<Path> files = Files.list(samples())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("status") && n.endsWith(".edxml"))
                    .sorted()
                    .toList();
            assertEquals(10, names.size(), "status.edxml and the nine status_*.edxml samples");
            return names.stream();
        }
    }

    private static Path samples() {
        try {
            return Path.of(EdxmlSchemasTest.class.getResource("/samples/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Good samples
    // ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("documentSamples")
    void documentSamplePassesDocumentSchema(String name) throws Exception {
        List<String> errors = validate(schemas.document(), Files.readAllBytes(samples.resolve(name)));
        assertEquals(List.of(), errors, name);
    }

    @ParameterizedTest
    @MethodSource("statusSamples")
    void statusSamplePassesStatusSchema(String name) throws Exception {
        List<String> errors = validate(schemas.status(), Files.readAllBytes(samples.resolve(name)));
        assertEquals(List.of(), errors, name);
    }

    @ParameterizedTest
    @MethodSource("documentSamples")
    void documentSamplePassesInOnePassThroughValidatorHandler(String name) throws Exception {
        List<String> errors = validateWithHandler(schemas.newDocumentValidatorHandler(),
                Files.readAllBytes(samples.resolve(name)));
        assertEquals(List.of(), errors, name);
    }

    @Test
    void statusSamplePassesThroughValidatorHandler() throws Exception {
        List<String> errors = validateWithHandler(schemas.newStatusValidatorHandler(),
                Files.readAllBytes(samples.resolve("status.edxml")));
        assertEquals(List.of(), errors);
    }

    // ------------------------------------------------------------------------------------------
    // Packet kinds are not interchangeable
    // ------------------------------------------------------------------------------------------

    @Test
    void statusPacketFailsDocumentSchema() throws Exception {
        List<String> errors = validate(schemas.document(), Files.readAllBytes(samples.resolve("status_rejection_02.edxml")));
        assertFalse(errors.isEmpty());
        // StaffInfo is not a child of a document's MessageHeader
        assertTrue(errors.get(0).contains("StaffInfo"), errors.toString());
    }

    @Test
    void documentPacketFailsStatusSchema() throws Exception {
        List<String> errors = validate(schemas.status(), Files.readAllBytes(samples.resolve("edoc_new.edxml")));
        assertFalse(errors.isEmpty());
        // To is not a child of a status MessageHeader
        assertTrue(errors.get(0).contains(":To}"), errors.toString());
    }

    @Test
    void documentWithoutEnvelopeFails() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<edXML xmlns=\"" + NS + "\">\n"
                + "  <AttachmentEncoded><Attachment><ContentId>cid:1</ContentId></Attachment></AttachmentEncoded>\n"
                + "</edXML>\n";
        List<String> errors = validate(schemas.document(), bytes(xml));
        assertFalse(errors.isEmpty());
        assertTrue(errors.get(0).contains("edXMLEnvelope"), errors.toString());
    }

    @Test
    void documentWithoutMessageHeaderFails() throws Exception {
        String xml = sample("edoc_new.edxml");
        int from = xml.indexOf("<edXML:MessageHeader>");
        int to = xml.indexOf("</edXML:MessageHeader>") + "</edXML:MessageHeader>".length();
        List<String> errors = validate(schemas.document(), bytes(xml.substring(0, from) + xml.substring(to)));
        assertFalse(errors.isEmpty());
        assertTrue(errors.get(0).contains("MessageHeader"), errors.toString());
    }

    @Test
    void statusCodeMustBeTwoDigits() throws Exception {
        String xml = sample("status.edxml").replace("<edXML:StatusCode>01<", "<edXML:StatusCode>1X<");
        List<String> errors = validate(schemas.status(), bytes(xml));
        assertFalse(errors.isEmpty());
        assertTrue(errors.stream().anyMatch(e -> e.contains("1X")), errors.toString());
    }

    @Test
    void statusTimestampMustHaveEdxmlShape() throws Exception {
        String xml = sample("status.edxml").replace("2018/09/28 17:25:11", "2018-09-28T17:25:11+07:00");
        assertFalse(validate(schemas.status(), bytes(xml)).isEmpty());
    }

    @Test
    void unknownElementInMessageHeaderFailsNamingTheElement() throws Exception {
        String xml = sample("edoc_new.edxml").replace("<edXML:Subject>",
                "<edXML:SecretLevel>Mật</edXML:SecretLevel>\n        <edXML:Subject>");
        List<String> errors = validate(schemas.document(), bytes(xml));
        assertFalse(errors.isEmpty());
        assertTrue(errors.get(0).contains("SecretLevel"), errors.toString());
    }

    @Test
    void unknownElementInOrganizationFails() throws Exception {
        String xml = sample("status.edxml").replace("<edXML:Fax>", "<edXML:Hotline>1900</edXML:Hotline><edXML:Fax>");
        List<String> errors = validate(schemas.status(), bytes(xml));
        assertFalse(errors.isEmpty());
        assertTrue(errors.get(0).contains("Hotline"), errors.toString());
    }

    @Test
    void badDateShapeFails() throws Exception {
        String xml = sample("edoc_new.edxml").replace("<edXML:DueDate>2018/09/28<", "<edXML:DueDate>28/09/2018<");
        List<String> errors = validate(schemas.document(), bytes(xml));
        assertFalse(errors.isEmpty());
        assertTrue(errors.stream().anyMatch(e -> e.contains("28/09/2018")), errors.toString());
    }

    // ------------------------------------------------------------------------------------------
    // Permissive on purpose: what real senders do
    // ------------------------------------------------------------------------------------------

    /**
     * The refused sample with its two defects repaired (undeclared prefixes, test-tool placeholder)
     * exercises what real senders do: children in another order, DocumentId last, empty ResponseFor
     * children, an XML-DSig-namespaced Signature, xlink:href on Reference, a Reference without
     * ContentType, prefixed AttachmentEncoded.
     */
    @Test
    void repairedRefusedSamplePassesDocumentSchema() throws Exception {
        String xml = sample("refused_edoc_unbound-prefix.edxml")
                .replace("<edXML xmlns=\"" + NS + "\">",
                        "<edXML xmlns=\"" + NS + "\" xmlns:edXML=\"" + NS + "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">")
                .replace("${__StringFromFile(test.txt,,,)}", "AA==");
        assertEquals(List.of(), validate(schemas.document(), bytes(xml)));
    }

    @Test
    void refusedSampleIsNotWellFormed() throws Exception {
        SAXParseException e = assertThrows(SAXParseException.class,
                () -> validate(schemas.document(), Files.readAllBytes(samples.resolve("refused_edoc_unbound-prefix.edxml"))));
        assertTrue(e.getMessage().contains("xlink"), e.getMessage());
        assertTrue(e.getLineNumber() > 0);
    }

    @Test
    void signatureInNoNamespaceIsAccepted() throws Exception {
        String xml = sample("edoc_new.edxml").replace("<Signature>", "<Signature xmlns=\"\">");
        assertEquals(List.of(), validate(schemas.document(), bytes(xml)));
    }

    @Test
    void statusMayCarryTraceHeaderListAndSignature() throws Exception {
        String xml = sample("status.edxml").replace("</edXML:MessageHeader>",
                "</edXML:MessageHeader>\n"
                        + "<edXML:TraceHeaderList><edXML:TraceHeader><edXML:OrganId>000.00.00.H41</edXML:OrganId>"
                        + "<edXML:Timestamp>2018/09/28 17:25:11</edXML:Timestamp></edXML:TraceHeader></edXML:TraceHeaderList>\n"
                        + "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo/></ds:Signature>");
        assertEquals(List.of(), validate(schemas.status(), bytes(xml)));
    }

    @Test
    void attachmentPlaceholderIsAccepted() throws Exception {
        // The reader replaces the base64 text by a short placeholder before the validator sees it.
        String xml = sample("edoc_new.edxml").replaceAll(
                "(<edXML:ContentTransferEncoded[^>]*>)[^<]*(</edXML:ContentTransferEncoded>)", "$1AA==$2");
        assertEquals(List.of(), validate(schemas.document(), bytes(xml)));
    }

    // ------------------------------------------------------------------------------------------
    // Loading
    // ------------------------------------------------------------------------------------------

    @Test
    void schemasAreLoadedOnceAndHandlersAreFresh() {
        assertSame(schemas.document(), schemas.forKind(PacketKind.DOCUMENT));
        assertSame(schemas.status(), schemas.forKind(PacketKind.STATUS));
        assertTrue(schemas.newDocumentValidatorHandler() != schemas.newDocumentValidatorHandler());
    }

    @Test
    void missingFolderIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EdxmlSchemas(Path.of("no-such-schemas-folder")));
        assertTrue(e.getMessage().contains("no-such-schemas-folder"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------

    private static String sample(String name) throws IOException {
        return Files.readString(samples.resolve(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static XMLReader secureReader() throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setNamespaceAware(true);
        spf.setXIncludeAware(false);
        spf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        spf.setFeature("http://xml.org/sax/features/external-general-entities", false);
        spf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        return spf.newSAXParser().getXMLReader();
    }

    /** Validation errors (not well-formedness errors: those are thrown). */
    private static List<String> validate(Schema schema, byte[] xml) throws Exception {
        List<String> errors = new ArrayList<>();
        Validator validator = schema.newValidator();
        validator.setErrorHandler(collecting(errors));
        try (InputStream in = new ByteArrayInputStream(xml)) {
            validator.validate(new SAXSource(secureReader(), new InputSource(in)));
        }
        return errors;
    }

    /** The gateway's way: the parser feeds SAX events to the ValidatorHandler in a single pass. */
    private static List<String> validateWithHandler(ValidatorHandler handler, byte[] xml) throws Exception {
        List<String> errors = new ArrayList<>();
        handler.setErrorHandler(collecting(errors));
        handler.setContentHandler(new DefaultHandler());
        XMLReader reader = secureReader();
        reader.setContentHandler(handler);
        reader.setErrorHandler(new DefaultHandler() {
            @Override public void error(SAXParseException e) throws SAXException { throw e; }
        });
        try (InputStream in = new ByteArrayInputStream(xml)) {
            reader.parse(new InputSource(in));
        }
        return errors;
    }

    private static ErrorHandler collecting(List<String> errors) {
        return new ErrorHandler() {
            @Override public void warning(SAXParseException e) { }
            @Override public void error(SAXParseException e) { errors.add("line " + e.getLineNumber() + ": " + e.getMessage()); }
            @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
        };
    }
}
