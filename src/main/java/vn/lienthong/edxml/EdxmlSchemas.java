package vn.lienthong.edxml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * The gateway's edXML schemas (lược đồ edXML), loaded once from a schemas folder:
 * {@code edxml-document.xsd} for document packets (gói tin văn bản) and {@code edxml-status.xsd}
 * for status packets (gói tin trạng thái), both including {@code edxml-common.xsd}.
 *
 * <p>The compiled {@link Schema}s are immutable and thread-safe; share one instance of this class.
 * {@link ValidatorHandler}s are not thread-safe: take a new one per packet. The reader feeds SAX
 * events to the handler while it parses, in a single pass (it substitutes a short placeholder for
 * the base64 attachment text, which the schema declares as a plain string for that reason).
 *
 * <p>Schema loading is hardened: secure processing on, no external DTDs, external schemas only
 * from {@code file:} (so that {@code xs:include} works), and schema warnings treated as errors.
 */
public final class EdxmlSchemas {

    public static final String DOCUMENT_XSD = "edxml-document.xsd";
    public static final String STATUS_XSD = "edxml-status.xsd";
    public static final String COMMON_XSD = "edxml-common.xsd";

    private final Path directory;
    private final Schema document;
    private final Schema status;

    /**
     * Loads and compiles both schemas from {@code schemasDirectory}.
     *
     * @throws IllegalArgumentException if the folder or a schema file is missing
     * @throws IllegalStateException    if a schema cannot be compiled (the message names the file and line)
     */
    public EdxmlSchemas(Path schemasDirectory) {
        Objects.requireNonNull(schemasDirectory, "schemasDirectory");
        this.directory = schemasDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("edXML schemas folder not found: " + directory);
        }
        for (String name : new String[] {COMMON_XSD, DOCUMENT_XSD, STATUS_XSD}) {
            if (!Files.isRegularFile(directory.resolve(name))) {
                throw new IllegalArgumentException("edXML schema file not found: " + directory.resolve(name));
            }
        }
        this.document = compile(directory.resolve(DOCUMENT_XSD));
        this.status = compile(directory.resolve(STATUS_XSD));
    }

    /** Same as {@code new EdxmlSchemas(schemasDirectory)}. */
    public static EdxmlSchemas fromDirectory(Path schemasDirectory) {
        return new EdxmlSchemas(schemasDirectory);
    }

    /** The schema of document packets (root {@code edXML} with envelope and attachments). */
    public Schema document() { return document; }

    /** The schema of status packets (root {@code edXML} with a status MessageHeader). */
    public Schema status() { return status; }

    /** The schema for the given kind of packet. */
    public Schema forKind(PacketKind kind) {
        return switch (Objects.requireNonNull(kind, "kind")) {
            case DOCUMENT -> document;
            case STATUS -> status;
        };
    }

    /** A fresh (not thread-safe) SAX validator for a document packet. */
    public ValidatorHandler newDocumentValidatorHandler() { return newHandler(document); }

    /** A fresh (not thread-safe) SAX validator for a status packet. */
    public ValidatorHandler newStatusValidatorHandler() { return newHandler(status); }

    /** A fresh (not thread-safe) SAX validator for the given kind of packet. */
    public ValidatorHandler newValidatorHandler(PacketKind kind) { return newHandler(forKind(kind)); }

    /** The folder the schemas were loaded from (absolute). */
    public Path directory() { return directory; }

    private static ValidatorHandler newHandler(Schema schema) {
        ValidatorHandler handler = schema.newValidatorHandler();
        // Validation must not reach out either (xsi:schemaLocation hints and the like).
        trySetProperty(handler, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySetProperty(handler, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return handler;
    }

    private static void trySetProperty(ValidatorHandler handler, String name, String value) {
        try {
            handler.setProperty(name, value);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // Not every JAXP implementation knows these properties; the schema is already compiled.
        }
    }

    private static Schema compile(Path xsd) {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("XML schema factory does not support secure settings: " + e.getMessage(), e);
        }
        factory.setErrorHandler(new ErrorHandler() {
            @Override public void warning(SAXParseException e) throws SAXException { throw e; }
            @Override public void error(SAXParseException e) throws SAXException { throw e; }
            @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
        });
        try {
            return factory.newSchema(new StreamSource(xsd.toUri().toString()));
        } catch (SAXParseException e) {
            throw new IllegalStateException("cannot load edXML schema " + xsd + " ("
                    + (e.getSystemId() != null ? e.getSystemId() : xsd) + " line " + e.getLineNumber()
                    + "): " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot load edXML schema " + xsd + ": " + e.getMessage(), e);
        }
    }
}
